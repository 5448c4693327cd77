package content

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/relais/relais/generator/site"
)

func ptr(s string) *string { return &s }

// bilingual is a French site with an English half under /en.
func bilingual() *site.Config {
	return &site.Config{
		LanguageCode: "fr-FR", DefaultLanguage: "fr", Location: paris,
		Languages: map[string]site.LanguageConfig{"fr": {Weight: 1}, "en": {Weight: 2}, "de": {Weight: 3, Prefix: ptr("deutsch")}},
	}
}

func TestURLs(t *testing.T) {
	withPermalinks := func(m map[string]string) *site.Config {
		c := frenchSite()
		c.Permalinks = m
		return c
	}
	subdir := bilingual()
	subdir.DefaultInSubdir = true
	tests := []struct {
		name, path, fm string
		cfg            *site.Config
		url, slug      string
		section, kind  string
		bundle         bool
		lang, key      string
		err, warn      string // a substring of the error or first warning
	}{
		{name: "root page", path: "content/about.md", url: "/about/", slug: "about", kind: site.KindPage},
		{name: "section page", path: "content/posts/hello.md", url: "/posts/hello/", slug: "hello", section: "posts", kind: site.KindPage},
		{name: "nested folders", path: "content/posts/2024/kubecon.md", url: "/posts/2024/kubecon/", slug: "kubecon", section: "posts", kind: site.KindPage},
		{name: "Jekyll date prefix", path: "content/posts/2024-03-01-bonjour.md", url: "/posts/bonjour/", slug: "bonjour", section: "posts", kind: site.KindPage},
		{name: "dots and capitals", path: "content/Rust-1.88.0.md", url: "/rust-1.88.0/", slug: "rust-1.88.0", kind: site.KindPage},
		{name: "at sign", path: "content/inside-rust/conf-lineup@0.md", url: "/inside-rust/conf-lineup-0/", slug: "conf-lineup-0", section: "inside-rust", kind: site.KindPage},
		{name: "markdown extension", path: "content/_posts/2013-05-06-jekyll-1-0-0-released.markdown", url: "/_posts/jekyll-1-0-0-released/", slug: "jekyll-1-0-0-released", section: "_posts", kind: site.KindPage},
		{name: "folder with a space", path: "content/Mes Articles/été.md", url: "/mes-articles/ete/", slug: "ete", section: "Mes Articles", kind: site.KindPage},
		{name: "bundle", path: "content/posts/mon-voyage/index.md", url: "/posts/mon-voyage/", slug: "mon-voyage", section: "posts", kind: site.KindPage, bundle: true},
		{name: "bundle at the root", path: "content/a-propos/index.md", url: "/a-propos/", slug: "a-propos", kind: site.KindPage, bundle: true},
		{name: "dated bundle", path: "content/posts/2024-01-02-voeux/index.md", url: "/posts/voeux/", slug: "voeux", section: "posts", kind: site.KindPage, bundle: true},
		{name: "home", path: "content/_index.md", url: "/", kind: site.KindSection},
		{name: "home as index.md", path: "content/index.md", url: "/", kind: site.KindSection},
		{name: "section", path: "content/posts/_index.md", url: "/posts/", slug: "posts", section: "posts", kind: site.KindSection},
		{name: "nested section", path: "content/posts/2024/_index.md", url: "/posts/2024/", slug: "2024", section: "posts", kind: site.KindSection},
		{name: "slug", path: "content/posts/x.md", fm: "slug: mon-titre", url: "/posts/mon-titre/", slug: "mon-titre", section: "posts", kind: site.KindPage},
		{name: "slug made safe", path: "content/posts/x.md", fm: "slug: Mon Titre !", url: "/posts/mon-titre/", slug: "mon-titre", section: "posts", kind: site.KindPage, warn: `slug "Mon Titre !" is not a URL path segment: "mon-titre" is used`},
		{name: "url", path: "content/posts/x.md", fm: "url: a-propos", url: "/a-propos/", slug: "x", section: "posts", kind: site.KindPage},
		{name: "url of a file", path: "content/x.md", fm: "url: /feed/podcast.xml", url: "/feed/podcast.xml", slug: "x", kind: site.KindPage},
		{name: "url cleaned", path: "content/x.md", fm: "url: //a//b/../c", err: "is a full URL"},
		{name: "url with dots", path: "content/x.md", fm: "url: /a/b/../c", url: "/a/c/", slug: "x", kind: site.KindPage},
		{name: "full url", path: "content/x.md", fm: "url: https://exemple.fr/x/", err: `content/x.md:2: url: "https://exemple.fr/x/" is a full URL (want a path on this site, like /old/path/)`},
		{name: "Zola path", path: "content/Rust-1.88.0.md", fm: "path: 2025/06/26/Rust-1.88.0", url: "/2025/06/26/Rust-1.88.0/", slug: "rust-1.88.0", kind: site.KindPage},
		{name: "path that is not a URL stays a param", path: "content/x.md", fm: "path: [a, b]", url: "/x/", slug: "x", kind: site.KindPage},
		{name: "permalink with date", path: "content/posts/x.md", fm: "date: 2024-03-01", cfg: withPermalinks(map[string]string{"posts": "/:year/:month/:day/:slug/"}), url: "/2024/03/01/x/", slug: "x", section: "posts", kind: site.KindPage},
		{name: "permalink without date", path: "content/posts/x.md", cfg: withPermalinks(map[string]string{"posts": "/:year/:slug/"}), url: "/posts/x/", slug: "x", section: "posts", kind: site.KindPage, warn: `permalink "/:year/:slug/" of section "posts" needs a date and the page has none: "/:sections/:slug/" is used`},
		{name: "permalink with title", path: "content/posts/x.md", fm: "title: L’été à Paris", cfg: withPermalinks(map[string]string{"posts": "/:section/:title/"}), url: "/posts/lete-a-paris/", slug: "x", section: "posts", kind: site.KindPage},
		{name: "permalink with file names", path: "content/blog/2024/2024-03-01-Bonjour.md", cfg: withPermalinks(map[string]string{"blog": "/:sections/:filename/:contentbasename/"}), url: "/blog/2024/2024-03-01-bonjour/bonjour/", slug: "bonjour", section: "blog", kind: site.KindPage},
		{name: "permalink of another section", path: "content/notes/x.md", cfg: withPermalinks(map[string]string{"posts": "/:year/:slug/"}), url: "/notes/x/", slug: "x", section: "notes", kind: site.KindPage},
		{name: "permalink unknown token", path: "content/posts/x.md", cfg: withPermalinks(map[string]string{"posts": "/:annee/:slug/"}), err: `content/posts/x.md:1: permalink "/:annee/:slug/": unknown token ":annee"`},
		{name: "default language", path: "content/posts/x.md", cfg: bilingual(), url: "/posts/x/", slug: "x", section: "posts", kind: site.KindPage, lang: "fr", key: "posts/x"},
		{name: "language from the file name", path: "content/posts/x.en.md", cfg: bilingual(), url: "/en/posts/x/", slug: "x", section: "posts", kind: site.KindPage, lang: "en", key: "posts/x"},
		{name: "language prefix from config", path: "content/posts/x.de.md", cfg: bilingual(), url: "/deutsch/posts/x/", slug: "x", section: "posts", kind: site.KindPage, lang: "de", key: "posts/x"},
		{name: "language from front matter", path: "content/posts/hello.md", fm: "lang: EN\ntranslationKey: salut", cfg: bilingual(), url: "/en/posts/hello/", slug: "hello", section: "posts", kind: site.KindPage, lang: "en", key: "salut"},
		{name: "language with region", path: "content/posts/hello.md", fm: "lang: en-GB", cfg: bilingual(), url: "/en/posts/hello/", slug: "hello", section: "posts", kind: site.KindPage, lang: "en", key: "posts/hello"},
		{name: "unknown language", path: "content/posts/hello.md", fm: "lang: es", cfg: bilingual(), err: `content/posts/hello.md:2: lang "es" is not a language of the site (want one of fr, en, de)`},
		{name: "file name wins over lang", path: "content/x.en.md", fm: "lang: fr", cfg: bilingual(), url: "/en/x/", slug: "x", kind: site.KindPage, lang: "en", key: "x", warn: `lang "fr" differs from "en" in the file name: the file name is used`},
		{name: "not a language of the site", path: "content/notes.old.md", cfg: bilingual(), url: "/notes.old/", slug: "notes.old", kind: site.KindPage, lang: "fr", key: "notes.old"},
		{name: "language bundle", path: "content/posts/voyage/index.en.md", cfg: bilingual(), url: "/en/posts/voyage/", slug: "voyage", section: "posts", kind: site.KindPage, bundle: true, lang: "en", key: "posts/voyage/index"},
		{name: "language home", path: "content/_index.en.md", cfg: bilingual(), url: "/en/", kind: site.KindSection, lang: "en", key: "_index"},
		{name: "default language in a subfolder", path: "content/posts/x.md", cfg: subdir, url: "/fr/posts/x/", slug: "x", section: "posts", kind: site.KindPage, lang: "fr"},
		{name: "url under the language root", path: "content/about.en.md", fm: "url: /about-us/", cfg: bilingual(), url: "/en/about-us/", slug: "about", kind: site.KindPage, lang: "en"},
		{name: "url already with the prefix", path: "content/about.en.md", fm: "url: /en/about-us/", cfg: bilingual(), url: "/en/about-us/", slug: "about", kind: site.KindPage, lang: "en"},
		{name: "single-language site", path: "content/x.md", fm: "lang: en", url: "/x/", slug: "x", kind: site.KindPage, lang: "fr", key: "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.cfg
			if cfg == nil {
				cfg = frenchSite()
			}
			in := "---\n" + tt.fm + "\n---\n"
			p, warns, err := Parse(tt.path, []byte(in), cfg)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Parse(%q) error = %v; want %s", tt.path, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.path, err)
			}
			if tt.warn != "" && (len(warns) == 0 || !strings.Contains(warns[0].Error(), tt.warn)) {
				t.Errorf("Parse(%q) warnings = %v; want %s", tt.path, warns, tt.warn)
			}
			if tt.warn == "" && len(warns) > 0 {
				t.Errorf("Parse(%q) warnings = %v; want none", tt.path, warns)
			}
			got := []any{p.URL, p.Slug, p.Section, p.Kind, p.Bundle}
			want := []any{tt.url, tt.slug, tt.section, tt.kind, tt.bundle}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Parse(%q) URL, Slug, Section, Kind, Bundle = %q; want %q", tt.path, got, want)
			}
			if tt.bundle && p.Dir != tt.path[:strings.LastIndexByte(tt.path, '/')] {
				t.Errorf("Parse(%q).Dir = %q; want the bundle's folder", tt.path, p.Dir)
			}
			if !tt.bundle && p.Dir != "" {
				t.Errorf("Parse(%q).Dir = %q; want none", tt.path, p.Dir)
			}
			if tt.lang != "" && p.Lang != tt.lang {
				t.Errorf("Parse(%q).Lang = %q; want %q", tt.path, p.Lang, tt.lang)
			}
			if tt.key != "" && p.TranslationKey != tt.key {
				t.Errorf("Parse(%q).TranslationKey = %q; want %q", tt.path, p.TranslationKey, tt.key)
			}
		})
	}
}

