package social

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Link returns pageURL with the UTM parameters of one platform, so that
// analytics tell which network sent a visitor (social-platforms.md §5).
// The page's own query and fragment are kept as written and an earlier
// utm_ parameter of the same name is replaced; pageURL itself, the
// canonical URL of og:url, is never changed. A URL that does not parse as
// absolute is returned as it is.
func Link(pageURL, platform, slug string, u UTM) string {
	l := newLinker(pageURL, slug, u)
	return l.link(platform)
}

// linker writes one page's tracked links: the page URL is parsed once for
// all the platforms.
type linker struct {
	page  string
	ok    bool     // page is absolute and tracking is on
	utm   UTM      // the templates
	slug  string   // for {slug}
	query []string // the page's own query parameters, as written
	keys  []string // their names decoded: a utm_ parameter replaces its namesake
	head  string   // the URL up to its query
	tail  string   // "#fragment", or ""
}

func newLinker(pageURL, slug string, u UTM) linker {
	l := linker{page: pageURL, utm: u, slug: slug}
	if u.Disabled {
		return l
	}
	pu, err := url.Parse(pageURL)
	if err != nil || pu.Scheme == "" || pu.Host == "" {
		return l
	}
	l.ok = true
	for kv := range strings.SplitSeq(pu.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		key, err := url.QueryUnescape(k)
		if err != nil {
			key = "" // kept whatever the utm_ parameters: none is named ""
		}
		l.query = append(l.query, kv)
		l.keys = append(l.keys, key)
	}
	if pu.Fragment != "" {
		l.tail = "#" + pu.EscapedFragment()
	}
	pu.RawQuery, pu.ForceQuery, pu.Fragment, pu.RawFragment = "", false, "", ""
	l.head = pu.String()
	return l
}

// link is the page URL tracked for one platform.
func (l *linker) link(platform string) string {
	if !l.ok {
		return l.page
	}
	u := l.utm
	params := [...][2]string{
		{"utm_source", fillUTM(or(u.Source, "{platform}"), platform, l.slug)},
		{"utm_medium", fillUTM(or(u.Medium, "social"), platform, l.slug)},
		{"utm_campaign", fillUTM(or(u.Campaign, "{slug}"), platform, l.slug)},
		{"utm_content", fillUTM(u.Content, platform, l.slug)},
	}
	var b strings.Builder
	b.Grow(len(l.head) + len(l.tail) + 128)
	b.WriteString(l.head)
	sep := byte('?')
	for i, kv := range l.query {
		if replaced(params[:], l.keys[i]) {
			continue
		}
		b.WriteByte(sep)
		b.WriteString(kv)
		sep = '&'
	}
	for _, p := range params {
		if p[1] != "" {
			b.WriteByte(sep)
			b.WriteString(p[0])
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(p[1]))
			sep = '&'
		}
	}
	b.WriteString(l.tail)
	return b.String()
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// fillUTM replaces {platform} and {slug} in a template, in one pass as
// strings.Replacer does: a slug holding "{platform}" stays as written.
func fillUTM(t, platform, slug string) string {
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			break
		}
		b.WriteString(t[:i])
		t = t[i:]
		switch {
		case strings.HasPrefix(t, "{platform}"):
			b.WriteString(platform)
			t = t[len("{platform}"):]
		case strings.HasPrefix(t, "{slug}"):
			b.WriteString(slug)
			t = t[len("{slug}"):]
		default:
			b.WriteByte('{')
			t = t[1:]
		}
	}
	b.WriteString(t)
	return b.String()
}

func replaced(params [][2]string, key string) bool {
	for _, p := range params {
		if p[0] == key && p[1] != "" {
			return true
		}
	}
	return false
}

// ShortLink writes a link as the Bluesky app shows it (social-app's
// toShortUrl): host, then path, query and fragment, cut after 13
// characters with "..." when they run over 15. The host stays in Unicode
// where the app would show punycode: relais writes for readers.
func ShortLink(link string) string {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return link
	}
	path := u.EscapedPath()
	if path == "/" {
		path = ""
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		path += "#" + u.EscapedFragment()
	}
	if utf8.RuneCountInString(path) > 15 {
		return u.Host + string([]rune(path)[:13]) + "..."
	}
	return u.Host + path
}
