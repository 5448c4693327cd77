package markdown

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// isMarkdownRef tells whether a link destination is a relative path to a
// Markdown file: no scheme, not site-absolute ("/…", "//…"), not a
// fragment alone, and ".md" or ".markdown" before any "?" or "#".
func isMarkdownRef(dest string) bool {
	if dest == "" || dest[0] == '/' || dest[0] == '#' || hasScheme(dest) {
		return false
	}
	p := dest
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
}

// hasScheme reports a URL scheme (RFC 3986: a letter, then letters,
// digits, "+", "-" or ".", then ":"), as in "https:", "mailto:", "c:".
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}

// imgSrc returns the src of the first <img> in an HTML fragment.
func imgSrc(frag []byte) string {
	if !containsImg(frag) {
		return ""
	}
	return tokenizeImgSrc(frag)
}

// tokenizeImgSrc is imgSrc without its quick test.
func tokenizeImgSrc(frag []byte) string {
	z := html.NewTokenizer(bytes.NewReader(frag))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if atom.Lookup(name) != atom.Img {
				continue
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if string(k) == "src" && len(v) > 0 {
					return string(v)
				}
			}
		}
	}
}

// containsImg tells whether frag holds "<img" in any case, as a tag the
// tokenizer would name img must.
func containsImg(frag []byte) bool {
	for i := 0; ; i++ {
		j := bytes.IndexByte(frag[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if len(frag)-i >= 4 && frag[i+1]|0x20 == 'i' && frag[i+2]|0x20 == 'm' && frag[i+3]|0x20 == 'g' {
			return true
		}
	}
}
