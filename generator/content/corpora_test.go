package content

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/relais/relais/generator/site"
)

// corpora are the real blogs of shared/corpora (see
// shared/docs/corpora-survey.md), each with the folder relais reads as its
// content/.
var corpora = []struct{ name, root string }{
	{"jamstatic-fr", "content"},
	{"opentelemetry-blog", "content/en/blog"},
	{"rust-blog", "content"},
	{"jekyll-news", "docs/_posts"},
	{"eleventy-blog", "src/blog"},
	{"hexo-news", "source/_posts"},
}

// corporaDir finds shared/corpora beside the repository. Tests skip when
// it is absent, except in CI.
func corporaDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora"))
	if err == nil {
		if _, err = os.Stat(dir); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("shared/corpora not found beside the repository: %v", err)
	}
	t.Skipf("shared/corpora not found beside the repository (%v); the corpus tests need it", err)
	return ""
}

// asContent shows the folder root of fsys as content/ of a site.
type asContent struct {
	fsys fs.FS
	root string
}

func (a asContent) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "content" || strings.HasPrefix(name, "content/") {
		return a.fsys.Open(path.Join(a.root, strings.TrimPrefix(strings.TrimPrefix(name, "content"), "/")))
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// corpusErrors are the errors each corpus gives: its two malformed dates
// (corpora-survey §4). Everything else in 1,326 real files loads.
var corpusErrors = map[string][]string{
	"jamstatic-fr": {`content/post/de-wordpress-a-hugo-un-nouvel-etat-d-esprit.md:4: lastmod "2019-05-03T158:12:14+01:00": unexpected "8:12:14+01:00" (want YYYY-MM-DD or RFC 3339)`},
	"jekyll-news":  {`content/2023-01-29-jekyll-3-9-3-released.markdown:3: date "2023-01-29 18:30:22 2023 -0800": unexpected "2023 -0800" (want YYYY-MM-DD or RFC 3339)`},
}

// TestLoadCorpora loads every real blog: no panic, every error and warning
// names a file and a line, every value encodes as JSON, and the errors are
// exactly the known bad dates.
func TestLoadCorpora(t *testing.T) {
	dir := corporaDir(t)
	cfg := &site.Config{LanguageCode: "en-US"}
	for _, c := range corpora {
		t.Run(c.name, func(t *testing.T) {
			fsys := asContent{os.DirFS(filepath.Join(dir, c.name)), c.root}
			pages, warns, err := Load(fsys, cfg, Options{Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), Drafts: true})
			var errs []string
			if err != nil {
				for _, e := range flatten(err) {
					errs = append(errs, e.Error())
					if e.Path == "" || e.Line <= 0 {
						t.Errorf("error without a file line: %v", e)
					}
				}
			}
			for _, w := range warns {
				if w.Path == "" || w.Line <= 0 {
					t.Errorf("warning without a file line: %v", w)
				}
			}
			if !reflect.DeepEqual(errs, corpusErrors[c.name]) {
				t.Errorf("errors =\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(corpusErrors[c.name], "\n"))
			}
			undated, bundles, resources, aliases := 0, 0, 0, 0
			for _, p := range pages {
				if p.Date.IsZero() && p.Kind == site.KindPage {
					undated++
				}
				if p.Bundle {
					bundles++
				}
				resources += len(p.Resources)
				aliases += len(p.Aliases)
				if !strings.HasPrefix(p.URL, "/") {
					t.Errorf("%s: URL %q", p.Path, p.URL)
				}
				if _, err := json.Marshal(p.Params); err != nil {
					t.Errorf("%s: Params do not encode as JSON: %v", p.Path, err)
				}
			}
			if _, err := Static(fsys, pages); err != nil {
				t.Errorf("Static: %v", err)
			}
			t.Logf("%s: %d pages (%d bundles, %d resources, %d aliases, %d regular pages undated), %d errors, %d warnings",
				c.name, len(pages), bundles, resources, aliases, undated, len(errs), len(warns))
			for _, w := range warns {
				t.Logf("  warning: %v", w)
			}
		})
	}
}

// BenchmarkLoadCorpus loads the largest corpus, rust-blog: 754 TOML files.
func BenchmarkLoadCorpus(b *testing.B) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", "rust-blog"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("rust-blog corpus not found: %v", err)
	}
	fsys := asContent{os.DirFS(dir), "content"}
	cfg := &site.Config{LanguageCode: "en-US"}
	for b.Loop() {
		pages, _, err := Load(fsys, cfg, Options{})
		if err != nil || len(pages) != 754 {
			b.Fatalf("Load = %d pages, %v", len(pages), err)
		}
	}
}

// BenchmarkParseCorpus parses the files of rust-blog from memory: the
// front-matter cost of Load, without reading the disk.
func BenchmarkParseCorpus(b *testing.B) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpora", "rust-blog", "content"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("rust-blog corpus not found: %v", err)
	}
	var names []string
	var files [][]byte
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		names, files = append(names, "content/"+filepath.ToSlash(p[len(dir)+1:])), append(files, data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	cfg := &site.Config{LanguageCode: "en-US"}
	b.ReportAllocs()
	for b.Loop() {
		for i, data := range files {
			if _, _, err := Parse(names[i], data, cfg); err != nil {
				b.Fatal(err)
			}
		}
	}
}
