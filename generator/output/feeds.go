package output

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/feeds"

	"github.com/relais/relais/generator/site"
)

// Feed file names under each list's URL: "/" gives /index.xml, /atom.xml,
// /feed.json; "/tags/x/" gives /tags/x/index.xml, and so on.
const (
	RSSFile  = "index.xml"
	AtomFile = "atom.xml"
	JSONFile = "feed.json"
)

const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsMedia   = "http://search.yahoo.com/mrss/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
)

// feedList is one list that gets the three feeds.
type feedList struct {
	url         string // site-relative list URL, ends with "/"
	title       string
	description string
	pages       []*site.Page // newest first
}

// planFeeds lists RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the site,
// each section and each taxonomy term, in every language: one task per
// list, writing its three files.
func planFeeds(p *plan) ([]*task, error) {
	var tasks []*task
	for _, s := range p.sites {
		title := s.Config.Title
		desc := s.Config.Description
		if s.Lang != nil {
			title, desc = s.Lang.Title, s.Lang.Description
		}
		add := func(l feedList) {
			l.pages = l.shown(s)
			tasks = append(tasks, &task{kind: "feeds", key: strings.TrimPrefix(l.url, "/") + RSSFile, bodies: l.pages,
				static: func(d *digest) { l.static(d, s) },
				run:    func(w *Writer) error { return writeFeeds(s, l, p.items, w) }})
		}
		add(feedList{url: langPrefix(s) + "/", title: title, description: desc, pages: s.Listed()})
		for _, sec := range s.Sections {
			name := sec.Name
			if sec.Page != nil && sec.Page.Title != "" {
				name = sec.Page.Title
			}
			add(feedList{url: sec.URL, title: title + " – " + name, description: desc, pages: sec.Pages})
		}
		for _, tx := range s.Taxonomies {
			for _, t := range tx.Terms {
				add(feedList{url: t.URL, title: title + " – " + t.Name, description: desc, pages: t.Pages})
			}
		}
	}
	return tasks, nil
}

// shown cuts the list to the feed's limit.
func (l feedList) shown(s *site.Site) []*site.Page {
	if n := s.Config.Feeds.Limit; n > 0 && len(l.pages) > n {
		return l.pages[:n]
	}
	return l.pages
}

// static hashes the feed's own data and its items' meta versions; the
// items' rendered bodies are the task's bodies. The configuration (base
// URL, author, content mode) is the Renderer's own.
func (l feedList) static(d *digest, s *site.Site) {
	d.str(l.url, l.title, l.description, langPrefix(s))
	if s.Lang != nil {
		d.str(s.Lang.Locale)
	}
	d.pages(l.pages)
}

func langPrefix(s *site.Site) string {
	if s.Lang == nil {
		return ""
	}
	return s.Lang.Prefix
}

// feedItem is what every format says about one page, computed once even
// when the page sits in a dozen term feeds.
type feedItem struct {
	page    *site.Page
	link    string // absolute permalink
	html    string // content with absolute links, starting with the share image
	summary string // plain text
	author  string
	tags    []string
	updated time.Time
}

// itemCache keeps feed items between builds, by page path, as long as
// the page's versions are unchanged; without versions, for one build.
type itemCache struct {
	mu       sync.Mutex
	m        map[string]*cachedItem
	versions Versions
}

type cachedItem struct {
	item       *feedItem
	meta, body uint64
}

func newItemCache(v Versions) *itemCache {
	return &itemCache{m: map[string]*cachedItem{}, versions: v}
}

func (c *itemCache) get(s *site.Site, p *site.Page) *feedItem {
	var meta, body uint64
	if c.versions != nil {
		meta, body = c.versions(p)
	}
	key := p.Lang + "\x00" + p.Path
	c.mu.Lock()
	e, ok := c.m[key]
	c.mu.Unlock()
	switch {
	case !ok:
	case c.versions == nil && e.item.page == p:
		return e.item
	case c.versions != nil && e.meta == meta && e.body == body:
		if e.item.page == p {
			return e.item
		}
		it := *e.item // the same page, built again
		it.page = p
		return &it
	}
	it := newFeedItem(s, p)
	c.mu.Lock()
	c.m[key] = &cachedItem{item: it, meta: meta, body: body}
	c.mu.Unlock()
	return it
}

