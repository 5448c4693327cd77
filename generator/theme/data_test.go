package theme

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/relais/relais/generator/site"
)

func TestHandles(t *testing.T) {
	x := []struct{ in, want string }{
		{"", ""},
		{"@relais", "@relais"},
		{"relais", "@relais"},
		{"https://x.com/relais", "@relais"},
		{"https://twitter.com/relais/", "@relais"},
		{"https://x.com/relais/status/1", "@relais"},
	}
	for _, tt := range x {
		if got := XHandle(tt.in); got != tt.want {
			t.Errorf("XHandle(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	fedi := []struct{ in, want string }{
		{"", ""},
		{"@ana@mastodon.social", "@ana@mastodon.social"},
		{"ana@mastodon.social", "@ana@mastodon.social"},
		{"https://mastodon.social/@ana", "@ana@mastodon.social"},
		{"https://piaille.fr/@ana/", "@ana@piaille.fr"},
	}
	for _, tt := range fedi {
		if got := FediverseHandle(tt.in); got != tt.want {
			t.Errorf("FediverseHandle(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestOGLocale(t *testing.T) {
	tests := []struct {
		lang site.Language
		want string
	}{
		{site.Language{Code: "fr", Locale: "fr-FR"}, "fr_FR"},
		{site.Language{Code: "fr", Locale: "fr-CA"}, "fr_CA"},
		{site.Language{Code: "fr"}, "fr_FR"},
		{site.Language{Code: "en", Locale: "en"}, "en_US"},
		{site.Language{Code: "pt", Locale: "pt_BR"}, "pt_BR"},
		{site.Language{Code: "de"}, "de_DE"},
	}
	for _, tt := range tests {
		if got := OGLocale(&tt.lang); got != tt.want {
			t.Errorf("OGLocale(%+v) = %q; want %q", tt.lang, got, tt.want)
		}
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"Court.", 160, "Court."},
		{"  des   espaces\n partout ", 160, "des espaces partout"},
		{"Publier chez soi, diffuser ailleurs : le principe", 30, "Publier chez soi, diffuser…"},
		{"Éléphants élégants", 12, "Éléphants…"},
		{"motsansespaceaucuntrestreslong", 10, "motsansesp…"},
	}
	for _, tt := range tests {
		if got := Shorten(tt.in, tt.n); got != tt.want {
			t.Errorf("Shorten(%q, %d) = %q; want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func bilingual() (fr, en *site.Site, article *site.Page) {
	prefix := "/en"
	cfg := &site.Config{
		BaseURL: "https://example.org/", Title: "Le blog", LanguageCode: "fr-FR", DefaultLanguage: "fr",
		Languages: map[string]site.LanguageConfig{"fr": {Weight: 1}, "en": {Weight: 2, Title: "The blog", Prefix: &prefix}},
	}
	langs := cfg.Langs()
	about := &site.Page{URL: "/a-propos/", Title: "À propos", Kind: site.KindPage, Lang: "fr"}
	legal := &site.Page{URL: "/mentions/", Title: "Mentions légales", Kind: site.KindPage, Lang: "fr", Weight: 10}
	article = &site.Page{URL: "/posts/x/", Title: "X", Kind: site.KindPage, Lang: "fr", Section: "posts",
		Date: time.Date(2026, 3, 5, 10, 0, 0, 0, time.UTC), Terms: map[string][]string{"tags": {"Réseaux sociaux", "Inconnu"}}}
	tags := &site.Taxonomy{Name: "tags", URL: "/tags/", Terms: []*site.Term{
		{Name: "Modération", Slug: "moderation", URL: "/tags/moderation/"},
		{Name: "Réseaux sociaux", Slug: "reseaux-sociaux", URL: "/tags/reseaux-sociaux/"},
	}}
	empty := &site.Taxonomy{Name: "categories", URL: "/categories/"}
	fr = &site.Site{Config: cfg, Lang: langs[0], Languages: langs, Pages: []*site.Page{article, legal, about}, Taxonomies: []*site.Taxonomy{empty, tags}}
	en = &site.Site{Config: cfg, Lang: langs[1], Languages: langs}
	return fr, en, article
}

func TestMenu(t *testing.T) {
	fr, _, article := bilingual()
	d := &Data{Site: fr, Kind: KindPage, URL: article.URL, Page: article}
	var got []string
	for _, m := range d.Menu() {
		got = append(got, m.Name+" "+m.URL)
	}
	want := "home /|archives /archives/|tags /tags/|À propos /a-propos/|Mentions légales /mentions/"
	if strings.Join(got, "|") != want {
		t.Errorf("Menu() = %q; want %q", strings.Join(got, "|"), want)
	}

	fr.Config.Params = map[string]any{"menu": []map[string]any{
		{"name": "Blog", "url": "/posts/", "weight": int64(2)},
		{"name": "home", "url": "/", "weight": int64(1)},
		{"name": "Home", "url": "/en/", "lang": "en"},
	}}
	got = nil
	for _, m := range d.Menu() {
		got = append(got, m.Name+" "+m.URL)
		if m.URL == "/posts/" && !m.Active {
			t.Errorf("/posts/ is not active on %s", d.URL)
		}
		if m.URL == "/" && m.Active {
			t.Errorf("home is active on %s", d.URL)
		}
	}
	if want := "home /|Blog /posts/"; strings.Join(got, "|") != want {
		t.Errorf("Menu() with [[params.menu]] = %q; want %q", strings.Join(got, "|"), want)
	}
}

func TestLanguageLinksAndAlternates(t *testing.T) {
	fr, en, article := bilingual()
	d := &Data{Site: fr, Kind: KindPage, URL: article.URL, Page: article}
	links := d.LanguageLinks()
	if len(links) != 2 || !links[0].Current || links[1].URL != "/en/" || links[1].Translated {
		t.Errorf("untranslated page: LanguageLinks() = %+v; want fr current, en home", links)
	}
	if d.Alternates() != nil {
		t.Errorf("untranslated page has hreflang alternates")
	}
	d.Translations = []Translation{{Lang: en.Lang, URL: "/en/posts/x/"}}
	links = d.LanguageLinks()
	if links[1].URL != "/en/posts/x/" || !links[1].Translated {
		t.Errorf("translated page: LanguageLinks()[1] = %+v; want the translation", links[1])
	}
	var alts []string
	for _, a := range d.Alternates() {
		alts = append(alts, a.Hreflang+" "+a.URL)
	}
	want := "fr-FR https://example.org/posts/x/|en https://example.org/en/posts/x/|x-default https://example.org/posts/x/"
	if strings.Join(alts, "|") != want {
		t.Errorf("Alternates() = %q; want %q", strings.Join(alts, "|"), want)
	}
	if got := d.OGLocaleAlternates(); len(got) != 1 || got[0] != "en_US" {
		t.Errorf("OGLocaleAlternates() = %q; want [en_US]", got)
	}
	d.Pager = &Pager{Number: 2, Total: 3}
	if d.Alternates() != nil {
		t.Errorf("page 2 of a list has hreflang alternates")
	}
}

func TestTermsOf(t *testing.T) {
	fr, _, article := bilingual()
	d := &Data{Site: fr}
	groups := d.TermsOf(article)
	if len(groups) != 1 || groups[0].Taxonomy.Name != "tags" {
		t.Fatalf("TermsOf = %+v; want the tags only", groups)
	}
	got := groups[0].Terms
	if len(got) != 2 || got[0].URL != "/tags/reseaux-sociaux/" || got[0].Name != "Réseaux sociaux" || got[1].URL != "/tags/inconnu/" {
		t.Errorf("TermsOf = %+v", got)
	}
}

func TestFeeds(t *testing.T) {
	fr, en, _ := bilingual()
	home := &Data{Site: en, Kind: KindHome, URL: "/en/"}
	var got []string
	for _, f := range home.Feeds() {
		got = append(got, f.URL)
	}
	if want := "/en/index.xml /en/atom.xml /en/feed.json"; strings.Join(got, " ") != want {
		t.Errorf("home Feeds() = %q; want %q", strings.Join(got, " "), want)
	}
	term := &Data{Site: fr, Kind: KindTerm, URL: "/tags/moderation/", Term: fr.Taxonomies[1].Terms[0]}
	got = nil
	for _, f := range term.Feeds() {
		got = append(got, f.Type+" "+f.URL)
	}
	want := "application/rss+xml /index.xml|application/atom+xml /atom.xml|application/feed+json /feed.json|" +
		"application/rss+xml /tags/moderation/index.xml|application/atom+xml /tags/moderation/atom.xml|application/feed+json /tags/moderation/feed.json"
	if strings.Join(got, "|") != want {
		t.Errorf("term Feeds() = %q; want %q", strings.Join(got, "|"), want)
	}
}

func TestJSONLD(t *testing.T) {
	fr, _, article := bilingual()
	fr.Config.Author = site.Author{Name: "Ana", URL: "https://ana.example/"}
	article.Title = `"Guillemets" </script> & co`
	article.Lastmod = article.Date.Add(48 * time.Hour)
	article.Image = &site.Image{URL: "https://example.org/posts/x/card.png", Width: 1200, Height: 630, Alt: "X"}
	d := &Data{Site: fr, Kind: KindPage, URL: article.URL, Page: article, Title: article.Title}
	html, err := jsonld(d.JSONLD())
	if err != nil {
		t.Fatal(err)
	}
	payload := strings.TrimSuffix(strings.TrimPrefix(string(html), `<script type="application/ld+json">`), "</script>")
	var v struct {
		Type, Headline, DatePublished, DateModified string
		Author                                      []struct{ Name, URL string }
		Image                                       struct{ URL string }
		MainEntityOfPage                            struct {
			ID string `json:"@id"`
		}
	}
	if err := json.Unmarshal([]byte(payload), &v); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, payload)
	}
	if v.Headline != article.Title || v.DatePublished != "2026-03-05T10:00:00Z" || v.DateModified != "2026-03-07T10:00:00Z" ||
		len(v.Author) != 1 || v.Author[0].URL != "https://ana.example/" || v.Image.URL != article.Image.URL ||
		v.MainEntityOfPage.ID != "https://example.org/posts/x/" {
		t.Errorf("JSON-LD = %+v", v)
	}
	home := &Data{Site: fr, Kind: KindHome, URL: "/"}
	if ws, ok := home.JSONLD().(ldWebSite); !ok || ws.Type != "WebSite" || ws.URL != "https://example.org/" {
		t.Errorf("home JSONLD() = %#v; want a WebSite", home.JSONLD())
	}
	about := &Data{Site: fr, Kind: KindPage, URL: "/a-propos/", Page: fr.Pages[2]}
	if about.JSONLD() != nil || about.IsArticle() {
		t.Errorf("an undated page is not an article")
	}
}
