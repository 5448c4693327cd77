package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// resolveLinks sends relative links and images to Markdown files through
// resolve, so "[suite](partie-2.md)" written for GitHub or an editor
// preview becomes the page's URL. Links it cannot resolve stay as written
// and get a warning with their line.
func resolveLinks(doc ast.Node, st *state, resolve func(string) (string, bool)) {
	if resolve == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		what := "link"
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest, what = &n.Destination, "image"
		default:
			return ast.WalkContinue, nil
		}
		d := string(*dest)
		if !isMarkdownRef(d) {
			return ast.WalkContinue, nil
		}
		if url, ok := resolve(d); ok {
			*dest = []byte(url)
		} else {
			st.warn(nodePos(n), "%s %q matches no page (want a path to a Markdown file of the site)", what, d)
		}
		return ast.WalkContinue, nil
	})
}

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

// firstImage returns the source of the first image, Markdown or raw
// <img>, as written: the social card and og:image fall back to it.
func firstImage(doc ast.Node, src []byte) string {
	found := ""
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || found != "" {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			if len(n.Destination) > 0 {
				found = string(n.Destination)
			}
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			found = imgSrc(b.Bytes())
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			found = imgSrc(b.Bytes())
		}
		if found != "" {
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// imgSrc returns the src of the first <img> in an HTML fragment.
func imgSrc(frag []byte) string {
	if !bytes.Contains(bytes.ToLower(frag), []byte("<img")) {
		return ""
	}
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

// secureAutolinks gives "www.example.com" typed in prose an https link:
// goldmark's linkify assumes http, and nearly every site now answers on
// https, as address bars assume.
func secureAutolinks(doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*ast.AutoLink); ok && entering && string(a.Protocol) == "http" {
			a.Protocol = []byte("https")
		}
		return ast.WalkContinue, nil
	})
}
