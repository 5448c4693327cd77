package content

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/relais/relais/generator/site"
)

// goldenPage is the part of a page the content stage fills.
type goldenPage struct {
	Path, URL, Kind, Section, Slug, Lang, TranslationKey string
	Bundle                                               bool     `json:",omitempty"`
	Dir                                                  string   `json:",omitempty"`
	Resources                                            []string `json:",omitempty"`
	Translations                                         []string `json:",omitempty"`
	Aliases                                              []string `json:",omitempty"`
	Title, Description                                   string   `json:",omitempty"`
	Date, Lastmod, ExpiryDate                            string   `json:",omitempty"`
	Draft                                                bool     `json:",omitempty"`
	Weight                                               int      `json:",omitempty"`
	Authors, Images                                      []string `json:",omitempty"`
	Terms                                                map[string][]string
	Params                                               map[string]any
	Social                                               *site.Social `json:",omitempty"`
	BodyLine                                             int
	Body                                                 string
}

func golden(p *site.Page) goldenPage {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	g := goldenPage{
		Path: p.Path, URL: p.URL, Kind: p.Kind, Section: p.Section, Slug: p.Slug, Lang: p.Lang,
		TranslationKey: p.TranslationKey, Bundle: p.Bundle, Dir: p.Dir, Resources: p.Resources,
		Translations: paths(p.Translations), Aliases: p.Aliases, Title: p.Title, Description: p.Description,
		Date: date(p.Date), Lastmod: date(p.Lastmod), ExpiryDate: date(p.ExpiryDate), Draft: p.Draft,
		Weight: p.Weight, Authors: p.Authors, Images: p.Images, Terms: p.Terms, Params: p.Params,
		BodyLine: p.BodyLine, Body: string(p.Body),
	}
	if s := p.Social; s.Text != "" || len(s.Texts) > 0 || len(s.Hashtags) > 0 || len(s.Mentions) > 0 {
		g.Social = &s
	}
	return g
}

// TestGoldenBlog loads testdata/blog.txtar and compares every page,
// warning, error and static file with testdata/blog.golden.json.
// go test ./generator/content -update rewrites it: review that diff.
func TestGoldenBlog(t *testing.T) {
	a, err := txtar.ParseFile(filepath.Join("testdata", "blog.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	fsys, err := txtar.FS(a)
	if err != nil {
		t.Fatal(err)
	}
	render := func() []byte {
		pages, warns, err := Load(fsys, bilingual(), Options{Now: now})
		out := struct {
			Pages    []goldenPage
			Warnings []string
			Errors   []string
			Static   map[string]string
		}{}
		for _, p := range pages {
			out.Pages = append(out.Pages, golden(p))
		}
		for _, w := range warns {
			out.Warnings = append(out.Warnings, w.Error())
		}
		if err != nil {
			out.Errors = strings.Split(err.Error(), "\n")
		}
		out.Static, err = Static(fsys, pages)
		if err != nil {
			t.Fatalf("Static: %v", err)
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	got := render()
	if again := render(); !bytes.Equal(got, again) {
		t.Fatal("two loads of one site differ")
	}
	path := filepath.Join("testdata", "blog.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Load(testdata/blog.txtar) differs from %s (run go test -update and review the diff):\n%s", path, got)
	}
}
