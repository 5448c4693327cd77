package content

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relais/relais/generator/site"
)

var update = flag.Bool("update", false, "rewrite golden files")

// now is the build clock of the tests.
var now = time.Date(2024, 6, 1, 12, 0, 0, 0, paris)

// mapFS builds a site folder from path/text pairs.
func mapFS(files ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = &fstest.MapFile{Data: []byte(files[i+1])}
	}
	return m
}

func paths(pages []*site.Page) []string {
	var out []string
	for _, p := range pages {
		out = append(out, p.Path)
	}
	return out
}

func TestLoadStructure(t *testing.T) {
	fsys := mapFS(
		"content/_index.md", "---\ntitle: Accueil\n---\n",
		"content/a-propos.md", "---\ntitle: À propos\n---\n",
		"content/posts/_index.md", "---\ntitle: Articles\n---\n",
		"content/posts/2024-03-01-bonjour.md", "---\ntitle: Bonjour\n---\nCorps\n",
		"content/posts/voyage/index.md", "---\ntitle: Voyage\n---\n",
		"content/posts/voyage/cover.jpg", "jpg",
		"content/posts/voyage/images/carte.png", "png",
		"content/posts/voyage/.DS_Store", "junk",
		"content/posts/voyage/notes.md", "---\ntitle: Notes\n---\n",
		"content/posts/voyage/etape/index.md", "---\ntitle: Étape\n---\n",
		"content/posts/voyage/etape/photo.webp", "webp",
		"content/posts/seul.md~", "editor backup",
		"content/.obsidian/x.md", "---\ntitle: hidden\n---\n",
		"content/posts/.#lock.md", "lock",
	)
	pages, warns, err := Load(fsys, frenchSite(), Options{Now: now})
	if err != nil || len(warns) > 0 {
		t.Fatalf("Load: %v, warnings %v", err, warns)
	}
	wantList(t, "pages", paths(pages),
		"content/_index.md", "content/a-propos.md", "content/posts/2024-03-01-bonjour.md", "content/posts/_index.md",
		"content/posts/voyage/etape/index.md", "content/posts/voyage/index.md", "content/posts/voyage/notes.md")
	byPath := map[string]*site.Page{}
	for _, p := range pages {
		byPath[p.Path] = p
	}
	voyage := byPath["content/posts/voyage/index.md"]
	wantList(t, "voyage resources", voyage.Resources, "cover.jpg", "images/carte.png")
	wantList(t, "etape resources", byPath["content/posts/voyage/etape/index.md"].Resources, "photo.webp")
	if got := byPath["content/posts/voyage/notes.md"].URL; got != "/posts/voyage/notes/" {
		t.Errorf("notes.md URL = %q; want /posts/voyage/notes/", got)
	}
	if got := byPath["content/posts/2024-03-01-bonjour.md"]; got.URL != "/posts/bonjour/" || !got.Date.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, paris)) {
		t.Errorf("bonjour URL, Date = %q, %v; want /posts/bonjour/, 2024-03-01", got.URL, got.Date)
	}
}

