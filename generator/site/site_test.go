package site

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func day(d int) time.Time { return time.Date(2026, 1, d, 9, 0, 0, 0, time.UTC) }

func TestNew(t *testing.T) {
	cfg := &Config{Taxonomies: map[string]string{"tag": "tags", "category": "categories"}, LanguageCode: "fr-FR"}
	a := &Page{Path: "content/posts/a.md", Section: "posts", Kind: KindPage, Lang: "fr", Title: "A", Date: day(1), Terms: map[string][]string{"tags": {"Réseaux sociaux", "Mesure"}}}
	b := &Page{Path: "content/posts/b.md", Section: "posts", Kind: KindPage, Lang: "fr", Title: "B", Date: day(3), Terms: map[string][]string{"tags": {"réseaux sociaux"}}}
	c := &Page{Path: "content/posts/c.md", Section: "posts", Kind: KindPage, Lang: "fr", Title: "C", Date: day(2)}
	about := &Page{Path: "content/about.md", Kind: KindPage, Lang: "fr", Title: "À propos"}
	home := &Page{Path: "content/_index.md", Kind: KindSection, Lang: "fr"}
	secPage := &Page{Path: "content/posts/_index.md", Kind: KindSection, Section: "posts", Lang: "fr", URL: "/posts/"}
	sites := New(cfg, []*Page{a, b, c, about, home, secPage}, day(10))
	if len(sites) != 1 {
		t.Fatalf("%d sites; want 1", len(sites))
	}
	s := sites[0]
	if got := titles(s.Pages); got != "B C A À propos" {
		t.Errorf("Pages = %s; want newest first, undated last", got)
	}
	if got := titles(s.Listed()); got != "B C A" {
		t.Errorf("Listed = %s; want the section's pages only", got)
	}
	if s.Home != home || len(s.Sections) != 1 || s.Sections[0].Page != secPage || titles(secPage.Pages) != "B C A" {
		t.Errorf("home %v, sections %+v", s.Home, s.Sections)
	}
	if b.Next != c || c.Prev != b || c.Next != a || a.Next != nil || b.Prev != nil {
		t.Errorf("prev/next wrong: b.Next=%v c.Prev=%v", b.Next, c.Prev)
	}
	if len(s.Taxonomies) != 2 || s.Taxonomies[1].Name != "tags" || s.Taxonomies[1].URL != "/tags/" {
		t.Fatalf("taxonomies = %+v", s.Taxonomies)
	}
	term := s.Term("tags", "reseaux-sociaux")
	if term == nil || term.Name != "réseaux sociaux" || titles(term.Pages) != "B A" || term.URL != "/tags/reseaux-sociaux/" {
		t.Errorf("term = %+v; want both spellings merged, named as the newest page wrote it", term)
	}
}

func TestNewLanguages(t *testing.T) {
	cfg := &Config{LanguageCode: "fr-FR", Languages: map[string]LanguageConfig{"fr": {Weight: 1}, "en": {Weight: 2, Title: "EN"}}}
	fr := &Page{Path: "content/posts/a.md", Section: "posts", Kind: KindPage, Lang: "fr", Date: day(1)}
	en := &Page{Path: "content/posts/a.en.md", Section: "posts", Kind: KindPage, Lang: "en", Date: day(1)}
	sites := New(cfg, []*Page{en, fr}, day(2))
	if len(sites) != 2 || sites[0].Lang.Code != "fr" || sites[1].Lang.Code != "en" {
		t.Fatalf("sites = %v", sites)
	}
	if sites[1].Sections[0].URL != "/en/posts/" || sites[1].Pages[0] != en || sites[0].Pages[0] != fr {
		t.Errorf("English site: %+v", sites[1].Sections[0])
	}
}

func TestLangs(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // code:prefix:locale, default first
	}{
		{"monolingual", Config{LanguageCode: "fr-FR"}, "fr::fr-FR"},
		{"no language at all", Config{}, "en::en"},
		{"two", Config{LanguageCode: "fr-FR", Languages: map[string]LanguageConfig{"en": {Weight: 1}, "fr": {Weight: 2}}}, "fr::fr-FR en:/en:en"},
		{"default in subdir", Config{DefaultLanguage: "fr", DefaultInSubdir: true, Languages: map[string]LanguageConfig{"fr": {}, "en": {}}}, "fr:/fr:fr en:/en:en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			for _, l := range tt.cfg.Langs() {
				parts = append(parts, l.Code+":"+l.Prefix+":"+l.Locale)
			}
			if got := strings.Join(parts, " "); got != tt.want {
				t.Errorf("Langs() = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	var l Errors
	l.Add("content/b.md", 3, "bad %s", "date")
	l.Add("content/a.md", 9, "x")
	l.Add("content/a.md", 2, "y")
	err := l.Err()
	want := "content/a.md:2: y\ncontent/a.md:9: x\ncontent/b.md:3: bad date"
	if err.Error() != want {
		t.Errorf("Err() = %q; want %q", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Path != "content/a.md" {
		t.Errorf("errors.As: %v", e)
	}
	if (&Error{Path: "config.toml", Err: errors.New("x")}).Error() != "config.toml: x" {
		t.Errorf("an error without a line prints a zero line")
	}
	if (Errors{}).Err() != nil {
		t.Errorf("empty list is an error")
	}
}

func titles(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, " ")
}
