package social

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
)

// The long-form layout (LinkedIn, Facebook, Instagram): a hook within the
// fold, then a few short paragraphs, the way these posts are read on a
// phone. social-platforms.md §7 gives the shape; the sizes are relais's.
const (
	longParagraphs = 4    // paragraphs after the hook, at most
	longParagraph  = 400  // a longer paragraph is cut, and is the last one
	longBudget     = 1200 // all paragraphs together
)

// linkInBio is Instagram's line in place of the link, by language.
var linkInBio = map[string]string{
	"fr": "👉 Lien en bio",
	"en": "👉 Link in bio",
	"es": "👉 Enlace en la bio",
	"de": "👉 Link in der Bio",
	"it": "👉 Link in bio",
	"pt": "👉 Link na bio",
	"nl": "👉 Link in bio",
}

// LinkPlaceholder in a hand-written text marks where the link goes; without
// it the link follows the text.
const LinkPlaceholder = "{link}"

// Compose writes one excerpt per enabled platform, in table order.
//
// The text comes from social.<platform>, else social.text (both written by
// hand), else the description, the summary, the first paragraph, the title.
// Short posts (X, Mastodon, Bluesky, Threads) are the text, the link, then
// mentions and hashtags; when they do not fit, hashtags go first, then the
// text is cut. A hand-written text is never cut: when it does not fit, the
// excerpt is marked invalid and a warning names the page and the platform.
func Compose(p Post, opt Options) ([]Excerpt, []Warning) {
	c := &composer{p: p, opt: opt, tags: hashtags(p), ty: opt.Typography}
	if c.ty == nil {
		c.ty = func(_, s string) string { return s }
	}
	c.checkPost()
	var out []Excerpt
	for _, pl := range opt.Enabled() {
		out = append(out, c.excerpt(pl))
	}
	return out, c.warnings
}

type composer struct {
	p        Post
	opt      Options
	tags     []string
	ty       func(lang, s string) string
	warnings []Warning
}

func (c *composer) warn(platform, format string, args ...any) {
	c.warnings = append(c.warnings, Warning{Path: c.p.Source, Line: c.p.Line, Platform: platform, Msg: fmt.Sprintf(format, args...)})
}

// checkPost reports front matter keys naming no platform (a typo loses a
// hand-written text silently otherwise) and a page URL that is not absolute.
func (c *composer) checkPost() {
	for _, m := range []map[string]string{c.p.Texts, mentionKeys(c.p.Mentions)} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if _, ok := Lookup(k); !ok {
				c.warn("", "unknown platform %q (want one of %s)", k, Names())
			}
		}
	}
	if u, err := url.Parse(c.p.URL); err != nil || !u.IsAbs() || u.Host == "" {
		c.warn("", "page URL %q is not absolute: set baseURL so that links lead back", c.p.URL)
	}
}

func mentionKeys(m map[string][]string) map[string]string {
	out := map[string]string{}
	for k := range m {
		out[k] = ""
	}
	return out
}

// draft is a post in pieces, joined by blank lines.
type draft struct {
	head     string   // the hook of a long post
	body     []string // prose
	link     string   // the link as written, or Instagram's line; "" for none
	inline   bool     // the link replaces LinkPlaceholder in the body
	mentions []string
	tags     []string
}

// render joins the pieces; at is where the link starts, -1 when absent.
func (d draft) render() (text string, at int) {
	var parts []string
	if d.head != "" {
		parts = append(parts, d.head)
	}
	for _, b := range d.body {
		if b != "" {
			parts = append(parts, b)
		}
	}
	s := strings.Join(parts, "\n\n")
	at = -1
	if d.inline && d.link == "" { // a Pin's link has a field of its own
		s = strings.Join(strings.Fields(strings.Replace(s, LinkPlaceholder, "", 1)), " ")
	}
	if d.link != "" {
		if i := strings.Index(s, LinkPlaceholder); d.inline && i >= 0 {
			s = s[:i] + d.link + s[i+len(LinkPlaceholder):]
			at = i
		} else if !d.inline {
			if s != "" {
				s += "\n\n"
			}
			at = len(s)
			s += d.link
		}
	}
	if tail := strings.Join(append(slices.Clone(d.mentions), d.tags...), " "); tail != "" {
		if s != "" {
			s += "\n\n"
		}
		s += tail
	}
	return s, at
}