func TestSingleLanguageKeepsPageLang(t *testing.T) {
	p, _, err := Parse("content/x.md", []byte("---\nlang: en\n---\n"), frenchSite())
	if err != nil {
		t.Fatal(err)
	}
	if p.Lang != "fr" || p.Params["lang"] != "en" {
		t.Errorf("Lang, Params[lang] = %q, %v; want %q, %q", p.Lang, p.Params["lang"], "fr", "en")
	}
}

func TestDateSources(t *testing.T) {
	tests := []struct {
		name, path, fm string
		want           time.Time
	}{
		{"front matter wins over the file name", "content/2018-03-14-x.md", "date: 2018-04-19", time.Date(2018, 4, 19, 0, 0, 0, 0, paris)},
		{"file name", "content/2018-03-14-x.md", "", time.Date(2018, 3, 14, 0, 0, 0, 0, paris)},
		{"bundle folder name", "content/posts/2018-03-14-x/index.md", "", time.Date(2018, 3, 14, 0, 0, 0, 0, paris)},
		{"publishDate when no date", "content/x.md", "publishDate: 2020-01-02", time.Date(2020, 1, 2, 0, 0, 0, 0, paris)},
		{"published as a date", "content/x.md", "published: 2020-01-03", time.Date(2020, 1, 3, 0, 0, 0, 0, paris)},
		{"published: false beside publishDate", "content/x.md", "publishDate: 2020-01-04\npublished: false", time.Date(2020, 1, 4, 0, 0, 0, 0, paris)},
		{"Zola path", "content/x.md", "path: inside-rust/2020/07/27/x", time.Date(2020, 7, 27, 0, 0, 0, 0, paris)},
		{"none", "content/stickers.md", "title: Autocollants", time.Time{}},
		{"empty date", "content/x.md", `date: ""`, time.Time{}},
	}
	for _, tt := range tests {
		p, _, err := Parse(tt.path, []byte("---\n"+tt.fm+"\n---\n"), frenchSite())
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !p.Date.Equal(tt.want) {
			t.Errorf("%s: Date = %v; want %v", tt.name, p.Date, tt.want)
		}
		if wantDraft := strings.Contains(tt.fm, "published: false"); p.Draft != wantDraft || len(p.Params) != 0 {
			t.Errorf("%s: Draft, Params = %v, %v; want %v, none", tt.name, p.Draft, p.Params, wantDraft)
		}
	}
}

