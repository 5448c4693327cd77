package output

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/feeds"

	"github.com/relais/relais/generator/site"
	"github.com/relais/relais/generator/social"
)

// planSocial lists, per language, the excerpts of every published
// article: social/index.json for APIs, one CSV per scheduler, and one RSS
// feed per platform for auto-posters. Every file of a language shows
// every excerpt: its tasks depend on the language's excerpts as a whole
// (socialSet.digest), which change far less often than the articles do.
func planSocial(p *plan) ([]*task, error) {
	var tasks []*task
	for _, s := range p.sites {
		opt := SocialOptions(s.Config, p.typography())
		set := &socialSet{site: s, pages: s.Listed(), opt: opt}
		set.entries = p.social.entries(s, set.pages, opt)
		set.collect()
		p.socials[s] = set
		dir := strings.TrimPrefix(langPrefix(s)+"/social/", "/")
		info := socialSiteInfo(s)
		static := func(d *digest, name string) {
			d.str(dir, name, info.Title, info.BaseURL, info.Board)
			if info.Location != nil {
				d.str(info.Location.String())
			}
			d.pages(set.pages)
		}
		for _, e := range social.Exports {
			var reach func() int
			if !p.extra.Defer || !e.Whole {
				reach = func() int { return e.Reach(set.items) }
			}
			tasks = append(tasks, &task{kind: "social", key: dir + e.File, social: s, reach: reach,
				static: func(d *digest) { static(d, e.File) },
				run: func(w *Writer) error {
					if p.extra.Defer && e.Whole {
						if items := set.items; e.Writes(items) {
							// refreshSocial copies set.items before an edit changes
							// it: this slice stays as it is.
							w.Defer(dir+e.File, func() ([]byte, error) { return e.Render(items, info) })
						}
						return nil
					}
					b, err := e.Render(set.items, info)
					if err != nil || b == nil { // nil: a disabled platform's file, nothing to write
						return err
					}
					w.Add(dir+e.File, b)
					return nil
				}})
		}
		for _, pl := range opt.Enabled() {
			tasks = append(tasks, &task{kind: "social", key: dir + pl.Name + ".xml", social: s,
				reach:  func() int { return feedReach(s, pl, set.items) },
				static: func(d *digest) { static(d, pl.Name+".xml") },
				run: func(w *Writer) error {
					b, err := platformFeed(s, pl, set.items, set.pages)
					if err != nil {
						return err
					}
					w.Add(dir+pl.Name+".xml", b)
					return nil
				}})
		}
	}
	return tasks, nil
}

// socialSet is one language's excerpts, in the order of its listed pages.
type socialSet struct {
	site    *site.Site
	pages   []*site.Page
	opt     social.Options
	entries []*socialEntry
	items   []social.Item // the entries' items, for the exports
	index   map[*site.Page]int
}

// collect gathers the entries' items.
func (set *socialSet) collect() {
	set.items = make([]social.Item, len(set.entries))
	for i, e := range set.entries {
		set.items[i] = e.item
	}
}

// digest hashes which excerpts the language has: each entry's version.
func (set *socialSet) digest(p *plan) uint64 {
	return set.prefixDigest(p, len(set.entries))
}

// prefixDigest is digest for the n newest entries, for files that show
// no more (see social.Export.Reach).
func (set *socialSet) prefixDigest(p *plan, n int) uint64 {
	d := newDigest(p)
	d.u64(uint64(n))
	for i, e := range set.entries[:n] {
		d.str(set.pages[i].Path)
		d.u64(e.version)
	}
	return d.sum()
}

// refreshSocial composes again the excerpts of the pages whose body
// changed, and reports whether any excerpt or warning moved.
func (p *plan) refreshSocial(pages []*site.Page) (moved bool) {
	for _, s := range p.sites {
		set := p.socials[s]
		if set == nil {
			continue
		}
		if set.index == nil {
			set.index = make(map[*site.Page]int, len(set.pages))
			for i, pg := range set.pages {
				set.index[pg] = i
			}
		}
		var idx []int
		var which []*site.Page
		for _, pg := range pages {
			if i, ok := set.index[pg]; ok {
				idx = append(idx, i)
				which = append(which, pg)
			}
		}
		if len(idx) == 0 {
			continue
		}
		copied := false
		for k, e := range p.social.entries(s, which, set.opt) {
			if set.entries[idx[k]].version == e.version {
				continue // the same excerpts and warnings
			}
			if !copied {
				// A new slice: deferred exports hold the old one.
				set.items = slices.Clone(set.items)
				copied = true
			}
			moved = true
			set.entries[idx[k]] = e
			set.items[idx[k]] = e.item
		}
	}
	return moved
}