func newFeedItem(s *site.Site, p *site.Page) *feedItem {
	cfg := s.Config
	link := absURL(cfg.BaseURL, p.URL)
	body := p.HTML
	if cfg.Feeds.Content == "summary" {
		body = p.SummaryHTML
	}
	var b strings.Builder
	abs := Absolutize(string(body), link)
	if p.Image != nil && p.Image.URL != "" && !startsWithImage(abs, p.Image.URL) {
		// Pinterest, IFTTT, dlvr.it and RSS-to-email tools take the first image of the entry.
		fmt.Fprintf(&b, `<p><img src="%s" alt="%s"`, template.HTMLEscapeString(p.Image.URL), template.HTMLEscapeString(p.Image.Alt))
		if p.Image.Width > 0 {
			fmt.Fprintf(&b, ` width="%d" height="%d"`, p.Image.Width, p.Image.Height)
		}
		b.WriteString("></p>\n")
	}
	b.WriteString(abs)
	it := &feedItem{page: p, link: link, html: b.String(), summary: p.Summary, updated: p.Lastmod}
	if it.updated.IsZero() {
		it.updated = p.Date
	}
	switch {
	case len(p.Authors) > 0:
		it.author = strings.Join(p.Authors, ", ")
	default:
		it.author = cfg.Author.Name
	}
	seen := map[string]bool{}
	for _, tx := range s.Taxonomies {
		for _, t := range p.Terms[tx.Name] {
			if !seen[t] {
				seen[t] = true
				it.tags = append(it.tags, t)
			}
		}
	}
	return it
}

func writeFeeds(s *site.Site, l feedList, items *itemCache, w *Writer) error {
	cfg := s.Config
	pages := l.shown(s)
	its := make([]*feedItem, len(pages))
	for i, p := range pages {
		its[i] = items.get(s, p)
	}
	var updated time.Time // the newest change, so two builds of the same input match
	for _, it := range its {
		if it.updated.After(updated) {
			updated = it.updated
		}
	}
	f := &feeds.Feed{
		Title:       l.title,
		Link:        &feeds.Link{Href: absURL(cfg.BaseURL, l.url)},
		Description: l.description,
		Updated:     updated,
		Copyright:   cfg.Copyright,
	}
	if cfg.Author.Name != "" || cfg.Author.Email != "" {
		f.Author = &feeds.Author{Name: cfg.Author.Name, Email: cfg.Author.Email}
	}
	for _, it := range its {
		f.Items = append(f.Items, it.generic())
	}
	base := strings.TrimPrefix(l.url, "/")
	lang := ""
	if s.Lang != nil {
		lang = s.Lang.Locale
	}
	// One buffer for the three documents, sized for the largest: a term's
	// feed with full content is a few hundred kilobytes, and growing a
	// fresh buffer for each of hundreds of feeds costs more than encoding.
	size := 4096
	for _, it := range its {
		size += 2*len(it.html) + len(it.summary) + 1024
	}
	buf := feedBufs.Get().(*bytes.Buffer)
	defer feedBufs.Put(buf)
	buf.Reset()
	buf.Grow(size)
	if err := appendXML(buf, rssDocument(f, its, absURL(cfg.BaseURL, l.url+RSSFile), lang)); err != nil {
		return err
	}
	w.AddCopy(base+RSSFile, buf.Bytes())
	buf.Reset()
	if err := appendXML(buf, atomDocument(f, its, absURL(cfg.BaseURL, l.url+AtomFile), lang)); err != nil {
		return err
	}
	w.AddCopy(base+AtomFile, buf.Bytes())
	buf.Reset()
	if err := jsonDocument(buf, f, its, absURL(cfg.BaseURL, l.url+JSONFile), lang); err != nil {
		return err
	}
	w.AddCopy(base+JSONFile, buf.Bytes())
	return nil
}

var feedBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// startsWithImage tells whether an HTML fragment opens with the image at
// url (alone, in a paragraph or a figure), so it is not shown twice.
func startsWithImage(fragment, url string) bool {
	f := strings.TrimLeft(fragment, " \t\r\n")
	for _, open := range []string{"<p>", "<figure>"} {
		f = strings.TrimLeft(strings.TrimPrefix(f, open), " \t\r\n")
	}
	if !strings.HasPrefix(f, "<img") {
		return false
	}
	end := strings.IndexByte(f, '>')
	return end > 0 && strings.Contains(f[:end], `src="`+template.HTMLEscapeString(url)+`"`)
}

func (it *feedItem) generic() *feeds.Item {
	p := it.page
	g := &feeds.Item{
		Title:       p.Title,
		Link:        &feeds.Link{Href: it.link},
		Description: it.summary,
		Id:          it.link,
		IsPermaLink: "true",
		Created:     p.Date,
		Updated:     it.updated,
		Content:     it.html,
	}
	if it.author != "" {
		g.Author = &feeds.Author{Name: it.author}
	}
	if img := p.Image; img != nil && img.URL != "" {
		g.Enclosure = &feeds.Enclosure{Url: img.URL, Type: img.Type, Length: strconv.Itoa(img.Length)}
	}
	return g
}

// RSS 2.0 with what auto-posters read: media:content for the image,
// dc:creator for the author's name (<author> must be an e-mail address),
// one <category> per term, and the atom:link self reference.
type rssDoc struct {
	XMLName   xml.Name   `xml:"rss"`
	Version   string     `xml:"version,attr"`
	NSContent string     `xml:"xmlns:content,attr"`
	NSAtom    string     `xml:"xmlns:atom,attr"`
	NSMedia   string     `xml:"xmlns:media,attr"`
	NSDC      string     `xml:"xmlns:dc,attr"`
	Channel   rssChannel `xml:"channel"`
}

