package social

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
	c.links = newLinker(p.URL, p.Slug, opt.UTM)
	var out []Excerpt
	for _, pl := range Platforms {
		if pl, ok := opt.apply(pl); ok {
			if out == nil {
				out = make([]Excerpt, 0, len(Platforms))
			}
			out = append(out, c.excerpt(pl))
		}
	}
	return out, c.warnings
}

// composer holds what the platforms of one article share, each piece
// computed once, when a platform first needs it: eight platforms ask for
// the same cleaned source, title and paragraphs, and cut the same texts.
type composer struct {
	p        Post
	opt      Options
	tags     []string
	ty       func(lang, s string) string
	warnings []Warning

	links     linker
	src       string // source(), once srcDone
	srcDone   bool
	srcKey    string // src as repeats compares it
	title     string // clean(p.Title), once titleDone
	titleDone bool
	text      string // handText of social.text, once textDone
	textDone  bool
	paras     []string          // p.Paragraphs cleaned, as far as read
	prose     map[string]*prose // where the texts cut so far may be cut
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

func (c *composer) excerpt(pl Platform) Excerpt {
	e := Excerpt{Platform: pl.Name, Limit: pl.Limit, Link: c.links.link(pl.Name)}
	// An article without a share image gets no warning here: with cards
	// turned off that would be two lines for every article of the site.
	// The item's empty "image" says it, and the CSVs leave such Pins and
	// Instagram posts out.
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
		e.Title = c.titleFor(pl)
	}
	m := meter{pl: pl}
	fits := func(d draft) bool { return m.fits(m.render(d)) }
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
			return slices.ContainsFunc(have, func(h tagSpan) bool { return tagKeyMemo.get(h.tag) == tagKeyMemo.get(t) })
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
			d.head = c.cutProse(&m, d, d.head, func(d *draft, s string) { d.head = s })
		}
	default:
		d.body = []string{c.source()}
		d.tags = fitTags(d, tags, maxTags, fits)
		if !fits(d) {
			d.body = []string{c.cutProse(&m, d, d.body[0], func(d *draft, s string) { d.body = []string{s} })}
			d.tags = fitTags(d, tags, maxTags, fits)
		}
	}
	text := m.render(d)
	at := m.at
	e.Text = text
	e.Length = m.count(text)
	e.Hashtags = d.tags
	if pl.Facets {
		e.Facets = facets(text, at, d.link, e.Link)
	}
	e.Problems = c.problems(pl, e, handWritten, m.check(text))
	e.Valid = len(e.Problems) == 0
	for _, pr := range e.Problems {
		c.warn(pl.Name, "%s", pr)
	}
	return e
}

// cutProse cuts s, the piece set by put, until d fits: at a sentence or a
// word; failing that the title; failing that nothing, the link alone.
func (c *composer) cutProse(m *meter, d draft, s string, put func(*draft, string)) string {
	d.tags = nil
	try := func(s string) bool {
		put(&d, s)
		return m.fits(m.render(d))
	}
	if cs, ok := c.cut(s, m.pl.Limit, try); ok {
		return cs
	}
	if t := c.cleanTitle(); t != "" && t != s {
		if cs, ok := c.cut(t, m.pl.Limit, try); ok {
			return cs
		}
	}
	return ""
}

// cut is cut, with the texts' cut points shared by the platforms.
func (c *composer) cut(s string, limit int, fits func(string) bool) (string, bool) {
	return cutIn(s, limit, fits, c.analyze)
}

func (c *composer) analyze(s string) *prose {
	if pr, ok := c.prose[s]; ok {
		return pr
	}
	if c.prose == nil {
		c.prose = map[string]*prose{}
	}
	pr := analyze(s)
	c.prose[s] = pr
	return pr
}