// warnings are the excerpts' warnings, with their file and line.
func (p *plan) warnings() []*site.Error {
	var out []*site.Error
	for _, s := range p.sites {
		set := p.socials[s]
		if set == nil {
			continue
		}
		for _, e := range set.entries {
			out = append(out, e.errs...)
		}
	}
	return out
}

// socialCache keeps each article's excerpts between builds, by page,
// while the page's versions are unchanged.
type socialCache struct {
	m        map[string]*socialEntry
	versions Versions
	last     uint64 // the last version given
}

// socialEntry is one article's excerpts.
type socialEntry struct {
	meta, body uint64
	item       social.Item
	warns      []social.Warning
	errs       []*site.Error // warns, as the build reports them
	version    uint64        // changes when the item or the warnings do
}

func newSocialCache(v Versions) *socialCache {
	return &socialCache{m: map[string]*socialEntry{}, versions: v}
}

// entries returns the excerpts of pages, composing those it does not
// have (in parallel).
func (c *socialCache) entries(s *site.Site, pages []*site.Page, opt social.Options) []*socialEntry {
	out := make([]*socialEntry, len(pages))
	var todo []int
	for i, pg := range pages {
		if c.versions == nil {
			todo = append(todo, i)
			continue
		}
		meta, body := c.versions(pg)
		if e, ok := c.m[pg.Lang+"\x00"+pg.Path]; ok && e.meta == meta && e.body == body {
			out[i] = e
			continue
		}
		todo = append(todo, i)
	}
	parallelFor(len(todo), func(k int) {
		pg := pages[todo[k]]
		post := SocialPost(s, pg)
		ex, ws := social.Compose(post, opt)
		post.Paragraphs = nil // composed: the exports do not read them, and a large site keeps every item
		e := &socialEntry{item: social.Item{Post: post, Excerpts: ex}, warns: ws, errs: socialWarnings(ws)}
		if c.versions != nil {
			e.meta, e.body = c.versions(pg)
			e.item.Cache = new(social.Cache)
		}
		out[todo[k]] = e
	})
	for _, i := range todo {
		e, key := out[i], pages[i].Lang+"\x00"+pages[i].Path
		if old, ok := c.m[key]; ok && reflect.DeepEqual(old.item.Post, e.item.Post) &&
			reflect.DeepEqual(old.item.Excerpts, e.item.Excerpts) && reflect.DeepEqual(old.warns, e.warns) {
			e.version = old.version
			e.item.Cache = old.item.Cache // the same item: its written parts hold
		} else {
			c.last++
			e.version = c.last
		}
		if c.versions != nil {
			c.m[key] = e
		}
	}
	return out
}

func socialSiteInfo(s *site.Site) social.SiteInfo {
	title := s.Config.Title
	if s.Lang != nil {
		title = s.Lang.Title
	}
	return social.SiteInfo{Title: title, BaseURL: publishBase(s.Config), Location: s.Config.Location, Board: s.Config.Social.Board}
}

// SocialOptions reads [social] into the relay's options; typo is the
// typography pass for the prose the relay composes.
func SocialOptions(cfg *site.Config, typo func(lang, s string) string) social.Options {
	opt := social.Options{
		Limits:     map[string]int{},
		HashtagMax: map[string]int{},
		UTM: social.UTM{
			Source: cfg.Social.UTM.Source, Medium: cfg.Social.UTM.Medium,
			Campaign: cfg.Social.UTM.Campaign, Content: cfg.Social.UTM.Content, Disabled: cfg.Social.UTM.Disabled,
		},
		LinkInBio:  cfg.Social.LinkInBio,
		Disabled:   cfg.Social.Disabled,
		Typography: typo,
	}
	for name, pc := range cfg.Social.Platforms {
		if pc.Limit > 0 {
			opt.Limits[name] = pc.Limit
		}
		if pc.Hashtags != nil {
			opt.HashtagMax[name] = *pc.Hashtags
		}
	}
	return opt
}

// SocialItems composes the excerpts of pages (newest first), and returns
// the warnings with their file and line.
func SocialItems(s *site.Site, pages []*site.Page, opt social.Options) ([]social.Item, []*site.Error) {
	items := make([]social.Item, len(pages))
	var out []*site.Error
	for i, e := range newSocialCache(nil).entries(s, pages, opt) {
		items[i] = e.item
		out = append(out, socialWarnings(e.warns)...)
	}
	return items, out
}

func socialWarnings(ws []social.Warning) []*site.Error {
	var out []*site.Error
	for _, w := range ws {
		where := "social"
		if w.Platform != "" {
			where += "." + w.Platform
		}
		out = append(out, &site.Error{Path: w.Path, Line: w.Line, Err: errors.New(where + ": " + w.Msg)})
	}
	return out
}

