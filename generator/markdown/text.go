package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Plain text is read from the rendered HTML rather than from the Markdown
// tree: raw HTML, entities and whatever the extensions (the typography
// pass, callouts) did to the text are then seen exactly as a reader sees
// them, so a French summary keeps its « » and thin spaces.

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
	skip := atom.Atom(0) // the element being skipped
	skipName := ""       // its name when it has no atom (custom elements)
	depth := 0           // nesting of that same element inside itself
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 && skipName == "" {
				emit(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skip != 0 || skipName != "" {
				if tt == html.StartTagToken && sameTag(a, name, skip, skipName) {
					depth++
				}
				continue
			}
			if tt == html.StartTagToken && skipped(a, hasAttr, z, opt) {
				skip, depth = a, 1
				if a == 0 {
					skipName = string(name)
				}
				continue
			}
			if blockTags[a] {
				emit(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skip != 0 || skipName != "" {
				if sameTag(a, name, skip, skipName) {
					depth--
					if depth == 0 {
						if blockTags[skip] {
							emit(" ")
						}
						skip, skipName = 0, ""
					}
				}
				continue
			}
			if blockTags[a] {
				emit(" ")
			}
		}
	}
}

func sameTag(a atom.Atom, name []byte, skip atom.Atom, skipName string) bool {
	if skip != 0 {
		return a == skip
	}
	return string(name) == skipName
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

// countWords counts the prose words of rendered HTML. Code blocks are left
// out (nobody reads code at prose speed, and a long listing would inflate
// the reading time); inline code counts, as it is part of a sentence. A
// word is a run of non-space characters holding a letter or a digit, so a
// French "?" standing alone after a thin space is no word. Han and kana
// characters count one each, as Chinese and Japanese do not space words.
func countWords(htmlText []byte) int {
	var b strings.Builder
	walkText(dropPre(htmlText), textOptions{skipCode: true}, func(s string) { b.WriteString(s) })
	return wordsIn(b.String())
}

// dropPre cuts the <pre>…</pre> blocks out before tokenizing: highlighted
// code is mostly <span> tags, and reading them all only to skip them
// was the larger part of the word count's time. <pre> does not nest, and
// any block this misses (<PRE>) is still skipped by walkText.
func dropPre(h []byte) []byte {
	i := bytes.Index(h, []byte("<pre"))
	if i < 0 {
		return h
	}
	out := make([]byte, 0, len(h))
	for i >= 0 {
		if j := i + 4; j < len(h) && (h[j] == '>' || h[j] == ' ') {
			end := bytes.Index(h[i:], []byte("</pre>"))
			if end < 0 {
				break
			}
			out = append(out, h[:i]...)
			out = append(out, ' ')
			h = h[i+end+len("</pre>"):]
			i = bytes.Index(h, []byte("<pre"))
			continue
		}
		next := bytes.Index(h[i+4:], []byte("<pre"))
		if next < 0 {
			break
		}
		i += 4 + next
	}
	return append(out, h...)
}

// wordsIn counts the words of plain text s.
func wordsIn(s string) int {
	n := 0
	inWord, hasAlnum := false, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			if inWord && hasAlnum {
				n++
			}
			inWord, hasAlnum = false, false
		case isCJK(r):
			if inWord && hasAlnum {
				n++
			}
			n++
			inWord, hasAlnum = false, false
		default:
			inWord = true
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				hasAlnum = true
			}
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
