package generator

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais/relais/generator/site"
)

// TestBuilderMatchesBuild edits the test blog step by step, the ways an
// author does while relais serve runs, and after each step holds the
// Builder's result to a fresh Build's: the same files byte for byte, the
// same warnings and errors, and Changed naming exactly the files that
// differ from the previous step.
//
// With Options.Defer, as relais serve builds, the deferred social exports
// are rendered and held to the fresh Build's too, and Changed may name a
// deferred file whose bytes came out the same, but no other.
func TestBuilderMatchesBuild(t *testing.T) {
	for _, deferExports := range []bool{false, true} {
		name := "all files"
		if deferExports {
			name = "exports deferred"
		}
		t.Run(name, func(t *testing.T) { testBuilderMatchesBuild(t, deferExports) })
	}
}

func testBuilderMatchesBuild(t *testing.T, deferExports bool) {
	src := txtarFS(t, "testdata/blog.txtar")
	b := NewBuilder(Options{Now: clock, Defer: deferExports})
	write := func(name, text string) { src[name] = &fstest.MapFile{Data: []byte(text)} }
	edit := func(name, old, new string) {
		t.Helper()
		s := string(src[name].Data)
		if !strings.Contains(s, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		write(name, strings.Replace(s, old, new, 1))
	}
	appendTo := func(name, text string) { write(name, string(src[name].Data)+text) }
	steps := []struct {
		name    string
		change  func()
		changed []string // the paths the watcher reports
		fast    bool     // only bodies changed: the site model is kept
	}{
		{"first build", func() {}, nil, false},
		{"body edit at the end", func() { appendTo("content/posts/charte.md", "\nUn paragraphe de plus.\n") }, []string{"content/posts/charte.md"}, true},
		{"body edit at the start", func() {
			edit("content/posts/mesure.md", "Le ROI se calcule", "Le retour sur investissement se calcule")
		}, []string{"content/posts/mesure.md"}, true},
		{"saved unchanged", func() {}, []string{"content/posts/mesure.md"}, true},
		{"title edit", func() { edit("content/posts/mesure.md", `title = "Mesurer le ROI"`, `title = "Mesurer le retour"`) }, []string{"content/posts/mesure.md"}, false},
		{"tag added", func() { edit("content/posts/charte.en.md", "tags: [Moderation]", "tags: [Moderation, Community]") }, []string{"content/posts/charte.en.md"}, false},
		{"new article", func() {
			write("content/posts/nouveau.md", "---\ntitle: Nouveau\ndate: 2026-06-01\ntags: [Nouveauté]\n---\nUn tout nouvel article, qui renvoie à [la charte](charte.md).\n")
		}, []string{"content/posts/nouveau.md"}, false},
		{"linked article deleted", func() { delete(src, "content/posts/mesure.md") }, []string{"content/posts/mesure.md"}, false},
		{"linked article back", func() {
			write("content/posts/mesure.md", "+++\ntitle = \"Mesurer\"\ndate = 2026-02-01T09:30:00+01:00\n+++\nDe retour.\n")
		}, []string{"content/posts/mesure.md"}, false},
		{"date moves it across pager pages", func() {
			edit("content/posts/bundle/index.md", `"date": "2026-01-10 08:00"`, `"date": "2026-07-10 08:00"`)
		}, []string{"content/posts/bundle/index.md"}, false},
		{"title from the first heading", func() {
			write("content/posts/sans-titre.md", "---\ndate: 2026-04-01\n---\n# Un titre dans le texte\n\nLe corps.\n")
		}, []string{"content/posts/sans-titre.md"}, false},
		{"first heading edited", func() { edit("content/posts/sans-titre.md", "# Un titre dans le texte", "# Un autre titre") }, []string{"content/posts/sans-titre.md"}, false},
		{"body under a heading title", func() { appendTo("content/posts/sans-titre.md", "\nEncore.\n") }, []string{"content/posts/sans-titre.md"}, true},
		{"draft edited", func() { appendTo("content/posts/brouillon.md", "\nToujours pas.\n") }, []string{"content/posts/brouillon.md"}, true},
		{"draft published", func() { edit("content/posts/brouillon.md", "draft: true", "draft: false") }, []string{"content/posts/brouillon.md"}, false},
		{"partial overridden", func() {
			write("layouts/partials/footer.html", `<footer class="site-footer"><p>{{ .SiteTitle }} · {{ .Year }}</p></footer>`)
		}, []string{"layouts/partials/footer.html"}, false},
		{"layout that reads the whole site", func() {
			write("layouts/posts/page.html", `{{ define "main" }}<h1>{{ .Page.Title }}</h1>{{ .Page.HTML }}<ul>{{ range .Site.Pages }}<li>{{ .Title }}: {{ .WordCount }}</li>{{ end }}</ul>{{ end }}`)
		}, []string{"layouts/posts/page.html"}, false},
		{"body edit seen by the whole site", func() { appendTo("content/posts/nouveau.md", "\nQuelques mots de plus pour changer le compte.\n") }, []string{"content/posts/nouveau.md"}, true},
		{"layout removed", func() { delete(src, "layouts/posts/page.html") }, []string{"layouts/posts/page.html"}, false},
		{"translation overridden", func() { write("i18n/fr.toml", "[readMore]\nother = \"Lire l’article\"\n") }, []string{"i18n/fr.toml"}, false},
		{"static file added", func() { write("static/robots.txt", "User-agent: *\nDisallow: /brouillons/\n") }, []string{"static/robots.txt"}, false},
		{"static file changed", func() { write("static/robots-extra.txt", "changed") }, []string{"static/robots-extra.txt"}, false},
		{"static file removed", func() { delete(src, "static/robots.txt") }, []string{"static/robots.txt"}, false},
		{"bundle resource changed", func() { write("content/posts/bundle/cover.png", "another picture") }, []string{"content/posts/bundle/cover.png"}, false},
		{"new folder", func() {
			write("content/posts/dossier/index.md", "---\ntitle: Dossier\ndate: 2026-05-01\n---\nUn dossier.\n")
			write("content/posts/dossier/photo.jpg", "a photo")
		}, []string{"content/posts/dossier"}, false},
		{"folder removed", func() {
			delete(src, "content/posts/dossier/index.md")
			delete(src, "content/posts/dossier/photo.jpg")
		}, []string{"content/posts/dossier"}, false},
		{"broken front matter", func() { edit("content/posts/charte.md", "date: 2026-03-05", "date: 2026-13-05") }, []string{"content/posts/charte.md"}, false},
		{"front matter fixed", func() { edit("content/posts/charte.md", "date: 2026-13-05", "date: 2026-03-05") }, []string{"content/posts/charte.md"}, false},
		{"clock passes a future post", func() { b.opt.Now = time.Date(2027, 1, 2, 10, 0, 0, 0, time.UTC) }, []string{"content/posts/charte.md"}, false},
		{"config changed", func() { edit("config.toml", `title = "Le blog test"`, `title = "Le blog d’essai"`) }, []string{"config.toml"}, false},
		{"body edit after the config", func() { appendTo("content/posts/charte.md", "\nDernier ajout.\n") }, []string{"content/posts/charte.md"}, true},
	}
	var prev map[string][]byte
	for _, step := range steps {
		step.change()
		got, gotErr := b.Build(src, step.changed)
		ref := b.opt
		ref.Defer = false
		want, wantErr := Build(src, ref)
		if errText(gotErr) != errText(wantErr) {
			t.Fatalf("%s: Builder error %q; Build error %q", step.name, errText(gotErr), errText(wantErr))
		}
		if g, w := warnings(got.Warnings), warnings(want.Warnings); g != w {
			t.Errorf("%s: Builder warnings:\n%s\nBuild warnings:\n%s", step.name, g, w)
		}
		if gotErr != nil {
			continue
		}
		files := got.Files
		if deferExports {
			if len(got.Deferred) == 0 {
				t.Fatalf("%s: nothing deferred", step.name)
			}
			files = maps.Clone(got.Files)
			for path, render := range got.Deferred {
				if _, dup := files[path]; dup {
					t.Fatalf("%s: %s both deferred and written", step.name, path)
				}
				if files[path], gotErr = render(); gotErr != nil {
					t.Fatalf("%s: rendering %s: %v", step.name, path, gotErr)
				}
			}
		}
		if d := filesDiff(files, want.Files); d != "" {
			t.Fatalf("%s: Builder and Build differ:\n%s", step.name, d)
		}
		if step.fast && b.st.mode != "body" {
			t.Errorf("%s: built as %q; want only the changed bodies rendered again", step.name, b.st.mode)
		}
		if prev != nil {
			want := changedFiles(prev, files)
			extra := slices.DeleteFunc(slices.Clone(got.Changed), func(p string) bool { return slices.Contains(want, p) || got.Deferred[p] != nil })
			missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return slices.Contains(got.Changed, p) })
			if len(extra) > 0 || len(missing) > 0 || !deferExports && !slices.Equal(got.Changed, want) {
				t.Errorf("%s: Changed = %q; want %q", step.name, got.Changed, want)
			}
		}
		prev = files
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func warnings(ws []*site.Error) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Error() + "\n")
	}
	return b.String()
}

// filesDiff describes how two sites differ, "" when they are the same.
func filesDiff(got, want map[string][]byte) string {
	var out []string
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			out = append(out, "missing "+name)
		case !bytes.Equal(g, w):
			out = append(out, fmt.Sprintf("%s differs:\n--- Builder\n%s\n--- Build\n%s", name, g, w))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			out = append(out, "extra "+name)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// changedFiles lists what differs between two builds' files.
func changedFiles(old, cur map[string][]byte) []string {
	out := []string{}
	for name, b := range cur {
		if a, ok := old[name]; !ok || !bytes.Equal(a, b) {
			out = append(out, name)
		}
	}
	for name := range old {
		if _, ok := cur[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