func (d draft) String() string {
	s, _ := d.render()
	return s
}

func (c *composer) excerpt(pl Platform) Excerpt {
	e := Excerpt{Platform: pl.Name, Limit: pl.Limit, Link: Link(c.p.URL, pl.Name, c.p.Slug, c.opt.UTM)}
	if pl.Image && c.p.Image == "" {
		c.warn(pl.Name, "no share image: %s posts need one", pl.Label)
	}
	hand, handWritten := c.handText(pl)
	d := draft{mentions: c.p.Mentions[pl.Name]}
	switch pl.Link {
	case LinkInText:
		d.link = e.Link
		if pl.Display != nil {
			d.link = pl.Display(e.Link)
		}
	case LinkNone:
		d.link = c.bioLine()
	}
	if pl.TitleLimit > 0 {
		e.Title = c.title(pl)
	}
	fits := func(d draft) bool { return pl.fits(d.String()) }
	tags := c.tags
	maxTags := pl.Hashtags
	switch {
	case handWritten:
		d.body = []string{hand}
		d.inline = strings.Contains(hand, LinkPlaceholder)
		// hashtags already in the text are not repeated, and count
		have := hashtagsIn(hand)
		maxTags -= len(have)
		tags = slices.DeleteFunc(slices.Clone(tags), func(t string) bool {
			return slices.ContainsFunc(have, func(h tagSpan) bool { return tagKey(h.tag) == tagKey(t) })
		})
		d.tags = fitTags(d, tags, maxTags, fits)
	case pl.Long:
		c.long(pl, &d)
		d.tags = fitTags(d, tags, maxTags, fits)
		for !fits(d) && len(d.body) > 0 { // paragraphs go before the hook
			d.body = d.body[:len(d.body)-1]
			d.tags = fitTags(d, tags, maxTags, fits)
		}
		if !fits(d) {
			d.head = c.cutProse(pl, d, d.head, func(d *draft, s string) { d.head = s })
		}
	default:
		d.body = []string{c.source(pl)}
		d.tags = fitTags(d, tags, maxTags, fits)
		if !fits(d) {
			d.body = []string{c.cutProse(pl, d, d.body[0], func(d *draft, s string) { d.body = []string{s} })}
			d.tags = fitTags(d, tags, maxTags, fits)
		}
	}
	text, at := d.render()
	e.Text = text
	e.Length = pl.Count(text)
	e.Hashtags = d.tags
	if pl.Facets {
		e.Facets = facets(text, at, d.link, e.Link)
	}
	e.Problems = c.problems(pl, e, handWritten)
	e.Valid = len(e.Problems) == 0
	for _, pr := range e.Problems {
		c.warn(pl.Name, "%s", pr)
	}
	return e
}

// fitTags returns as many of tags (up to n) as fit after the rest of d.
func fitTags(d draft, tags []string, n int, fits func(draft) bool) []string {
	n = max(min(n, len(tags)), 0)
	for k := n; k > 0; k-- {
		d.tags = tags[:k]
		if fits(d) {
			return d.tags
		}
	}
	return nil
}

// cutProse cuts s, the piece set by put, until d fits: at a sentence or a
// word; failing that the title; failing that nothing, the link alone.
func (c *composer) cutProse(pl Platform, d draft, s string, put func(*draft, string)) string {
	d.tags = nil
	try := func(s string) bool {
		put(&d, s)
		return pl.fits(d.String())
	}
	if cs, ok := cut(s, pl.Limit, try); ok {
		return cs
	}
	if t := c.clean(c.p.Title); t != "" && t != s {
		if cs, ok := cut(t, pl.Limit, try); ok {
			return cs
		}
	}
	return ""
}