func TestLoadPublication(t *testing.T) {
	fsys := mapFS(
		"content/posts/_index.md", "---\ntitle: Articles\ndate: 2099-01-01\n---\n",
		"content/posts/publie.md", "---\ndate: 2024-05-01\n---\n",
		"content/posts/brouillon.md", "---\ndraft: true\n---\n",
		"content/posts/jekyll.md", "---\npublished: false\n---\n",
		"content/posts/futur.md", "---\ndate: 2024-06-01T12:00:01+01:00\n---\n",
		"content/posts/maintenant.md", "---\ndate: 2024-06-01T12:00:00+01:00\n---\n",
		"content/posts/programme.md", "---\ndate: 2024-01-01\npublishDate: 2025-01-01\n---\n",
		"content/posts/expire.md", "---\ndate: 2024-01-01\nexpiryDate: 2024-06-01T12:00:00+01:00\n---\n",
		"content/posts/expire-demain.md", "---\ndate: 2024-01-01\nexpiryDate: 2024-06-02\n---\n",
		"content/posts/2099-01-01-nom-futur.md", "---\n---\n",
		"content/brouillons/_index.md", "---\ndraft: true\n---\n",
	)
	always := []string{"content/posts/_index.md", "content/posts/expire-demain.md", "content/posts/maintenant.md", "content/posts/publie.md"}
	tests := []struct {
		opt  Options
		more []string
	}{
		{Options{Now: now}, nil},
		{Options{Now: now, Drafts: true}, []string{"content/brouillons/_index.md", "content/posts/brouillon.md", "content/posts/jekyll.md"}},
		{Options{Now: now, Future: true}, []string{"content/posts/2099-01-01-nom-futur.md", "content/posts/futur.md", "content/posts/programme.md"}},
		{Options{Now: now, Expired: true}, []string{"content/posts/expire.md"}},
		// Without a clock, dates hide nothing.
		{Options{}, []string{"content/posts/2099-01-01-nom-futur.md", "content/posts/expire.md", "content/posts/futur.md", "content/posts/programme.md"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.opt), func(t *testing.T) {
			pages, _, err := Load(fsys, frenchSite(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			want := append(append([]string{}, always...), tt.more...)
			got := paths(pages)
			slices.Sort(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load(%+v) pages =\n%q\nwant\n%q", tt.opt, got, want)
			}
		})
	}
}

func TestLoadCollisions(t *testing.T) {
	fsys := mapFS(
		"content/posts/x.md", "---\ntitle: X\n---\n",
		"content/posts/x/index.md", "---\ntitle: X bundle\n---\n",
		"content/a.md", "---\ntitle: A\n\nurl: /posts/y/\n---\n",
		"content/posts/y.md", "---\ntitle: Y\n---\n",
		"content/old.md", "---\ntitle: Old\naliases: [/posts/z/, /ancien/]\n---\n",
		"content/posts/z.md", "---\ntitle: Z\n---\n",
		"content/w.md", "---\ntitle: W\n\n\naliases: [ancien]\n---\n",
		"content/case/Rust.md", "---\nslug: Rust\n---\n",
		"content/case/rust2.md", "---\nslug: rust\n---\n",
		"content/draft.md", "---\ndraft: true\nurl: /posts/z/\n---\n",
	)
	_, warns, err := Load(fsys, frenchSite(), Options{Now: now})
	want := strings.Join([]string{
		"content/old.md:3: alias /posts/z/ is the URL of content/posts/z.md (want a path no page uses)",
		"content/posts/x/index.md:1: URL /posts/x/ is also the URL of content/posts/x.md (set slug or url in one of them)",
		"content/posts/y.md:1: URL /posts/y/ is also the URL of content/a.md (set slug or url in one of them)",
		"content/w.md:5: alias /ancien/ is also an alias of content/old.md",
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("Load errors =\n%v\nwant\n%s", err, want)
	}
	wantWarn := "content/case/rust2.md:2: URL /case/rust/ differs only in case from /case/Rust/ of content/case/Rust.md: one overwrites the other on macOS and Windows disks"
	if len(warns) != 1 || warns[0].Error() != wantWarn {
		t.Errorf("Load warnings = %v; want %s", warns, wantWarn)
	}
}

// A page's url wins a collision report line of its own.
func TestLoadCollisionAtURLLine(t *testing.T) {
	fsys := mapFS(
		"content/a.md", "---\ntitle: A\n---\n",
		"content/b.md", "---\ntitle: B\ndate: 2024-01-01\nurl: /a/\n---\n",
	)
	_, _, err := Load(fsys, frenchSite(), Options{Now: now})
	if err == nil || err.Error() != "content/b.md:4: URL /a/ is also the URL of content/a.md (set slug or url in one of them)" {
		t.Errorf("Load error = %v", err)
	}
}

func TestLoadReportsEveryBadFile(t *testing.T) {
	fsys := mapFS(
		"content/posts/ok.md", "---\ntitle: Bien\n---\n",
		"content/posts/b.md", "---\ntitle: B\ndate: 2024-02-30\nlastmod: 2024-13-01\n---\n",
		"content/a.md", "---\ntitle: a: b\n---\n",
		"content/c.md", "+++\ntitle = \"c\"\ntags = [\n+++\n",
		"content/d.md", "---\ntitle: jamais fermé\n",
		"content/e.md", "{\"title\": \"e\",}\n",
	)
	pages, _, err := Load(fsys, frenchSite(), Options{Now: now})
	want := strings.Join([]string{
		`content/a.md:2: invalid YAML front matter: mapping values are not allowed in this context; quote a value that contains ": "`,
		`content/c.md:3: invalid TOML front matter: unexpected EOF; expected value`,
		`content/d.md:1: front matter opened by "---" is never closed (want a "---" line after it; to start the text with a thematic break, write "***")`,
		`content/e.md:1: invalid JSON front matter: invalid character '}' looking for beginning of object key string`,
		`content/posts/b.md:3: date "2024-02-30": day out of range (want YYYY-MM-DD or RFC 3339)`,
		`content/posts/b.md:4: lastmod "2024-13-01": month out of range (want YYYY-MM-DD or RFC 3339)`,
	}, "\n")
	if err == nil || err.Error() != want {
		t.Errorf("Load errors =\n%v\nwant\n%s", err, want)
	}
	var se *site.Error
	if !errors.As(err, &se) || se.Path != "content/a.md" || se.Line != 2 {
		t.Errorf("errors.As(err, *site.Error) = %v; want the first error", se)
	}
	if got := len(flatten(err)); got != 6 {
		t.Errorf("Load gave %d errors; want 6", got)
	}
	wantList(t, "good pages", paths(pages), "content/posts/ok.md")
}

func TestLoadTranslations(t *testing.T) {
	fsys := mapFS(
		"content/posts/x.md", "---\ntitle: Bonjour\n---\n",
		"content/posts/x.en.md", "---\ntitle: Hello\n---\n",
		"content/posts/x.de.md", "---\ntitle: Hallo\n---\n",
		"content/posts/hello.md", "---\nlang: en\ntranslationKey: posts/y\n---\n",
		"content/posts/y.md", "---\ntitle: Y\n---\n",
		"content/posts/z.md", "---\ntranslationKey: posts/y\n---\n",
		"content/posts/brouillon.en.md", "---\ndraft: true\ntranslationKey: posts/y\n---\n",
	)
	pages, _, err := Load(fsys, bilingual(), Options{Now: now})
	wantErr := `content/posts/z.md:1: translation key "posts/y" in language "fr" is also used by content/posts/y.md (set translationKey, or lang, in one of them)`
	if err == nil || err.Error() != wantErr {
		t.Errorf("Load error = %v; want %s", err, wantErr)
	}
	tr := map[string][]string{}
	for _, p := range pages {
		tr[p.Path] = paths(p.Translations)
	}
	want := map[string][]string{
		"content/posts/x.md":     {"content/posts/x.en.md", "content/posts/x.de.md"},
		"content/posts/x.en.md":  {"content/posts/x.md", "content/posts/x.de.md"},
		"content/posts/x.de.md":  {"content/posts/x.md", "content/posts/x.en.md"},
		"content/posts/hello.md": {"content/posts/y.md"},
		"content/posts/y.md":     {"content/posts/hello.md"},
		"content/posts/z.md":     nil,
	}
	if !reflect.DeepEqual(tr, want) {
		t.Errorf("Translations =\n%q\nwant\n%q", tr, want)
	}
}

func TestLoadDeterministic(t *testing.T) {
	files := []string{}
	for i := range 200 {
		files = append(files, fmt.Sprintf("content/posts/%03d.md", i), fmt.Sprintf("---\ntitle: Page %d\ndate: 2024-01-%02d\n---\n", i, i%28+1))
		if i%10 == 0 {
			files = append(files, fmt.Sprintf("content/bad/%03d.md", i), "---\ndate: 2024-02-30\n---\n")
		}
	}
	fsys := mapFS(files...)
	first, _, err1 := Load(fsys, frenchSite(), Options{Now: now})
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	second, _, err2 := Load(fsys, frenchSite(), Options{Now: now})
	if !reflect.DeepEqual(paths(first), paths(second)) || err1.Error() != err2.Error() {
		t.Error("Load gives different results with 1 and many workers")
	}
	if len(first) != 200 || len(flatten(err1)) != 20 {
		t.Errorf("Load = %d pages, %d errors; want 200, 20", len(first), len(flatten(err1)))
	}
}

func TestLoadNoContent(t *testing.T) {
	pages, warns, err := Load(fstest.MapFS{"config.toml": {Data: []byte("")}}, nil, Options{})
	if len(pages) != 0 || len(warns) != 0 || err != nil {
		t.Errorf("Load(no content/) = %v, %v, %v; want nothing", pages, warns, err)
	}
}

// failFS fails to open one file.
type failFS struct {
	m    fstest.MapFS
	fail string
}

func (f failFS) Open(name string) (fs.File, error) {
	if name == f.fail {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return f.m.Open(name)
}

func TestLoadReadError(t *testing.T) {
	fsys := failFS{mapFS("content/a.md", "---\n---\n", "content/b.md", "---\n---\n"), "content/b.md"}
	pages, _, err := Load(fsys, nil, Options{})
	if err == nil || err.Error() != "content/b.md: open content/b.md: permission denied" {
		t.Errorf("Load error = %v; want one naming content/b.md", err)
	}
	wantList(t, "pages", paths(pages), "content/a.md")
}