// SocialPost is what the relay needs to know of a page.
func SocialPost(s *site.Site, p *site.Page) social.Post {
	post := social.Post{
		URL: absURL(publishBase(s.Config), p.URL), Slug: p.Slug, Title: p.Title, Lang: p.Lang, Date: p.Date,
		Texts: p.Social.Texts, Text: p.Social.Text, Description: p.Description, Summary: p.Summary,
		Paragraphs: paragraphs(string(p.HTML)), Tags: p.Terms["tags"], Hashtags: p.Social.Hashtags,
		Mentions: p.Social.Mentions, Source: p.Path, Line: max(p.Social.Line, 1),
	}
	if p.Image != nil {
		post.Image = publishedURL(s.Config, p.Image.URL)
	}
	return post
}

// Long-form posts use the opening paragraphs of an article; reading the
// rest would cost a tokenizer pass over every page of a large site.
const (
	maxParagraphs     = 8
	maxParagraphBytes = 6000 // LinkedIn's 3,000 characters, in UTF-8 with margin
)

// feedReach is how many of items platformFeed reads: up to the one that
// fills the feed.
func feedReach(s *site.Site, pl social.Platform, items []social.Item) int {
	limit := s.Config.Feeds.Limit
	if limit <= 0 {
		return len(items)
	}
	n := 0
	for i := range items {
		if _, ok := findExcerpt(items[i].Excerpts, pl.Name); ok {
			if n++; n == limit {
				return i + 1
			}
		}
	}
	return len(items)
}

// platformFeed is an RSS 2.0 feed of one platform's excerpts, for the
// auto-posters (IFTTT, dlvr.it, Hootsuite, Pinterest) that post an item's
// description as it is: the description is the excerpt, the link carries
// that platform's UTM parameters.
func platformFeed(s *site.Site, pl social.Platform, items []social.Item, pages []*site.Page) ([]byte, error) {
	cfg := s.Config
	title := cfg.Title
	if s.Lang != nil {
		title = s.Lang.Title
	}
	limit := cfg.Feeds.Limit
	f := &feeds.Feed{Title: title + " – " + pl.Label, Link: &feeds.Link{Href: absURL(publishBase(cfg), langPrefix(s)+"/")}, Description: s.Config.Description}
	var its []*RSSItem
	for i, it := range items {
		if limit > 0 && len(its) == limit {
			break
		}
		ex, ok := findExcerpt(it.Excerpts, pl.Name)
		if !ok {
			continue
		}
		if f.Updated.Before(it.Post.Date) {
			f.Updated = it.Post.Date
		}
		link := ex.Link
		if link == "" {
			link = it.Post.URL
		}
		itemTitle := it.Post.Title
		if ex.Title != "" {
			itemTitle = ex.Title
		}
		g := &feeds.Item{Title: itemTitle, Link: &feeds.Link{Href: link}, Description: ex.Text, Id: it.Post.URL, IsPermaLink: "true", Created: it.Post.Date}
		ri := (&feeds.Rss{Feed: &feeds.Feed{Items: []*feeds.Item{g}}}).RssFeed().Items[0]
		p := pages[i]
		var media *MediaContent
		if p.Image != nil {
			media = NewMedia(p.Image)
			media.URL = publishedURL(cfg, media.URL)
			ri.Enclosure = &feeds.RssEnclosure{Url: publishedURL(cfg, p.Image.URL), Type: p.Image.Type, Length: strconv.Itoa(p.Image.Length)}
		}
		its = append(its, &RSSItem{RssItem: ri, Media: media})
	}
	ch := (&feeds.Rss{Feed: f}).RssFeed()
	ch.Language = ""
	if s.Lang != nil {
		ch.Language = strings.ToLower(s.Lang.Locale)
	}
	return encodeXML(RSSDocument(ch, absURL(publishBase(cfg), langPrefix(s)+"/social/"+pl.Name+".xml"), its))
}

func findExcerpt(ex []social.Excerpt, platform string) (social.Excerpt, bool) {
	for _, e := range ex {
		if e.Platform == platform {
			return e, true
		}
	}
	return social.Excerpt{}, false
}

// publishBase is the base URL the relay links to: the published site's,
// even in a preview served from another address.
func publishBase(cfg *site.Config) string {
	if cfg.PublishURL != "" {
		return cfg.PublishURL
	}
	return cfg.BaseURL
}

// publishedURL moves an absolute URL of this build (a share image) to the
// published site.
func publishedURL(cfg *site.Config, u string) string {
	if rest, ok := strings.CutPrefix(u, cfg.BaseURL); ok && cfg.PublishURL != "" {
		return cfg.PublishURL + rest
	}
	return u
}