type rssChannel struct {
	*feeds.RssFeed
	Self      atomLink   `xml:"atom:link"`
	Generator string     `xml:"generator"`
	Items     []*RSSItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// RSSItem is gorilla's item plus the elements it lacks.
type RSSItem struct {
	*feeds.RssItem
	Author     string        `xml:"author,omitempty"` // shadows gorilla's name-only author
	Creator    string        `xml:"dc:creator,omitempty"`
	Categories []string      `xml:"category"`
	Media      *MediaContent `xml:"media:content"`
}

// MediaContent is a Media RSS image.
type MediaContent struct {
	URL    string `xml:"url,attr"`
	Medium string `xml:"medium,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Width  int    `xml:"width,attr,omitempty"`
	Height int    `xml:"height,attr,omitempty"`
	Length int    `xml:"fileSize,attr,omitempty"`
}

// NewMedia describes a share image for media:content, nil when there is none.
func NewMedia(img *site.Image) *MediaContent {
	if img == nil || img.URL == "" {
		return nil
	}
	return &MediaContent{URL: img.URL, Medium: "image", Type: img.Type, Width: img.Width, Height: img.Height, Length: img.Length}
}

// RSSDocument wraps a channel with relais's namespaces; used by the site
// feeds and by the per-platform social feeds.
func RSSDocument(ch *feeds.RssFeed, self string, items []*RSSItem) any {
	return &rssDoc{
		Version: "2.0", NSContent: nsContent, NSAtom: nsAtom, NSMedia: nsMedia, NSDC: nsDC,
		Channel: rssChannel{RssFeed: ch, Self: atomLink{Href: self, Rel: "self", Type: "application/rss+xml"}, Generator: "relais", Items: items},
	}
}

func rssDocument(f *feeds.Feed, its []*feedItem, self, lang string) any {
	ch := (&feeds.Rss{Feed: f}).RssFeed()
	ch.Language = strings.ToLower(lang)
	ch.ManagingEditor = "" // RSS wants an e-mail address here; the name goes in dc:creator
	if f.Author != nil && f.Author.Email != "" {
		ch.ManagingEditor = fmt.Sprintf("%s (%s)", f.Author.Email, f.Author.Name)
	}
	if len(its) == 0 {
		ch.PubDate, ch.LastBuildDate = "", ""
	}
	items := make([]*RSSItem, len(ch.Items))
	for i, ri := range ch.Items {
		it := its[i]
		ri.Author = ""
		if it.page.Image != nil && it.page.Image.Length == 0 {
			// An external image of unknown size: RSS requires a length, and 0 is the convention.
			ri.Enclosure = &feeds.RssEnclosure{Url: it.page.Image.URL, Type: it.page.Image.Type, Length: "0"}
			if ri.Enclosure.Type == "" {
				ri.Enclosure = nil
			}
		}
		items[i] = &RSSItem{RssItem: ri, Creator: it.author, Categories: it.tags, Media: NewMedia(it.page.Image)}
	}
	return RSSDocument(ch, self, items)
}

// Atom 1.0: gorilla writes <category> as text and a single feed link; Atom
// wants term attributes and a rel="self" link beside the alternate one.
type atomDoc struct {
	*feeds.AtomFeed
	Links   []feeds.AtomLink `xml:"link"`
	Lang    string           `xml:"xml:lang,attr,omitempty"`
	Gen     string           `xml:"generator"`
	Entries []*atomEntry     `xml:"entry"`
}

type atomEntry struct {
	*feeds.AtomEntry
	Categories []atomCategory `xml:"category"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func atomDocument(f *feeds.Feed, its []*feedItem, self, lang string) any {
	a := (&feeds.Atom{Feed: f}).AtomFeed()
	if a.Updated == "" {
		a.Updated = time.Unix(0, 0).UTC().Format(time.RFC3339)
	}
	doc := &atomDoc{AtomFeed: a, Lang: lang, Gen: "relais", Links: []feeds.AtomLink{
		{Href: f.Link.Href, Rel: "alternate", Type: "text/html"},
		{Href: self, Rel: "self", Type: "application/atom+xml"},
	}}
	a.Link = nil
	for i, e := range a.Entries {
		it := its[i]
		if e.Summary != nil {
			e.Summary.Type = "text"
		}
		if !it.page.Date.IsZero() {
			e.Published = it.page.Date.Format(time.RFC3339)
		}
		ae := &atomEntry{AtomEntry: e}
		for _, t := range it.tags {
			ae.Categories = append(ae.Categories, atomCategory{Term: t})
		}
		doc.Entries = append(doc.Entries, ae)
	}
	return doc
}

func jsonDocument(buf *bytes.Buffer, f *feeds.Feed, its []*feedItem, self, lang string) error {
	j := (&feeds.JSON{Feed: f}).JSONFeed()
	j.FeedUrl = self
	j.Language = lang
	j.Author = nil // deprecated in JSON Feed 1.1: authors only
	for i, ji := range j.Items {
		it := its[i]
		ji.Author = nil
		ji.Tags = it.tags
		ji.ContentHTML = it.html
		if it.page.Image != nil {
			ji.Image = it.page.Image.URL
		}
		if it.page.Date.IsZero() {
			ji.PublishedDate = nil
		}
	}
	// Compact, not indented: feeds are read by programs, and indenting is
	// a second pass over every item's full HTML, in every term's feed.
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// encodeXML returns the indented XML document v.
func encodeXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	if err := appendXML(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// appendXML writes the indented XML document v to buf.
func appendXML(buf *bytes.Buffer, v any) error {
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// absURL joins a site-relative URL to the base URL.
func absURL(base, u string) string {
	if strings.Contains(u, "://") {
		return u
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(u, "/")
}
