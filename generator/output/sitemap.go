package output

import (
	"cmp"
	"encoding/xml"
	"slices"
	"strconv"
	"time"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/theme"
)

// One sitemap.xml at the root lists every language: search engines read
// hreflang alternates best when each <url> carries its translations as
// xhtml:link elements, which is simplest when all of them sit in one file.
// Past the protocol's limit of 50,000 URLs per file, sitemap.xml becomes a
// sitemap index pointing to sitemap-1.xml, sitemap-2.xml…
// (sitemaps.org/protocol.html).

// sitemapMax is the protocol's limit of URLs per sitemap file.
var sitemapMax = 50000

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string      `xml:"loc"`
	Lastmod string      `xml:"lastmod,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemapItem is one URL before encoding.
type sitemapItem struct {
	url          string // site-relative
	lastmod      time.Time
	lang         *site.Language
	translations []theme.Translation
}

// planSitemap lists sitemap.xml (or an index and its parts) and
// robots.txt, in one task. They list every published page and list page
// (home, sections, taxonomies, terms, archive), not pager pages 2 and
// later, the 404 page or aliases.
func planSitemap(p *plan) ([]*task, error) {
	sites := p.sites
	if len(sites) == 0 {
		return nil, nil
	}
	cfg := sites[0].Config
	var entries []sitemapItem
	for _, s := range sites {
		entries = append(entries, sitemapEntries(s, p.ix)...)
	}
	slices.SortFunc(entries, func(a, b sitemapItem) int { return cmp.Compare(a.url, b.url) })
	entries = slices.CompactFunc(entries, func(a, b sitemapItem) bool { return a.url == b.url })
	_, ownRobots := p.extra.Files["robots.txt"]
	return []*task{{kind: "sitemap", key: "sitemap.xml",
		// The entries are all the sitemap shows, and no body is in them.
		static: func(d *digest) {
			d.flag(ownRobots)
			d.flag(len(sites) > 1)
			for _, e := range entries {
				d.str(e.url, e.lang.Code)
				d.time(e.lastmod)
				for _, t := range e.translations {
					d.str(t.Lang.Code, t.Lang.Locale, t.URL)
					d.flag(t.Lang.Default)
				}
			}
		},
		run: func(w *Writer) error { return writeSitemap(cfg, len(sites) > 1, entries, w) },
	}}, nil
}

// writeSitemap encodes the entries.
func writeSitemap(cfg *site.Config, multi bool, entries []sitemapItem, w *Writer) error {
	urls := make([]sitemapURL, len(entries))
	for i, e := range entries {
		urls[i] = sitemapURL{Loc: theme.AbsURL(cfg, e.url), Lastmod: w3cTime(cfg, e.lastmod)}
		if multi && len(e.translations) > 0 {
			urls[i].Links = sitemapAlternates(cfg, e)
		}
	}

	if len(urls) <= sitemapMax {
		b, err := encodeXML(urlset{NS: sitemapNS, XHTML: xhtmlNSIf(multi), URLs: urls})
		if err != nil {
			return err
		}
		w.Add("sitemap.xml", b)
	} else {
		idx := sitemapIndex{NS: sitemapNS}
		for part, start := 1, 0; start < len(urls); part, start = part+1, start+sitemapMax {
			chunk := urls[start:min(start+sitemapMax, len(urls))]
			name := "sitemap-" + strconv.Itoa(part) + ".xml"
			b, err := encodeXML(urlset{NS: sitemapNS, XHTML: xhtmlNSIf(multi), URLs: chunk})
			if err != nil {
				return err
			}
			w.Add(name, b)
			var last time.Time
			for _, e := range entries[start : start+len(chunk)] {
				last = laterTime(last, e.lastmod)
			}
			idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: theme.AbsURL(cfg, "/"+name), Lastmod: w3cTime(cfg, last)})
		}
		b, err := encodeXML(idx)
		if err != nil {
			return err
		}
		w.Add("sitemap.xml", b)
	}

	// A robots.txt of the site's own (static/robots.txt) is the user's
	// word: keep it.
	if !w.has("robots.txt") {
		w.Add("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+theme.AbsURL(cfg, "/sitemap.xml")+"\n"))
	}
	return nil
}

// has reports whether a file was already added (a site's static file).
func (w *Writer) has(path string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.files[path]; ok {
		return true
	}
	_, ok := w.base[path]
	return ok
}

// sitemapEntries lists one language's URLs.
func sitemapEntries(s *site.Site, ix *langIndex) []sitemapItem {
	var out []sitemapItem
	add := func(u string, lastmod time.Time, tr []theme.Translation) {
		out = append(out, sitemapItem{url: u, lastmod: lastmod, lang: s.Lang, translations: tr})
	}
	listed := s.Listed()
	add(homeURL(s), newestChange(listed, s.Home), ix.listTranslations(s, homeURL))
	for _, p := range s.Pages {
		add(p.URL, lastChange(p), ix.pageTranslations(p))
	}
	for _, sec := range s.Sections {
		add(sec.URL, newestChange(sec.Pages, sec.Page), ix.listTranslations(s, sectionURL(sec.Name)))
	}
	for _, tx := range s.Taxonomies {
		if len(tx.Terms) == 0 {
			continue
		}
		var all time.Time
		for _, t := range tx.Terms {
			m := newestChange(t.Pages, nil)
			all = laterTime(all, m)
			add(t.URL, m, ix.listTranslations(s, termURL(tx.Name, t.Slug)))
		}
		add(tx.URL, all, ix.listTranslations(s, taxonomyURL(tx.Name)))
	}
	add(archivesURL(s), newestChange(listed, nil), ix.listTranslations(s, archivesURL))
	return out
}

// sitemapAlternates are an entry's hreflang links: itself, its translations
// and x-default, the default language's version.
func sitemapAlternates(cfg *site.Config, e sitemapItem) []xhtmlLink {
	all := append([]theme.Translation{{Lang: e.lang, URL: e.url}}, e.translations...)
	links := make([]xhtmlLink, 0, len(all)+1)
	def := ""
	for _, t := range all {
		href := theme.AbsURL(cfg, t.URL)
		links = append(links, xhtmlLink{Rel: "alternate", Hreflang: cmp.Or(t.Lang.Locale, t.Lang.Code), Href: href})
		if t.Lang.Default {
			def = href
		}
	}
	slices.SortFunc(links, func(a, b xhtmlLink) int { return cmp.Compare(a.Hreflang, b.Hreflang) })
	if def != "" {
		links = append(links, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: def})
	}
	return links
}

func xhtmlNSIf(multi bool) string {
	if multi {
		return xhtmlNS
	}
	return ""
}

// lastChange is when a page last changed: Lastmod, else Date.
func lastChange(p *site.Page) time.Time {
	if !p.Lastmod.IsZero() {
		return p.Lastmod
	}
	return p.Date
}

// newestChange is the latest change among a list's pages and its own page.
func newestChange(pages []*site.Page, own *site.Page) time.Time {
	var t time.Time
	if own != nil {
		t = lastChange(own)
	}
	for _, p := range pages {
		t = laterTime(t, lastChange(p))
	}
	return t
}

func laterTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func siteZone(cfg *site.Config, t time.Time) time.Time {
	if cfg.Location != nil {
		return t.In(cfg.Location)
	}
	return t
}

// w3cTime writes a time in the W3C datetime format sitemaps use, in the
// site's time zone; "" when unknown.
func w3cTime(cfg *site.Config, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return siteZone(cfg, t).Format(time.RFC3339)
}