func TestAliases(t *testing.T) {
	fm := `aliases:
  - 2014/09/15/Rust-1.0.html
  - /blog/2023/x
  - slug-nu
  - ""
  - /posts/x/
redirect_from: /ancien.html`
	p, warns, err := Parse("content/posts/x.md", []byte("---\n"+fm+"\n---\n"), frenchSite())
	if err != nil {
		t.Fatal(err)
	}
	wantList(t, "Aliases", p.Aliases, "/2014/09/15/Rust-1.0.html", "/blog/2023/x/", "/slug-nu/", "/ancien.html")
	if len(warns) != 1 || warns[0].Error() != `content/posts/x.md:2: aliases: "/posts/x/" is the page's own URL: it is left out` {
		t.Errorf("warnings = %v; want one about the page's own URL", warns)
	}

	p, _, err = Parse("content/posts/x.en.md", []byte("---\naliases: [old, en/older, /racine.html]\n---\n"), bilingual())
	if err != nil {
		t.Fatal(err)
	}
	wantList(t, "Aliases", p.Aliases, "/en/old/", "/en/older/", "/racine.html")

	for _, bad := range []string{"aliases: [https://exemple.fr/x]", "aliases: ['/x?y=1']", "aliases: [/a b/]", "aliases: [{a: 1}]", "aliases: {a: 1}"} {
		_, _, err := Parse("content/x.md", []byte("---\n"+bad+"\n---\n"), frenchSite())
		if err == nil || !strings.HasPrefix(err.Error(), "content/x.md:2: aliases: ") {
			t.Errorf("Parse(%q) error = %v; want one at content/x.md:2", bad, err)
		}
	}
}

