package typography

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Priority is the pass's place among goldmark's AST transformers (lower
// runs first): before goldmark's footnotes (999), and before any transformer
// relais adds later with a higher number, which then sees typographed text.
const Priority = 100

// Extension is the typography pass for goldmark. For each document it reads
// the page's language from the parser context with lang (markdown.Lang in
// relais; nil, or a language without rules, leaves the document as
// written), then rewrites the text of every paragraph, heading, list item,
// table cell, footnote and image alt text. Code spans and blocks, raw HTML,
// autolinks and link destinations are never touched.
//
// Text nodes whose text changes are replaced by ast.String nodes holding the
// new text (still Markdown-escaped, as goldmark renders text nodes); a node
// that ended with a line break keeps it as an empty text node after the
// string. Code that walks the document after this pass should read
// *ast.String values as well as *ast.Text segments.
func Extension(opt Options, lang func(parser.Context) string) goldmark.Extender {
	return &pass{opt: opt, lang: lang}
}

type pass struct {
	opt  Options
	lang func(parser.Context) string
}

func (e *pass) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, Priority)))
}

// Transform implements parser.ASTTransformer.
func (e *pass) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if e.lang == nil {
		return
	}
	l := languageOf(e.lang(pc))
	if l == other {
		return
	}
	w := walker{src: reader.Source(), run: getRun(l, e.opt, true)}
	defer putRun(w.run)
	w.block(doc)
}

// A walker feeds one document's blocks to a run, one block at a time.
type walker struct {
	src      []byte
	run      *run
	nodes    []ast.Node   // the text node of each piece of the current run
	images   []*ast.Image // alt texts waiting for a run of their own
	verbatim int          // depth of raw <code>, <kbd>… tags open in the block

	// New texts and nodes are carved out of larger allocations: a page
	// changes hundreds of text nodes.
	arena   []byte
	strings []ast.String
}

// block processes the inline content of b as one run, and its child blocks
// as runs of their own.
func (w *walker) block(b ast.Node) {
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeInline {
			w.inline(c)
			continue
		}
		w.flush()
		switch c.Kind() {
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			continue
		}
		w.block(c)
	}
	w.flush()
}

// inline adds n to the current run: the text of text nodes, the content of
// emphasis, links and strikethrough, and one element for anything else.
func (w *walker) inline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		if n.IsRaw() {
			w.run.addElement(false)
		} else {
			w.nodes = append(w.nodes, n)
			p := w.run.addPiece(n.Value(w.src))
			if w.verbatim > 0 {
				w.run.keep(p)
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.run.addBreak(p)
			}
			return
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			w.run.addElement(true)
		}
	case *ast.String:
		if n.IsCode() {
			w.run.addElement(false)
			return
		}
		w.nodes = append(w.nodes, n)
		p := w.run.addPiece(n.Value)
		if w.verbatim > 0 {
			w.run.keep(p)
		}
	case *ast.Emphasis, *ast.Link, *east.Strikethrough:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(c)
		}
	case *ast.Image:
		w.run.addElement(false)
		w.images = append(w.images, n)
	case *ast.RawHTML:
		tag := n.Segments.Value(w.src)
		switch name, closing := tagName(tag); {
		case !verbatimTags[name] || bytes.HasSuffix(tag, []byte("/>")):
		case closing:
			w.verbatim = max(w.verbatim-1, 0)
		default:
			w.verbatim++
		}
		w.run.addElement(isBreakTag(tag))
	case *east.TaskCheckBox:
		w.run.addElement(true) // goldmark writes a space after the box
	default:
		// Code spans, autolinks, footnote references, task check boxes,
		// math and anything an extension adds: written as they are.
		w.run.addElement(false)
	}
}

// verbatimTags are the HTML elements whose text an author writes inline
// (<code>…</code> in a table cell, <kbd>Ctrl</kbd>) and that the pass
// leaves as typed, like a code span.
var verbatimTags = map[string]bool{
	"code": true, "kbd": true, "samp": true, "var": true, "pre": true, "tt": true,
	"script": true, "style": true, "math": true, "svg": true, "textarea": true,
}

// tagName returns the lowercase name of an HTML tag and whether it closes
// an element; "" for a comment or anything else.
func tagName(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '<' {
		return "", false
	}
	b = b[1:]
	closing := b[0] == '/'
	if closing {
		b = b[1:]
	}
	n := 0
	for n < len(b) && n < 16 && (b[n]|0x20 >= 'a' && b[n]|0x20 <= 'z' || n > 0 && isDigit(b[n])) {
		n++
	}
	return string(bytes.ToLower(b[:n])), closing
}

// isBreakTag reports whether raw HTML is a <br>, which separates words as a
// line break does.
func isBreakTag(b []byte) bool {
	if len(b) < 3 || b[0] != '<' || b[1]|0x20 != 'b' || b[2]|0x20 != 'r' {
		return false
	}
	return len(b) == 3 || !(b[3]|0x20 >= 'a' && b[3]|0x20 <= 'z')
}

// flush applies the rules to the current run, writes the changed pieces
// back into the document and then does the same for each image's alt text.
func (w *walker) flush() {
	for {
		if len(w.run.units) > 0 {
			w.run.apply()
			for p, n := range w.nodes {
				w.reserve(len(w.run.pieces[p]) + 16)
				out, changed := w.run.appendOutput(w.arena, p)
				if changed {
					text := out[len(w.arena):len(out):len(out)]
					w.arena = out
					w.replace(n, text)
				}
			}
		}
		w.run.reset()
		w.verbatim = 0
		clear(w.nodes)
		w.nodes = w.nodes[:0]
		if len(w.images) == 0 {
			return
		}
		img := w.images[0]
		w.images = w.images[1:]
		for c := img.FirstChild(); c != nil; c = c.NextSibling() {
			w.inline(c)
		}
	}
}

// reserve makes room for n more bytes in the arena.
func (w *walker) reserve(n int) {
	if cap(w.arena)-len(w.arena) < n {
		w.arena = make([]byte, 0, max(n, 4096))
	}
}

// replace gives the text node n the text out.
func (w *walker) replace(n ast.Node, out []byte) {
	switch n := n.(type) {
	case *ast.String:
		n.Value = out
	case *ast.Text:
		if len(w.strings) == 0 {
			w.strings = make([]ast.String, 32)
		}
		s := &w.strings[0]
		w.strings = w.strings[1:]
		s.Value = out // a plain string: not raw, not code, like the text it replaces
		parent := n.Parent()
		if n.SoftLineBreak() || n.HardLineBreak() {
			// The renderer writes the break after an empty text node, as
			// goldmark itself does after emphasis ending a line.
			parent.InsertBefore(parent, n, s)
			n.Segment = text.NewSegment(n.Segment.Stop, n.Segment.Stop)
			return
		}
		parent.ReplaceChild(parent, n, s)
	}
}
