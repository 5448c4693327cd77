package generator

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/relais/relais/generator/site"
)

var update = flag.Bool("update", false, "rewrite golden files")

// clock is the "now" of every test build, so goldens never drift.
var clock = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

// txtarFS reads a txtar archive into a MapFS.
func txtarFS(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(name)
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range a.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return m
}

// goldenFiles are the outputs compared byte for byte; the rest (the theme's
// CSS, cards' PNG bytes) is checked elsewhere, so a CSS tweak does not
// rewrite every golden.
func goldenFiles(files map[string][]byte) []string {
	var names []string
	for name := range files {
		switch {
		case strings.HasSuffix(name, ".css"), strings.HasSuffix(name, ".png"), strings.HasSuffix(name, ".svg"), strings.HasSuffix(name, ".js"):
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

func TestGoldenSites(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/*.txtar")
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.txtar") {
			continue
		}
		name := strings.TrimSuffix(filepath.Base(in), ".txtar")
		t.Run(name, func(t *testing.T) {
			src := txtarFS(t, in)
			res, err := Build(src, Options{Now: clock})
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			var got txtar.Archive
			for _, f := range goldenFiles(res.Files) {
				got.Files = append(got.Files, txtar.File{Name: f, Data: res.Files[f]})
			}
			for _, w := range res.Warnings {
				got.Comment = append(got.Comment, []byte("warning: "+w.Error()+"\n")...)
			}
			checkGolden(t, filepath.Join("testdata", name+".golden.txtar"), &got)

			// A second build of the same input gives the same bytes, as gofmt does.
			again, err := Build(src, Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			for name, b := range res.Files {
				if !bytes.Equal(b, again.Files[name]) {
					t.Errorf("%s: two builds differ", name)
				}
			}
		})
	}
}

// checkGolden compares an archive of outputs with its golden file, or
// rewrites the file under -update.
func checkGolden(t *testing.T, golden string, got *txtar.Archive) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, txtar.Format(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./generator -update to create it)", err)
	}
	if !bytes.Equal(got.Comment, want.Comment) {
		t.Errorf("warnings = %s; want %s", got.Comment, want.Comment)
	}
	wantFiles := map[string][]byte{}
	for _, f := range want.Files {
		wantFiles[f.Name] = f.Data
	}
	for _, f := range got.Files {
		w, ok := wantFiles[f.Name]
		if !ok {
			t.Errorf("%s: written, not in the golden file", f.Name)
			continue
		}
		if !bytes.Equal(f.Data, w) {
			t.Errorf("%s differs from the golden file (go test ./generator -update, then review the diff):\n%s", f.Name, firstDiff(f.Data, w))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		t.Errorf("%s: in the golden file, not written", name)
	}
}

// firstDiff shows the first differing line, with its neighbours.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, gl, wl)
		}
	}
	return "(same lines, different bytes)"
}

func TestBuildReportsEveryError(t *testing.T) {
	src := fstest.MapFS{
		"config.toml":            {Data: []byte("title = \"x\"\nbaseURL = \"https://x.example/\"\n")},
		"content/posts/ok.md":    {Data: []byte("---\ntitle: OK\ndate: 2026-01-02\n---\nbody\n")},
		"content/posts/bad1.md":  {Data: []byte("---\ntitle: A\ndate: 2026-13-45\n---\nbody\n")},
		"content/posts/bad2.md":  {Data: []byte("---\ntitle: B\ntags: [a\n---\nbody\n")},
		"layouts/partials/x.txt": {Data: []byte("unused")},
	}
	_, err := Build(src, Options{Now: clock})
	if err == nil {
		t.Fatal("Build succeeded; want errors for bad1.md and bad2.md")
	}
	msg := err.Error()
	for _, want := range []string{"content/posts/bad1.md:3:", "content/posts/bad2.md:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors = %q; want %q in them", msg, want)
		}
	}
	var se *site.Error
	if !errors.As(err, &se) {
		t.Errorf("errors carry no *site.Error: %v", err)
	}
}

func TestBuildTemplateErrorNamesFile(t *testing.T) {
	src := fstest.MapFS{
		"config.toml":        {Data: []byte("title = \"x\"\n")},
		"content/posts/a.md": {Data: []byte("---\ntitle: A\ndate: 2026-01-02\n---\nbody\n")},
		"layouts/page.html":  {Data: []byte("<html>\n{{ .Nope.Broken }\n</html>\n")},
	}
	_, err := Build(src, Options{Now: clock})
	if err == nil || !strings.Contains(err.Error(), "layouts/page.html:2") {
		t.Errorf("Build = %v; want an error naming layouts/page.html:2", err)
	}
}

func TestBuildDraftsFutureExpired(t *testing.T) {
	src := fstest.MapFS{
		"config.toml":             {Data: []byte("title = \"x\"\nbaseURL = \"https://x.example/\"\n[cards]\ndisabled = true\n")},
		"content/posts/live.md":   {Data: []byte("---\ntitle: Live\ndate: 2026-01-02\n---\nbody\n")},
		"content/posts/draft.md":  {Data: []byte("---\ntitle: Draft\ndate: 2026-01-02\ndraft: true\n---\nbody\n")},
		"content/posts/future.md": {Data: []byte("---\ntitle: Future\ndate: 2027-01-02\n---\nbody\n")},
		"content/posts/old.md":    {Data: []byte("---\ntitle: Old\ndate: 2020-01-02\nexpiryDate: 2021-01-01\n---\nbody\n")},
	}
	tests := []struct {
		name string
		opt  Options
		want []string
	}{
		{"default", Options{Now: clock}, []string{"live"}},
		{"drafts", Options{Now: clock, Drafts: true}, []string{"draft", "live"}},
		{"future", Options{Now: clock, Future: true}, []string{"future", "live"}},
		{"expired", Options{Now: clock, Expired: true}, []string{"live", "old"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Build(src, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, slug := range []string{"draft", "future", "live", "old"} {
				page := "posts/" + slug + "/index.html"
				_, inPages := res.Files[page]
				inFeed := bytes.Contains(res.Files["index.xml"], []byte("/posts/"+slug+"/"))
				inSitemap := bytes.Contains(res.Files["sitemap.xml"], []byte("/posts/"+slug+"/"))
				inSocial := bytes.Contains(res.Files["social/index.json"], []byte("/posts/"+slug+"/"))
				if inPages != inFeed || inPages != inSitemap || inPages != inSocial {
					t.Errorf("%s: page %v, feed %v, sitemap %v, social %v; want all or none", slug, inPages, inFeed, inSitemap, inSocial)
				}
				if inPages {
					got = append(got, slug)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("published = %v; want %v", got, tt.want)
			}
		})
	}
}

// corpora are real blogs' content trees in ../shared/corpora, with the
// folder to point relais at.
var corpora = map[string]string{
	"jamstatic-fr":       "content",
	"opentelemetry-blog": "content",
	"rust-blog":          "content",
	"jekyll-news":        "docs/_posts",
	"eleventy-blog":      "src/blog",
	"hexo-news":          "source/_posts",
}

// overlay is a site made of a config file and a content folder elsewhere.
type overlay struct {
	config  []byte
	content fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	switch {
	case name == "config.toml":
		return fstest.MapFS{"config.toml": {Data: o.config}}.Open(name)
	case name == "content":
		return o.content.Open(".")
	case strings.HasPrefix(name, "content/"):
		return o.content.Open(strings.TrimPrefix(name, "content/"))
	case name == ".":
		return fstest.MapFS{"config.toml": {Data: o.config}, "content/.keep": {}}.Open(".")
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func sharedDir(t *testing.T, rel string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing: CI must have ../shared beside the repo", dir)
		}
		t.Skipf("%s not found (the shared folder beside the repo); skipping", dir)
	}
	return dir
}

func TestCorpora(t *testing.T) {
	base := sharedDir(t, "corpora")
	for name, root := range corpora {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := overlay{
				config:  []byte("title = \"" + name + "\"\nbaseURL = \"https://corpus.example/\"\n[cards]\ndisabled = true\n"),
				content: os.DirFS(filepath.Join(base, name, root)),
			}
			res, err := Build(src, Options{Now: clock})
			var all []error
			if err != nil {
				all = append(all, flatten(err)...)
			}
			for _, w := range res.Warnings {
				all = append(all, w)
			}
			for _, e := range all {
				var se *site.Error
				if !errors.As(e, &se) || se.Path == "" || se.Line <= 0 && !lineOptional(se) {
					t.Errorf("error without a file and line: %v", e)
				}
			}
			if err == nil && res.Pages == 0 {
				t.Errorf("no pages built")
			}
			t.Logf("%s: %d pages, %d errors/warnings", name, res.Pages, len(all))
		})
	}
}

// lineOptional tells errors about a whole file (an unreadable file, a
// missing image named in front matter) from errors inside it.
func lineOptional(e *site.Error) bool {
	return strings.Contains(e.Err.Error(), "not found") || strings.Contains(e.Err.Error(), "invalid UTF-8")
}

func flatten(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// TestPreviewKeepsPublishedLinks builds as relais serve does, with a local
// base URL: pages link locally, social excerpts still to the published site.
func TestPreviewKeepsPublishedLinks(t *testing.T) {
	res, err := Build(os.DirFS(".."), Options{Now: clock, BaseURL: "http://127.0.0.1:1414/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("a local base URL gives warnings: %v", res.Warnings)
	}
	if !bytes.Contains(res.Files["index.html"], []byte(`href="http://127.0.0.1:1414/`)) {
		t.Errorf("pages do not use the local base URL")
	}
	idx := res.Files["social/index.json"]
	if bytes.Contains(idx, []byte("127.0.0.1")) || !bytes.Contains(idx, []byte("https://demo.relais.dev/posts/")) {
		t.Errorf("social excerpts do not link to the published site")
	}
}
