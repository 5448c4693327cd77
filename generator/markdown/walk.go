package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
)

// pageWalk is the one walk over a parsed page before it renders: it finds
// the first image, resolves links to Markdown files, gives typed "www."
// links https, lists the headings and gathers the text the word count
// reads. One walk visits each node once; a pass for each of those costs
// as much again each.
type pageWalk struct {
	st      *state
	resolve func(dest string) (string, bool)
	unsafe  bool

	// image is the src of the first image, Markdown or raw <img>, as
	// written: the social card and og:image fall back to it.
	image    string
	headings []*ast.Heading
	// words is the page's prose, for wordsIn. Code blocks are left out
	// (nobody reads code at prose speed, and a long listing would inflate
	// the reading time); inline code counts, as it is part of a sentence,
	// and so do footnotes and, when raw HTML is kept, the text of HTML
	// blocks (<details>, <figure>). It reads the tree rather than the
	// HTML: tokenizing the rendered page cost more than parsing the
	// Markdown.
	words []byte
}

var https = []byte("https")

// walk visits n and its descendants in document order; words tells
// whether their text counts.
func (w *pageWalk) walk(n ast.Node, words bool) {
	block := words && n.Type() == ast.TypeBlock
	if block {
		w.words = append(w.words, ' ') // "<p>a</p><p>b</p>" is two words
	}
	inner := words
	switch n := n.(type) {
	case *ast.Text:
		if words {
			v := n.Segment.Value(w.st.src)
			if bytes.IndexByte(v, '&') >= 0 {
				v = []byte(html.UnescapeString(string(v))) // "&amp;" alone is no word
			}
			w.words = append(w.words, v...)
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.words = append(w.words, ' ')
			}
		}
	case *ast.String:
		if words && !n.IsCode() { // code strings are raw HTML
			w.words = append(w.words, n.Value...)
		}
	case *ast.Heading:
		w.headings = append(w.headings, n)
	case *ast.Link:
		w.link(n, &n.Destination, "link")
	case *ast.Image:
		if w.image == "" {
			w.image = string(n.Destination)
		}
		w.link(n, &n.Destination, "image")
		inner = false
	case *ast.AutoLink:
		// goldmark's linkify assumes http, and nearly every site now
		// answers on https, as address bars assume.
		if string(n.Protocol) == "http" {
			n.Protocol = https
		}
		if words {
			w.words = append(w.words, n.Label(w.st.src)...)
		}
	case *ast.RawHTML:
		if w.image == "" {
			w.image = imgSrc(w.st.raw(n.Segments))
		}
	case *ast.HTMLBlock:
		if w.image == "" || words && w.unsafe {
			raw := w.st.raw(n.Lines())
			if w.image == "" {
				w.image = imgSrc(raw)
			}
			if words && w.unsafe { // else omitted from the page
				w.words = appendText(w.words, raw, textOptions{skipCode: true})
			}
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock, *mermaidBlock, *east.FootnoteLink, *east.FootnoteBacklink:
		inner = false
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c, inner)
	}
	if block {
		w.words = append(w.words, ' ')
	}
}

// link sends a relative link or image to a Markdown file through resolve,
// so "[suite](partie-2.md)" written for GitHub or an editor preview
// becomes the page's URL. One it cannot resolve stays as written and gets
// a warning with its line.
func (w *pageWalk) link(n ast.Node, dest *[]byte, what string) {
	if w.resolve == nil || len(*dest) == 0 || (*dest)[0] == '/' || (*dest)[0] == '#' {
		return // the common case, without a string: site-absolute or a fragment
	}
	d := string(*dest)
	if !isMarkdownRef(d) {
		return
	}
	if url, ok := w.resolve(d); ok {
		*dest = []byte(url)
	} else {
		w.st.warn(nodePos(n), "%s %q matches no page (want a path to a Markdown file of the site)", what, d)
	}
}