func TestTitleFromName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"mon-article.md", "Mon article"},
		{"content/posts/mon_article.markdown", "Mon article"},
		{"2024-03-01-bonne-annee.md", "Bonne annee"},
		{"content/posts/été-indien.md", "Été indien"},
		{"content/posts/salut/index.md", "Salut"},
		{"content/posts/_index.md", "Posts"},
		{"content/_index.md", ""},
		{"Rust-1.88.0.md", "Rust 1.88.0"},
		{"post.en.md", "Post"},
		{"notes.old.md", "Notes.old"},
		{"--.md", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := TitleFromName(tt.in); got != tt.want {
			t.Errorf("TitleFromName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestSegment(t *testing.T) {
	tests := []struct{ in, want string }{
		{"posts", "posts"},
		{"Inside-Rust", "inside-rust"},
		{"Rust-1.88.0", "rust-1.88.0"},
		{"été", "été"},
		{"Mes Articles", "mes-articles"},
		{"a?b#c", "a-b-c"},
		{"..", ""},
	}
	for _, tt := range tests {
		if got := segment(tt.in); got != tt.want {
			t.Errorf("segment(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckPermalink(t *testing.T) {
	if err := CheckPermalink("/:year/:month/:slug/"); err != nil {
		t.Errorf("CheckPermalink(valid) = %v; want nil", err)
	}
	if err := CheckPermalink("/:yaer/:slug/"); err == nil || !strings.Contains(err.Error(), `unknown token ":yaer"`) {
		t.Errorf("CheckPermalink(%q) = %v; want an unknown token error", "/:yaer/:slug/", err)
	}
}
