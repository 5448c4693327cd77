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
	if u.Disabled {
		return pageURL
	}
	pu, err := url.Parse(pageURL)
	if err != nil || pu.Scheme == "" || pu.Host == "" {
		return pageURL
	}
	fill := strings.NewReplacer("{platform}", platform, "{slug}", slug)
	or := func(v, def string) string {
		if v == "" {
			v = def
		}
		return fill.Replace(v)
	}
	params := [...][2]string{
		{"utm_source", or(u.Source, "{platform}")},
		{"utm_medium", or(u.Medium, "social")},
		{"utm_campaign", or(u.Campaign, "{slug}")},
		{"utm_content", or(u.Content, "")},
	}
	var q []string
	for kv := range strings.SplitSeq(pu.RawQuery, "&") {
		if kv == "" {
			continue
		}
		k, _, _ := strings.Cut(kv, "=")
		if key, err := url.QueryUnescape(k); err == nil && replaced(params[:], key) {
			continue
		}
		q = append(q, kv)
	}
	for _, p := range params {
		if p[1] != "" {
			q = append(q, p[0]+"="+url.QueryEscape(p[1]))
		}
	}
	pu.RawQuery = strings.Join(q, "&")
	pu.ForceQuery = false
	return pu.String()
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
