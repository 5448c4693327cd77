package theme

import (
	"cmp"
	"strings"
	"time"

	"github.com/relais/relais/generator/site"
)

// Kinds of pages, the values of Data.Kind.
const (
	KindHome     = "home"     // index.html: the newest pages, paginated
	KindPage     = "page"     // page.html: one article or root page
	KindSection  = "section"  // section.html: a section's pages, paginated
	KindTaxonomy = "taxonomy" // taxonomy.html: every term of a taxonomy
	KindTerm     = "term"     // term.html: a term's pages, paginated
	KindArchives = "archives" // archives.html: every listed page by year
	Kind404      = "404"      // 404.html
	KindAlias    = "alias"    // alias.html: a redirect from an old URL
)

// Data is what every template receives as dot: the page being rendered
// and the language view of the site it belongs to. The output stage fills
// the fields; the methods derive what templates print (canonical URL,
// feeds, share metadata…), so every theme computes them the same way.
type Data struct {
	Site     *site.Site
	Kind     string
	URL      string         // site-relative URL of this output page: "/", "/page/2/", "/posts/x/"
	Page     *site.Page     // the article; on lists, the list's own _index page (nil when none)
	Title    string         // the article's, section's or term's name; "" on the home page
	Pages    []*site.Page   // on lists, this pager page's entries
	Pager    *Pager         // nil on pages that are not paginated
	Section  *site.Section  // section lists, and articles in a section
	Taxonomy *site.Taxonomy // taxonomy and term pages
	Term     *site.Term     // term pages
	Years    []Year         // the archive
	Target   string         // alias pages: the absolute URL redirected to

	// Translations are this page in the site's other languages, in
	// language order: an article's translations, or the same list.
	Translations []Translation

	// Common is what every page of the language shares, built once by
	// NewCommon; when nil, methods work it out on each call.
	Common *Common
}

// Translation is one other language's version of a page.
type Translation struct {
	Lang *site.Language
	URL  string // site-relative
}

// Year is one year of the archive, its pages newest first.
type Year struct {
	Year  int
	Pages []*site.Page
}

// Language is the code of the page's language: what T and date speak.
func (d *Data) Language() string {
	if d.Page != nil && d.Page.Lang != "" {
		return d.Page.Lang
	}
	return d.Lang().Code
}

// Lang is the language of this view of the site, never nil.
func (d *Data) Lang() *site.Language {
	if d.Site != nil && d.Site.Lang != nil {
		return d.Site.Lang
	}
	langs := d.Config().Langs()
	return langs[0]
}

var zeroConfig = &site.Config{}

// Config is the site's configuration, never nil.
func (d *Data) Config() *site.Config {
	if d.Site != nil && d.Site.Config != nil {
		return d.Site.Config
	}
	return zeroConfig
}

// SiteTitle is the site's title in this language.
func (d *Data) SiteTitle() string { return cmp.Or(d.Lang().Title, d.Config().Title) }

// Home is the site-relative URL of this language's home page.
func (d *Data) Home() string { return d.Lang().Prefix + "/" }

// Permalink is the canonical absolute URL of this page, as og:url and
// the canonical link give it: no tracking parameters, ever.
func (d *Data) Permalink() string { return AbsURL(d.Config(), d.URL) }

// IsArticle reports whether the page is a dated piece of writing rather
// than a list or a timeless page: og:type article, BlogPosting.
func (d *Data) IsArticle() bool {
	return d.Kind == KindPage && d.Page != nil && !d.Page.Date.IsZero()
}

// Description is the meta description: the page's own, else its summary
// shortened to about 160 characters, else the site's.
func (d *Data) Description() string {
	if p := d.Page; p != nil {
		if p.Description != "" {
			return p.Description
		}
		if d.Kind == KindPage && p.Summary != "" {
			return Shorten(p.Summary, 160)
		}
	}
	return cmp.Or(d.Lang().Description, d.Config().Description)
}

// Shorten cuts s at a word boundary to at most n characters, with "…".
func Shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.!?-–—\u00a0\u202f") + "…"
}

// Modified is when the page last changed: Lastmod, else Date.
func (d *Data) Modified() time.Time {
	if d.Page == nil {
		return time.Time{}
	}
	if !d.Page.Lastmod.IsZero() {
		return d.Page.Lastmod
	}
	return d.Page.Date
}

// Authors are the page's authors, else the site's.
func (d *Data) Authors() []string {
	if d.Page != nil && len(d.Page.Authors) > 0 {
		return d.Page.Authors
	}
	if n := d.Config().Author.Name; n != "" {
		return []string{n}
	}
	return nil
}

// ShowTOC reports whether the article is long enough, and has enough
// headings, for a table of contents ([markup] tocMinWords, default 400).
func (d *Data) ShowTOC() bool {
	p := d.Page
	if d.Kind != KindPage || p == nil || p.TOC == "" {
		return false
	}
	return p.WordCount >= cmp.Or(d.Config().Markup.TOCMinWords, 400)
}

// Paginated reports whether this is page 2 or later of a list.
func (d *Data) Paginated() bool { return d.Pager != nil && d.Pager.Number > 1 }

// Feed is one feed link.
type Feed struct {
	Type   string // "application/rss+xml"
	Format string // "RSS", "Atom", "JSON Feed"
	Title  string // whose feed: the site, a section or a term
	URL    string // site-relative
}