// problems says why an excerpt breaks its platform's rules.
func (c *composer) problems(pl Platform, e Excerpt, hand bool, check error) []string {
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
	if check != nil {
		out = append(out, check.Error())
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
	if t := cleanHand(c.p.Texts[pl.Name]); t != "" {
		return c.ty(c.p.Lang, t), true
	}
	if !c.textDone {
		if t := cleanHand(c.p.Text); t != "" {
			c.text = c.ty(c.p.Lang, t)
		}
		c.textDone = true
	}
	return c.text, c.text != ""
}

// source is the prose relais writes from: description, summary, first
// paragraph, title; typography applied. It is the same for every platform.
func (c *composer) source() string {
	if c.srcDone {
		return c.src
	}
	c.srcDone = true
	if c.src = c.clean(c.p.Description); c.src == "" {
		if c.src = c.clean(c.p.Summary); c.src == "" {
			if c.src = c.cleaned(0); c.src == "" {
				c.src = c.cleanTitle()
			}
		}
	}
	c.srcKey = repeatKey(c.src)
	return c.src
}

// sourceKey is the source as repeats compares it.
func (c *composer) sourceKey() string {
	c.source()
	return c.srcKey
}

// cleanTitle is the page's title cleaned.
func (c *composer) cleanTitle() string {
	if !c.titleDone {
		c.title, c.titleDone = c.clean(c.p.Title), true
	}
	return c.title
}

// clean is prose on one line, typography applied.
func (c *composer) clean(s string) string {
	s = cleanLine(s)
	if s == "" {
		return ""
	}
	return c.ty(c.p.Lang, s)
}

// cleaned returns the i-th paragraph cleaned, "" past the last.
func (c *composer) cleaned(i int) string {
	if i >= len(c.p.Paragraphs) {
		return ""
	}
	for len(c.paras) <= i {
		c.paras = append(c.paras, c.clean(c.p.Paragraphs[len(c.paras)]))
	}
	return c.paras[i]
}

// paragraph returns the i-th paragraph cleaned for a long post, "" when
// it leaves it out (empty, or a repeat of the source), false past the last.
func (c *composer) paragraph(i int) (string, bool) {
	if i >= len(c.p.Paragraphs) {
		return "", false
	}
	if p := c.cleaned(i); p != "" && !repeats(p, c.sourceKey()) {
		return p, true
	}
	return "", true
}

// titleFor is Pinterest's title: the page's (else its first words, else
// its slug), cut at a word to the limit, or inside a word too long for it,
// since a Pin must have a title.
func (c *composer) titleFor(pl Platform) string {
	t := c.source()
	if c.p.Title != "" {
		t = c.cleanTitle()
	}
	if t == "" {
		t = strings.ReplaceAll(c.p.Slug, "-", " ")
	}
	within := func(s string) bool { return pl.Count(s) <= pl.TitleLimit }
	if ct, ok := c.cut(t, pl.TitleLimit, within); ok {
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
	src := c.source()
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
		if h, ok := cutSentenceIn(src, fold, inFold, c.analyze); ok {
			d.head, rest = h, strings.TrimSpace(src[len(h):])
		} else if t := c.cleanTitle(); t != "" && inFold(t) {
			d.head, rest = t, src
		} else {
			d.head, _ = c.cut(src, fold, inFold)
		}
	}
	// rest first, then the paragraphs, read only as far as the post goes
	m := meter{pl: pl}
	budget := longBudget
	for i := -1; ; i++ {
		p := rest
		if i >= 0 {
			var more bool
			if p, more = c.paragraph(i); !more {
				break
			}
		}
		if p == "" {
			continue
		}
		if len(d.body) == longParagraphs || budget <= 0 {
			break
		}
		room := min(longParagraph, budget)
		within := func(s string) bool { return m.count(s) <= room }
		cp, ok := c.cut(p, room, within)
		if !ok {
			break
		}
		d.body = append(d.body, cp)
		budget -= m.count(cp) // the last text within counted
		if cp != p {
			break // a cut paragraph ends the excerpt: the rest is on the site
		}
	}
}

// repeats reports whether paragraph p says what the source already says:
// the summary is often the first paragraph, maybe cut with "…". key is
// the source as repeatKey gives it; p is lowercased only as far as the
// comparison goes, as strings.ToLower would.
func repeats(p, key string) bool {
	p = strings.TrimRight(strings.TrimSpace(p), "….  ")
	k := 0
	var buf [utf8.UTFMax]byte
	for _, r := range p { // an invalid byte is U+FFFD, as ToLower writes it
		n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
		if k+n > len(key) {
			return string(buf[:len(key)-k]) == key[k:]
		}
		if string(buf[:n]) != key[k:k+n] {
			return false
		}
		k += n
	}
	return true // p is the start of the source
}

// repeatKey is the source as repeats compares it.
func repeatKey(s string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimSpace(s), "….  "))
}
