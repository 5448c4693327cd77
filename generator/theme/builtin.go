package theme

import (
	"cmp"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Built-in partials: the share metadata of every page's head and the
// numbered pagination of every list, written in Go. They are the two
// largest pieces of markup every page carries, and html/template runs
// each {{ }} action through reflection and its escapers: as templates,
// they were a third of the default theme's rendering time on a large
// site. The default theme's partials/share.html and
// partials/pagination.html call them; a site or theme that wants other
// markup overrides those partials with templates of its own.
//
// They write exactly what html/template writes for the templates in
// testdata/reference/ (TestBuiltinsMatchTemplates holds them to it),
// escaping included.

// shareMeta writes the Open Graph, X card, fediverse and JSON-LD tags of
// a page's head (see testdata/reference/share.html).
func shareMeta(d *Data, msgs *Messages) (template.HTML, error) {
	var b strings.Builder
	b.Grow(2048)
	meta := func(attr, name, content string) {
		b.WriteString("\n<meta ")
		b.WriteString(attr)
		b.WriteString(`="`)
		b.WriteString(name)
		b.WriteString(`" content="`)
		escapeHTML(&b, content)
		b.WriteString(`">`)
	}
	article := d.IsArticle()
	kind := "website"
	if article {
		kind = "article"
	}
	b.WriteString(`<meta property="og:type" content="` + kind + `">`)
	meta("property", "og:title", cmp.Or(d.Title, d.SiteTitle()))
	if s := d.Description(); s != "" {
		meta("property", "og:description", s)
	}
	meta("property", "og:url", d.Permalink())
	meta("property", "og:site_name", d.SiteTitle())
	meta("property", "og:locale", d.OGLocale())
	for _, l := range d.OGLocaleAlternates() {
		meta("property", "og:locale:alternate", l)
	}
	if img := d.Image(); img != nil {
		meta("property", "og:image", img.URL)
		if img.Type != "" {
			meta("property", "og:image:type", img.Type)
		}
		if img.Width != 0 && img.Height != 0 {
			meta("property", "og:image:width", strconv.Itoa(img.Width))
			meta("property", "og:image:height", strconv.Itoa(img.Height))
		}
		if img.Alt != "" {
			meta("property", "og:image:alt", img.Alt)
			meta("name", "twitter:image:alt", img.Alt)
		}
	}
	if article {
		p := d.Page
		meta("property", "article:published_time", formatDate(d.inZone(p.Date), msgs, "rfc3339"))
		meta("property", "article:modified_time", formatDate(d.inZone(d.Modified()), msgs, "rfc3339"))
		if !p.ExpiryDate.IsZero() {
			meta("property", "article:expiration_time", formatDate(d.inZone(p.ExpiryDate), msgs, "rfc3339"))
		}
		if s := d.Config().Author.URL; s != "" {
			meta("property", "article:author", s)
		}
		if s := d.ArticleSection(); s != "" {
			meta("property", "article:section", s)
		}
		for _, t := range d.Tags() {
			meta("property", "article:tag", t)
		}
	}
	meta("name", "twitter:card", d.TwitterCard())
	if s := d.XSite(); s != "" {
		meta("name", "twitter:site", s)
	}
	if s := d.XCreator(); s != "" {
		meta("name", "twitter:creator", s)
	}
	if s := d.FediverseCreator(); s != "" {
		meta("name", "fediverse:creator", s)
	}
	if v := d.JSONLD(); v != nil {
		ld, err := jsonld(v)
		if err != nil {
			return "", err
		}
		b.WriteByte('\n')
		b.WriteString(string(ld))
	}
	return template.HTML(b.String()), nil
}

// pagination writes the numbered navigation of a list's pages (see
// testdata/reference/pagination.html); nothing on a list of one page.
func pagination(d *Data, msgs *Messages, base string) template.HTML {
	p := d.Pager
	if p == nil || p.Total <= 1 {
		return ""
	}
	var b strings.Builder
	b.Grow(1024)
	page := msgs.T("page")
	b.WriteString("\n<nav class=\"pagination\" aria-label=\"")
	escapeHTML(&b, msgs.T("pagination"))
	b.WriteString(`">`)
	if u := p.Prev(); u != "" {
		b.WriteString("\n  <a class=\"pager-prev\" href=\"")
		escapeURL(&b, relURL(base, u))
		b.WriteString(`" rel="prev">← `)
		escapeHTML(&b, msgs.T("previousPage"))
		b.WriteString(`</a>`)
	}
	b.WriteString("\n  <ol class=\"pager-pages\">")
	for _, l := range p.Links() {
		switch {
		case l.Number == 0:
			b.WriteString("\n    <li class=\"gap\" aria-hidden=\"true\">…</li>")
			continue
		case l.Current:
			b.WriteString("\n    <li><a href=\"")
			escapeURL(&b, relURL(base, l.URL))
			b.WriteString(`" aria-current="page">`)
		default:
			b.WriteString("\n    <li><a href=\"")
			escapeURL(&b, relURL(base, l.URL))
			b.WriteString(`">`)
		}
		b.WriteString(`<span class="visually-hidden">`)
		escapeHTML(&b, page)
		b.WriteString(` </span>`)
		b.WriteString(strconv.Itoa(l.Number))
		b.WriteString(`</a></li>`)
	}
	b.WriteString("\n  </ol>")
	if u := p.Next(); u != "" {
		b.WriteString("\n  <a class=\"pager-next\" href=\"")
		escapeURL(&b, relURL(base, u))
		b.WriteString(`" rel="next">`)
		escapeHTML(&b, msgs.T("nextPage"))
		b.WriteString(` →</a>`)
	}
	b.WriteString("\n</nav>")
	return template.HTML(b.String())
}

// htmlReplacements is html/template's table for text and quoted
// attribute values.
var htmlReplacements = [...]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escapeHTML writes s as html/template escapes a string in text or in a
// quoted attribute value.
func escapeHTML(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || int(c) >= len(htmlReplacements) || htmlReplacements[c] == "" {
			continue
		}
		b.WriteString(s[written:i])
		b.WriteString(htmlReplacements[c])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// escapeURL writes s as html/template writes a string in a URL attribute
// (href): an unsafe scheme (javascript:) becomes "#ZgotmplZ", bytes not
// allowed in a URL are percent-encoded, and the result is escaped as an
// attribute value.
func escapeURL(b *strings.Builder, s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		b.WriteString("#ZgotmplZ")
		return
	}
	const hex = "0123456789abcdef"
	var norm strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]): // a valid escape stays
			continue
		}
		if norm.Len() == 0 {
			norm.Grow(len(s) + 16)
		}
		norm.WriteString(s[written:i])
		norm.WriteByte('%')
		norm.WriteByte(hex[c>>4])
		norm.WriteByte(hex[c&15])
		written = i + 1
	}
	if written > 0 {
		norm.WriteString(s[written:])
		s = norm.String()
	}
	escapeHTML(b, s)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
