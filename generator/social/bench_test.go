package social

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relais/relais/generator/social/count"
)

// BenchmarkCompose composes the eight excerpts of a French article with
// its paragraphs, the typical page of a build.
func BenchmarkCompose(b *testing.B) {
	p := post(func(p *Post) {
		p.Description = fediverse
		p.Paragraphs = []string{fediverse, oneSentence, question, fediverse, oneSentence}
	})
	opt := Options{Typography: frenchTypo}
	for b.Loop() {
		Compose(p, opt)
	}
}

func BenchmarkCountX(b *testing.B) {
	s := fediverse + "\n\n" + utm("x") + "\n\n#Modération #Communauté"
	for b.Loop() {
		count.X(s)
	}
}

// benchPosts reads every 33rd article of the generated 10,000-post
// benchmark corpus (some 300, spread over it) the way corpusPost reads the
// real blogs; RELAIS_BENCH_CORPUS points elsewhere.
func benchPosts(b *testing.B) []Post {
	b.Helper()
	dir := os.Getenv("RELAIS_BENCH_CORPUS")
	if dir == "" {
		dir = "/dev/shm/relais-bench/corpus/content/posts"
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("benchmark corpus not found (%v); generate it with scripts/bench.sh or set RELAIS_BENCH_CORPUS", err)
	}
	var posts []Post
	for i := 0; i < len(entries); i += 33 {
		name := entries[i].Name()
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		if p, ok := corpusPost(b, filepath.Join(dir, name), "https://exemple.fr/posts/", "fr"); ok {
			posts = append(posts, p)
		}
	}
	if len(posts) == 0 {
		b.Skipf("no article in %s", dir)
	}
	return posts
}

// BenchmarkComposeCorpus composes the excerpts of real benchmark articles,
// one article per op.
func BenchmarkComposeCorpus(b *testing.B) {
	posts := benchPosts(b)
	opt := Options{Typography: frenchTypo}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		Compose(posts[i%len(posts)], opt)
		i++
	}
}

// BenchmarkExportsCorpus renders index.json, then every CSV file, from
// the excerpts of the benchmark articles (all with a share image, so that
// every file has its rows); ns/article is the cost of one article.
func BenchmarkExportsCorpus(b *testing.B) {
	posts := benchPosts(b)
	items := make([]Item, len(posts))
	for i, p := range posts {
		ex, _ := Compose(p, Options{Typography: frenchTypo})
		items[i] = Item{Post: p, Excerpts: ex}
	}
	site := SiteInfo{Title: "Blog", BaseURL: "https://exemple.fr/"}
	for _, bc := range []struct {
		name    string
		exports []Export
	}{
		{"json", Exports[:1]},
		{"csv", Exports[1:]},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, e := range bc.exports {
					if _, err := e.Render(items, site); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/article")
		})
	}
}