// problems says why an excerpt breaks its platform's rules.
func (c *composer) problems(pl Platform, e Excerpt, hand bool) []string {
	var out []string
	if e.Length > pl.Limit {
		over := e.Length - pl.Limit
		switch {
		case hand && pl.Link == LinkInText:
			out = append(out, fmt.Sprintf("hand-written text is %d/%d with the link: %d too many", e.Length, pl.Limit, over))
		case hand:
			out = append(out, fmt.Sprintf("hand-written text is %d/%d: %d too many", e.Length, pl.Limit, over))
		default:
			out = append(out, fmt.Sprintf("%d/%d with no text nor hashtags: the link and mentions are too long", e.Length, pl.Limit))
		}
	}
	if pl.Check != nil {
		if err := pl.Check(e.Text); err != nil {
			out = append(out, err.Error())
		}
	}
	if pl.TitleLimit > 0 {
		if e.Title == "" {
			out = append(out, "no title")
		} else if n := pl.Count(e.Title); n > pl.TitleLimit {
			out = append(out, fmt.Sprintf("title is %d/%d", n, pl.TitleLimit))
		}
	}
	return out
}

// handText returns the text written for this platform, else for all.
func (c *composer) handText(pl Platform) (string, bool) {
	for _, t := range []string{c.p.Texts[pl.Name], c.p.Text} {
		if t = cleanHand(t); t != "" {
			return c.ty(c.p.Lang, t), true
		}
	}
	return "", false
}

// source is the prose relais writes from: description, summary, first
// paragraph, title; typography applied.
func (c *composer) source(pl Platform) string {
	cands := []string{c.p.Description, c.p.Summary}
	if len(c.p.Paragraphs) > 0 {
		cands = append(cands, c.p.Paragraphs[0])
	}
	cands = append(cands, c.p.Title)
	for _, s := range cands {
		if s = c.clean(s); s != "" {
			return s
		}
	}
	return ""
}

// clean is prose on one line, typography applied.
func (c *composer) clean(s string) string {
	s = cleanLine(s)
	if s == "" {
		return ""
	}
	return c.ty(c.p.Lang, s)
}

// title is Pinterest's title: the page's (else its first words, else its
// slug), cut at a word to the limit, or inside a word too long for it,
// since a Pin must have a title.
func (c *composer) title(pl Platform) string {
	t := c.source(pl)
	if c.p.Title != "" {
		t = c.clean(c.p.Title)
	}
	if t == "" {
		t = strings.ReplaceAll(c.p.Slug, "-", " ")
	}
	within := func(s string) bool { return pl.Count(s) <= pl.TitleLimit }
	if ct, ok := cut(t, pl.TitleLimit, within); ok {
		return ct
	}
	return cutHard(t, within)
}

func (c *composer) bioLine() string {
	if c.opt.LinkInBio != "" {
		return c.opt.LinkInBio
	}
	lang, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(c.p.Lang, "_", "-")), "-")
	if l, ok := linkInBio[lang]; ok {
		return l
	}
	return linkInBio["en"]
}

// long lays out a long post: a hook that fits the fold, then short
// paragraphs of the article that do not repeat it.
func (c *composer) long(pl Platform, d *draft) {
	src := c.source(pl)
	fold := pl.Fold
	if fold <= 0 {
		fold = pl.Limit
	}
	inFold := func(s string) bool { return pl.Count(s) <= fold }
	var rest string
	switch {
	case inFold(src):
		d.head = src
	default:
		if h, ok := cutSentence(src, fold, inFold); ok {
			d.head, rest = h, strings.TrimSpace(src[len(h):])
		} else if t := c.clean(c.p.Title); t != "" && inFold(t) {
			d.head, rest = t, src
		} else {
			d.head, _ = cut(src, fold, inFold)
		}
	}
	paras := []string{rest}
	for _, p := range c.p.Paragraphs {
		if p = c.clean(p); p != "" && !repeats(p, src) {
			paras = append(paras, p)
		}
	}
	budget := longBudget
	for _, p := range paras {
		if p == "" {
			continue
		}
		if len(d.body) == longParagraphs || budget <= 0 {
			break
		}
		room := min(longParagraph, budget)
		within := func(s string) bool { return pl.Count(s) <= room }
		cp, ok := cut(p, room, within)
		if !ok {
			break
		}
		d.body = append(d.body, cp)
		budget -= pl.Count(cp)
		if cp != p {
			break // a cut paragraph ends the excerpt: the rest is on the site
		}
	}
}

// repeats reports whether paragraph p says what the source already says:
// the summary is often the first paragraph, maybe cut with "…".
func repeats(p, src string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.TrimRight(strings.TrimSpace(s), "….  "))
	}
	a, b := norm(p), norm(src)
	return a == b || strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}
