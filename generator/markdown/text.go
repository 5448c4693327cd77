package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Summaries, titles and heading texts are read from the rendered HTML
// rather than from the Markdown tree: raw HTML, entities and whatever the
// extensions (the typography pass, callouts) did to the text are then seen
// exactly as a reader sees them, so a French summary keeps its « » and
// thin spaces.

// blockTags separate words: "<p>a</p><p>b</p>" reads "a b", not "ab".
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Td: true, atom.Th: true, atom.Tr: true,
	atom.Table: true, atom.Blockquote: true, atom.Pre: true, atom.Hr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Aside: true, atom.Figure: true,
	atom.Figcaption: true, atom.Details: true, atom.Summary: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Img: true, atom.Iframe: true, atom.Video: true,
}

// textOptions choose what plain text leaves out.
type textOptions struct {
	skipCode bool // leave out <pre> blocks (word count: code is not read as prose)
}

// plainText returns the text of an HTML fragment: tags dropped, entities
// decoded, footnote references and scripts left out, runs of white space
// collapsed to one space. No-break spaces (U+00A0, U+202F) are kept: French
// typography puts them before « ; : ! ? » on purpose.
func plainText(frag []byte) string {
	var b strings.Builder
	walkText(frag, textOptions{}, func(s string) { b.WriteString(s) })
	return collapseSpace(b.String())
}

// walkText calls emit with each piece of text of frag, and with " " at
// block boundaries.
func walkText(frag []byte, opt textOptions, emit func(string)) {
	z := html.NewTokenizer(bytes.NewReader(frag))
	skip := atom.Atom(0) // the element whose content is being left out
	depth := 0           // nesting of that element inside itself
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				emit(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skip != 0:
				if a == skip && tt == html.StartTagToken {
					depth++
				}
			case tt == html.StartTagToken && skipped(a, hasAttr, z, opt):
				skip, depth = a, 1
			case blockTags[a]:
				emit(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case skip != 0:
				if a == skip {
					if depth--; depth == 0 {
						skip = 0
						if blockTags[a] {
							emit(" ")
						}
					}
				}
			case blockTags[a]:
				emit(" ")
			}
		}
	}
}

// skipped tells whether an element's content is no reading text: scripts,
// styles, footnote reference numbers and back-links ("1", "↩"), and, for
// the word count, code blocks.
func skipped(a atom.Atom, hasAttr bool, z *html.Tokenizer, opt textOptions) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Textarea, atom.Select:
		return true
	case atom.Pre:
		return opt.skipCode
	case atom.A, atom.Sup:
	default:
		return false
	}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		if string(k) != "class" && string(k) != "role" {
			continue
		}
		for f := range strings.FieldsSeq(string(v)) {
			switch f {
			case "footnote-ref", "footnote-backref", "doc-noteref", "doc-backlink":
				return true
			}
		}
	}
	return false
}

// collapseSpace replaces runs of breaking white space with one space and
// trims the ends. No-break spaces are kept as they are.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isBreakingSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isBreakingSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u202f', '\u2007', '\u2060', '\ufeff':
		return false
	}
	return unicode.IsSpace(r) || r == '\u200b'
}

// countWords counts the prose words of a page. Code blocks are left out
// (nobody reads code at prose speed, and a long listing would inflate the
// reading time); inline code counts, as it is part of a sentence, and so
// do footnotes and, when raw HTML is kept, the text of HTML blocks
// (<details>, <figure>).
// A word is a run of non-space characters holding a letter or a digit, so
// a French "?" standing alone after a thin space is no word. Han and kana
// characters count one each, as Chinese and Japanese do not space words.
//
// It reads the tree rather than the HTML: tokenizing the rendered page
// cost more than parsing the Markdown.
func countWords(doc ast.Node, src []byte, unsafe bool) int {
	var b []byte
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			b = append(b, ' ') // "<p>a</p><p>b</p>" is two words
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *mermaidBlock, *ast.Image,
			*east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if !unsafe {
				return ast.WalkContinue, nil // omitted from the page
			}
			var raw []byte
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				raw = append(raw, seg.Value(src)...)
			}
			walkText(raw, textOptions{skipCode: true}, func(s string) { b = append(b, s...) })
		case *ast.Text:
			v := n.Segment.Value(src)
			if bytes.IndexByte(v, '&') >= 0 {
				v = []byte(html.UnescapeString(string(v))) // "&amp;" alone is no word
			}
			b = append(b, v...)
			if n.SoftLineBreak() || n.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			if !n.IsCode() { // code strings are raw HTML
				b = append(b, n.Value...)
			}
		case *ast.AutoLink:
			b = append(b, n.Label(src)...)
		}
		return ast.WalkContinue, nil
	})
	return wordsIn(string(b))
}

// wordsIn counts the words of plain text s.
func wordsIn(s string) int {
	n := 0
	inWord, hasAlnum := false, false
	for i := 0; i < len(s); {
		var space, alnum, cjk bool
		if c := s[i]; c < utf8.RuneSelf { // ASCII, most of any text: no tables
			i++
			space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
			alnum = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			i += size
			space = unicode.IsSpace(r)
			cjk = isCJK(r)
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case space || cjk:
			if inWord && hasAlnum {
				n++
			}
			if cjk {
				n++
			}
			inWord, hasAlnum = false, false
		default:
			inWord = true
			hasAlnum = hasAlnum || alnum
		}
	}
	if inWord && hasAlnum {
		n++
	}
	return n
}

func isCJK(r rune) bool {
	if r < 0x2e80 { // below the CJK blocks: most text, answered without table lookups
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
