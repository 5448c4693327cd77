package social

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// corpora returns shared/corpora beside the repository, skipping the
// test when it is absent, except under CI.
func corpora(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if parent := filepath.Dir(dir); parent != dir {
			dir = parent
			continue
		}
		t.Fatal("go.mod not found above the test")
	}
	root := filepath.Join(dir, "..", "shared", "corpora")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpora missing under CI: %v", err)
		}
		t.Skipf("corpora not found (%v): skipped outside CI", err)
	}
	return root
}

var (
	mdLink      = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdShortcode = regexp.MustCompile(`\{\{[<%].*?[%>]\}\}`)
	mdMarks     = strings.NewReplacer("**", "", "__", "", "`", "", "*", "")
)

// corpusPost reads a real article the way relais hands it over: front
// matter fields, and the plain text of the body's paragraphs (a rough
// Markdown reading, enough to feed real prose to Compose).
func corpusPost(t testing.TB, path, base, lang string) (Post, bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return Post{}, false
	}
	fm, body, ok := bytes.Cut(b[4:], []byte("\n---\n"))
	if !ok {
		return Post{}, false
	}
	var m struct {
		Title, Description string
		Date               string
		Tags, Categories   []string
	}
	if yaml.Unmarshal(fm, &m) != nil || m.Title == "" {
		return Post{}, false
	}
	var paras []string
	for blk := range strings.SplitSeq(string(body), "\n\n") {
		blk = strings.TrimSpace(mdShortcode.ReplaceAllString(blk, ""))
		if blk == "" || strings.ContainsAny(blk[:1], "#`<|->*!{:") || strings.HasPrefix(blk, "1.") {
			continue
		}
		paras = append(paras, strings.Join(strings.Fields(mdMarks.Replace(mdLink.ReplaceAllString(blk, "$1"))), " "))
	}
	slug := strings.TrimSuffix(filepath.Base(path), ".md")
	if slug == "index" {
		slug = filepath.Base(filepath.Dir(path))
	}
	p := Post{
		URL: base + slug + "/", Slug: slug, Title: m.Title, Lang: lang, Description: m.Description,
		Paragraphs: paras, Tags: append(m.Tags, m.Categories...), Image: base + slug + "/card.png",
		Source: path, Line: 1,
	}
	if d, err := time.Parse("2006-01-02", strings.Fields(m.Date + " x")[0]); err == nil {
		p.Date = d
	}
	if len(paras) > 0 {
		p.Summary = paras[0]
	}
	return p, true
}

// TestCorpora composes every article of two real blogs, one French and
// one English: every excerpt must be valid and carry its link.
func TestCorpora(t *testing.T) {
	root := corpora(t)
	sets := []struct{ dir, base, lang string }{
		{"jamstatic-fr/content/post", "https://jamstatic.fr/", "fr"},
		{"opentelemetry-blog/content", "https://opentelemetry.io/blog/", "en"},
	}
	n := 0
	for _, set := range sets {
		err := filepath.WalkDir(filepath.Join(root, set.dir), func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || strings.HasSuffix(path, "_index.md") {
				return err
			}
			p, ok := corpusPost(t, path, set.base, set.lang)
			if !ok {
				return nil
			}
			ex, _ := Compose(p, Options{Typography: frenchTypo})
			for _, e := range ex {
				assertValid(t, p, e)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 300 {
		t.Errorf("composed %d articles; want the 300 or so of the two blogs", n)
	}
}
