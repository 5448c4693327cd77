package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"testing"
	"testing/fstest"
)

// TestBuiltinsMatchTemplates: the default theme's share metadata and
// pagination, written in Go by the built-in partials, are byte for byte
// what the templates they replace write (kept in generator/theme/
// testdata/reference/), on the demo site and on a site made to stress
// escaping and pagination.
func TestBuiltinsMatchTemplates(t *testing.T) {
	reference := fstest.MapFS{}
	for _, name := range []string{"share.html", "pagination.html"} {
		b, err := os.ReadFile("theme/testdata/reference/" + name)
		if err != nil {
			t.Fatal(err)
		}
		reference["layouts/partials/"+name] = &fstest.MapFile{Data: b}
	}
	tricky := fstest.MapFS{
		"config.toml": {Data: []byte(`baseURL = "https://ex.org/blog/"
title = "Le « blog » & co + <b>"
languageCode = "fr-FR"
paginate = 1
[author]
name = "A & B"
url = "https://ex.org/a?b=1&c=2"
x = "@relais"
fediverse = "@relais@mastodon.social"
[social.accounts]
x = "relais_fr"
`)},
		"content/posts/a.md":      {Data: []byte("---\ntitle: 'Quotes \"x\" & <tags> + plus'\ndate: 2026-01-02T10:00:00+01:00\nexpiryDate: 2030-01-01\ntags: [\"R&D\", 'l''été']\ncategories: [Études]\ndescription: \"Desc « fr » 'single' \\u0000\"\nimages: [\"/img/a b.png\"]\nx: '@auteur'\n---\nBody.\n")},
		"content/posts/b.md":      {Data: []byte("---\ntitle: Deux\ndate: 2026-01-03\nurl: /été-x/\n---\nBody.\n")},
		"content/posts/c.md":      {Data: []byte("---\ntitle: Trois\ndate: 2026-01-04\nlastmod: 2026-02-01\n---\nBody.\n")},
		"content/posts/d.md":      {Data: []byte("---\ntitle: Quatre\ndate: 2026-01-05\n---\nBody.\n")},
		"content/posts/e.md":      {Data: []byte("---\ntitle: Cinq\ndate: 2026-01-06\n---\nBody.\n")},
		"content/posts/f.md":      {Data: []byte("---\ntitle: Six\ndate: 2026-01-07\n---\nBody.\n")},
		"content/posts/g.md":      {Data: []byte("---\ntitle: Sept\ndate: 2026-01-08\n---\nBody.\n")},
		"content/posts/h.md":      {Data: []byte("---\ntitle: Huit\ndate: 2026-01-09\n---\nBody.\n")},
		"content/about.md":        {Data: []byte("---\ntitle: À propos\n---\nUndated page.\n")},
		"static/img/a b.png":      {Data: []byte("\x89PNG\r\n\x1a\n")},
		"content/posts/_index.md": {Data: []byte("---\ntitle: Articles\n---\n")},
	}
	demo := copyTrees(t, os.DirFS(".."), "config.toml", "content", "static", "layouts", "themes", "i18n")
	for name, src := range map[string]fstest.MapFS{"demo": demo, "tricky": tricky} {
		t.Run(name, func(t *testing.T) {
			builtin, err := Build(src, Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			with := func(files fstest.MapFS) fstest.MapFS {
				out := maps.Clone(src)
				maps.Copy(out, files)
				return out
			}
			templated, err := Build(with(reference), Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			// The overrides are read: a different partial changes the pages.
			other, err := Build(with(fstest.MapFS{"layouts/partials/share.html": {Data: []byte("<!-- other -->")}}), Options{Now: clock})
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(other.Files["index.html"], builtin.Files["index.html"]) {
				t.Fatal("a site's own partials/share.html is not used: the comparison proves nothing")
			}
			if len(builtin.Files) != len(templated.Files) {
				t.Errorf("%d files with the built-ins, %d with the templates", len(builtin.Files), len(templated.Files))
			}
			for path, want := range templated.Files {
				if got := builtin.Files[path]; !bytes.Equal(got, want) {
					t.Errorf("%s differs:\n%s", path, firstDiff(got, want))
				}
			}
		})
	}
}

// copyTrees copies the named files and folders of fsys (those that exist)
// into a MapFS.
func copyTrees(t *testing.T, fsys fs.FS, roots ...string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, r := range roots {
		err := fs.WalkDir(fsys, r, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				if errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			out[p] = &fstest.MapFile{Data: b}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}
