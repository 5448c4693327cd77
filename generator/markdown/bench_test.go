package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/relais/relais/generator/typography"
)

// frenchPost is a community-management post of about 1,000 words with
// the usual furniture: headings, lists, a table, code, footnotes, a
// callout, a definition list, links to other posts.
func frenchPost(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/post-fr.md")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func BenchmarkRender(b *testing.B) {
	src := frenchPost(b)
	resolve := func(dest string) (string, bool) { return "/posts/x/", true }
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"site", site},
		{"plain", Options{Unsafe: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := New(bc.opt)
			in := Input{Source: src, Lang: "fr", ExtractTitle: true, ResolveLink: resolve}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Render(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRenderParallel(b *testing.B) {
	src := frenchPost(b)
	m := New(site)
	in := Input{Source: src, Lang: "fr", ExtractTitle: true}
	b.SetBytes(int64(len(src)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := m.Render(in); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// benchCorpus is the generated 10,000-post benchmark site that relais is
// measured against Hugo with; RELAIS_BENCH_CORPUS points elsewhere.
func benchCorpus(b *testing.B) [][]byte {
	b.Helper()
	dir := os.Getenv("RELAIS_BENCH_CORPUS")
	if dir == "" {
		dir = "/dev/shm/relais-bench/corpus/content/posts"
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skipf("benchmark corpus not found (%v); generate it or set RELAIS_BENCH_CORPUS", err)
	}
	var posts [][]byte
	// Every 33rd post: some 300 of them, spread over the whole corpus
	// (its names are sorted by title, not by kind of post).
	for i := 0; i < len(entries); i += 33 {
		raw, err := os.ReadFile(filepath.Join(dir, entries[i].Name()))
		if err != nil {
			b.Fatal(err)
		}
		posts = append(posts, body(raw))
	}
	if len(posts) == 0 {
		b.Skipf("no posts in %s", dir)
	}
	return posts
}

// BenchmarkCorpus renders posts of the benchmark corpus, one per op, as
// the build does: site defaults (raw HTML, highlighting), a French page
// whose front matter has the title, links resolved; "typography" adds
// the pass as render.go configures it, and "goldmark" is the floor.
func BenchmarkCorpus(b *testing.B) {
	posts := benchCorpus(b)
	var size int
	for _, p := range posts {
		size += len(p)
	}
	resolve := func(dest string) (string, bool) { return "/posts/x/", true }
	typo := site
	typo.Extensions = []goldmark.Extender{typography.Extension(typography.Defaults(), Lang)}
	b.Run("goldmark", func(b *testing.B) {
		// The floor: goldmark alone with GFM and footnotes, no highlighting.
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
		var buf bytes.Buffer
		measure(b, size/len(posts), func(i int) {
			buf.Reset()
			if err := md.Convert(posts[i%len(posts)], &buf); err != nil {
				b.Fatal(err)
			}
		})
	})
	for _, bc := range []struct {
		name string
		opt  Options
	}{
		{"markdown", site},
		{"typography", typo},
	} {
		b.Run(bc.name, func(b *testing.B) {
			m := New(bc.opt)
			measure(b, size/len(posts), func(i int) {
				in := Input{Source: posts[i%len(posts)], Lang: "fr", ResolveLink: resolve}
				if _, err := m.Render(in); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// measure runs f(0), f(1)… in b.Loop and reports, besides ns/op, the CPU
// time per op (cpu-ns/op) of the whole process, garbage collection
// included: on a machine shared with other work, wall time says little.
func measure(b *testing.B, bytes int, f func(i int)) {
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	i := 0
	var start time.Duration
	for b.Loop() {
		if i == 0 {
			start = cpuTime()
		}
		f(i)
		i++
	}
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(i), "cpu-ns/op")
	}
}