var feedFormats = []struct{ file, typ, format string }{
	{"index.xml", "application/rss+xml", "RSS"},
	{"atom.xml", "application/atom+xml", "Atom"},
	{"feed.json", "application/feed+json", "JSON Feed"},
}

func feedsAt(base, title string) []Feed {
	out := make([]Feed, len(feedFormats))
	for i, f := range feedFormats {
		out[i] = Feed{Type: f.typ, Format: f.format, Title: title, URL: base + f.file}
	}
	return out
}

// SiteFeeds are the feeds of the whole site in this language.
func (d *Data) SiteFeeds() []Feed { return feedsAt(d.Home(), d.SiteTitle()) }

// Feeds are the feeds to announce in the head: the site's, then those of
// the section or term being read (a list at URL U has its feeds at
// U+"index.xml", U+"atom.xml", U+"feed.json").
func (d *Data) Feeds() []Feed {
	out := d.SiteFeeds()
	switch {
	case d.Term != nil:
		out = append(out, feedsAt(d.Term.URL, d.SiteTitle()+" – "+d.Term.Name)...)
	case d.Section != nil:
		out = append(out, feedsAt(d.Section.URL, d.SiteTitle()+" – "+SectionTitle(d.Section))...)
	}
	return out
}

// FeedList is the URL of the list whose feeds Feeds announces besides
// the site's ("" when none): a key for caching the feed links.
func (d *Data) FeedList() string {
	switch {
	case d.Term != nil:
		return d.Term.URL
	case d.Section != nil:
		return d.Section.URL
	}
	return ""
}

// SectionTitle is a section's name for people: its _index.md title, else
// its folder name as a title.
func SectionTitle(s *site.Section) string {
	if s.Page != nil && s.Page.Title != "" {
		return s.Page.Title
	}
	return TitleCase(s.Name)
}

// TitleCase turns a folder name into a title: "case-studies" -> "Case studies".
func TitleCase(name string) string {
	s := strings.NewReplacer("-", " ", "_", " ").Replace(name)
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// Alternate is one hreflang link.
type Alternate struct {
	Hreflang string // "fr-FR", "en", "x-default"
	URL      string // absolute
}

// Alternates are the hreflang links of a page that exists in several
// languages: itself, each translation, and x-default (the default
// language's version). Page 2 and later of a list have none.
func (d *Data) Alternates() []Alternate {
	if len(d.Translations) == 0 || d.Paginated() {
		return nil
	}
	cfg := d.Config()
	own := Translation{Lang: d.Lang(), URL: d.URL}
	all := append([]Translation{own}, d.Translations...)
	out := make([]Alternate, 0, len(all)+1)
	def := ""
	for _, t := range all {
		out = append(out, Alternate{Hreflang: hreflang(t.Lang), URL: AbsURL(cfg, t.URL)})
		if t.Lang.Default {
			def = AbsURL(cfg, t.URL)
		}
	}
	if def != "" {
		out = append(out, Alternate{Hreflang: "x-default", URL: def})
	}
	return out
}

func hreflang(l *site.Language) string { return cmp.Or(l.Locale, l.Code) }

// OGLocale is the page's locale as Open Graph writes it: "fr_FR".
func (d *Data) OGLocale() string { return OGLocale(d.Lang()) }

// OGLocaleAlternates are the locales of the page's translations.
func (d *Data) OGLocaleAlternates() []string {
	if d.Paginated() {
		return nil
	}
	var out []string
	for _, t := range d.Translations {
		out = append(out, OGLocale(t.Lang))
	}
	return out
}

// LanguageLink is one entry of the language switcher.
type LanguageLink struct {
	Lang       *site.Language
	URL        string // site-relative
	Current    bool   // the language being read
	Translated bool   // URL is this page's translation, not the language's home
}

// LanguageLinks is the language switcher: every language of the site,
// linking to this page's translation when there is one, else to that
// language's home. Empty on a site with one language and no translations.
func (d *Data) LanguageLinks() []LanguageLink {
	if d.Site == nil || len(d.Site.Languages) < 2 && len(d.Translations) == 0 {
		return nil
	}
	langs := d.Site.Languages
	cur := d.Lang()
	var out []LanguageLink
	for _, l := range langs {
		if l.Code == cur.Code {
			out = append(out, LanguageLink{Lang: l, URL: d.URL, Current: true, Translated: true})
			continue
		}
		link := LanguageLink{Lang: l, URL: l.Prefix + "/"}
		for _, t := range d.Translations {
			if t.Lang.Code == l.Code {
				link.URL, link.Translated = t.URL, true
			}
		}
		out = append(out, link)
	}
	return out
}

// Tags are the page's tags as written, for article:tag and keywords.
func (d *Data) Tags() []string {
	if d.Page == nil {
		return nil
	}
	return d.Page.Terms["tags"]
}

// ArticleSection is article:section: the first category, else the section.
func (d *Data) ArticleSection() string {
	if d.Page == nil {
		return ""
	}
	if c := d.Page.Terms["categories"]; len(c) > 0 {
		return c[0]
	}
	if d.Section != nil {
		return SectionTitle(d.Section)
	}
	return ""
}

// Year is the copyright year: the build's, else the newest page's.
func (d *Data) Year() int {
	if d.Site == nil {
		return 0
	}
	if !d.Site.Now.IsZero() {
		return d.Site.Now.Year()
	}
	if len(d.Site.Pages) > 0 {
		return d.Site.Pages[0].Date.Year()
	}
	return 0
}
