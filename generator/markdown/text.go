package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

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
	var scratch []byte
	return plainTextBuf(frag, &scratch)
}

// plainTextBuf is plainText with a scratch buffer that the caller keeps
// from one call to the next, so a page's headings cost no buffer each.
func plainTextBuf(frag []byte, scratch *[]byte) string {
	*scratch = appendText((*scratch)[:0], frag, textOptions{})
	return collapseSpace(*scratch)
}

// appendText appends the text of frag to dst, with " " at block
// boundaries.
func appendText(dst, frag []byte, opt textOptions) []byte {
	s := textSink{opt: opt, out: dst}
	if s.scan(frag) {
		return s.out
	}
	// Markup goldmark does not write (raw HTML from the author): the HTML
	// tokenizer reads it as a browser would.
	s = textSink{opt: opt, out: dst}
	s.tokenize(frag)
	return s.out
}

// textSink receives the tokens of a fragment and keeps its reading text.
type textSink struct {
	opt   textOptions
	skip  atom.Atom // the element whose content is being left out
	depth int       // nesting of that element inside itself
	out   []byte
}

func (s *textSink) text(b []byte) {
	if s.skip == 0 {
		s.out = append(s.out, b...)
	}
}

// wantsNoteRef tells whether start needs to know if the tag is a footnote
// reference, so attributes are read only then.
func (s *textSink) wantsNoteRef(a atom.Atom, selfClosing bool) bool {
	return s.skip == 0 && !selfClosing && (a == atom.A || a == atom.Sup)
}

func (s *textSink) start(a atom.Atom, selfClosing, noteRef bool) {
	switch {
	case s.skip != 0:
		if a == s.skip && !selfClosing {
			s.depth++
		}
	case !selfClosing && s.skipped(a, noteRef):
		s.skip, s.depth = a, 1
	case blockTags[a]:
		s.out = append(s.out, ' ')
	}
}

func (s *textSink) end(a atom.Atom) {
	switch {
	case s.skip != 0:
		if a == s.skip {
			if s.depth--; s.depth == 0 {
				s.skip = 0
				if blockTags[a] {
					s.out = append(s.out, ' ')
				}
			}
		}
	case blockTags[a]:
		s.out = append(s.out, ' ')
	}
}

// skipped tells whether an element's content is no reading text: scripts,
// styles, footnote reference numbers and back-links ("1", "↩"), and, for
// the word count, code blocks.
func (s *textSink) skipped(a atom.Atom, noteRef bool) bool {
	switch a {
	case atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Textarea, atom.Select:
		return true
	case atom.Pre:
		return s.opt.skipCode
	case atom.A, atom.Sup:
		return noteRef
	}
	return false
}

// isNoteRef tells whether a class or role attribute value names a
// footnote reference or back-link.
func isNoteRef(v []byte) bool {
	for f := range bytes.FieldsSeq(v) {
		switch string(f) {
		case "footnote-ref", "footnote-backref", "doc-noteref", "doc-backlink":
			return true
		}
	}
	return false
}

// tokenize reads frag with the HTML tokenizer.
func (s *textSink) tokenize(frag []byte) {
	z := html.NewTokenizer(bytes.NewReader(frag))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			s.text(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			self := tt == html.SelfClosingTagToken
			noteRef := false
			if s.wantsNoteRef(a, self) {
				for hasAttr && !noteRef {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					noteRef = (string(k) == "class" || string(k) == "role") && isNoteRef(v)
				}
			}
			s.start(a, self, noteRef)
		case html.EndTagToken:
			name, _ := z.TagName()
			s.end(atom.Lookup(name))
		}
	}
}

// scan reads frag as goldmark writes HTML, without the tokenizer and its
// allocations: text with character references, and tags written
// <name key="value" …> or </name>, attribute values without "&". It
// reports false, having read frag only in part, on anything else (a
// comment, a stray "<", a raw <script> or <textarea>, a carriage return,
// a NUL): the tokenizer then reads the fragment, as its rules for those
// are many.
func (s *textSink) scan(frag []byte) bool {
	if bytes.IndexByte(frag, '\r') >= 0 || bytes.IndexByte(frag, 0) >= 0 {
		return false
	}
	for i := 0; i < len(frag); {
		lt := bytes.IndexByte(frag[i:], '<')
		if lt < 0 {
			lt = len(frag) - i
		}
		if lt > 0 {
			s.text(unescape(frag[i : i+lt]))
			i += lt
			if i == len(frag) {
				break
			}
		}
		n, ok := s.tag(frag[i:])
		if !ok {
			return false
		}
		i += n
	}
	return true
}

// tag reads the tag at the start of b and returns its length.
func (s *textSink) tag(b []byte) (int, bool) {
	closing := len(b) > 1 && b[1] == '/'
	i := 1
	if closing {
		i = 2
	}
	start := i
	for i < len(b) && (isASCIILetter(b[i]) || i > start && (isASCIIDigit(b[i]) || b[i] == '-')) {
		i++
	}
	if i == start || i == len(b) {
		return 0, false
	}
	var lower [16]byte
	name := b[start:i]
	if len(name) > len(lower) {
		return 0, false // no element the sink knows is this long
	}
	for k, c := range name {
		lower[k] = c | 0x20
	}
	a := atom.Lookup(lower[:len(name)])
	if closing {
		if b[i] != '>' {
			return 0, false
		}
		s.end(a)
		return i + 1, true
	}
	if rawTextElements[a] {
		return 0, false
	}
	wantRef := s.wantsNoteRef(a, false)
	noteRef, seenClass, seenRole := false, false, false
	for b[i] == ' ' {
		// key="value"
		k := i + 1
		for k < len(b) && (isASCIILetter(b[k]) || k > i+1 && (isASCIIDigit(b[k]) || b[k] == '-' || b[k] == '_' || b[k] == ':')) {
			k++
		}
		if k == i+1 || k+1 >= len(b) || b[k] != '=' || b[k+1] != '"' {
			break // maybe " />"
		}
		key := b[i+1 : k]
		end := bytes.IndexByte(b[k+2:], '"')
		if end < 0 {
			return 0, false
		}
		val := b[k+2 : k+2+end]
		if bytes.IndexByte(val, '&') >= 0 {
			return 0, false
		}
		if wantRef {
			// The tokenizer keeps the first of repeated attributes.
			switch {
			case equalFoldASCII(key, "class"):
				noteRef = noteRef || !seenClass && isNoteRef(val)
				seenClass = true
			case equalFoldASCII(key, "role"):
				noteRef = noteRef || !seenRole && isNoteRef(val)
				seenRole = true
			}
		}
		i = k + 2 + end + 1
		if i == len(b) {
			return 0, false
		}
	}
	self := false
	switch {
	case b[i] == '>':
	case b[i] == '/' && i+1 < len(b) && b[i+1] == '>':
		self, i = true, i+1
	case b[i] == ' ' && i+2 < len(b) && b[i+1] == '/' && b[i+2] == '>':
		self, i = true, i+2
	default:
		return 0, false
	}
	s.start(a, self, noteRef) // a self-closing tag skips nothing: noteRef is unread
	return i + 1, true
}

// rawTextElements are the elements whose content the tokenizer does not
// read as markup.
var rawTextElements = map[atom.Atom]bool{
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true,
	atom.Plaintext: true, atom.Script: true, atom.Style: true, atom.Textarea: true,
	atom.Title: true, atom.Xmp: true,
}

// unescape decodes the character references of HTML text.
func unescape(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	return []byte(html.UnescapeString(string(b)))
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// equalFoldASCII reports whether b is the lowercase ASCII word w, ignoring
// case.
func equalFoldASCII(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range b {
		if b[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// collapseSpace replaces runs of breaking white space with one space and
// trims the ends. No-break spaces are kept as they are.
func collapseSpace(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if asciiSpace[c] {
				space = true
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
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

// asciiSpace marks the ASCII white space unicode.IsSpace knows.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\v': true, '\f': true, '\r': true}

func isBreakingSpace(r rune) bool {
	switch r {
	case '\u00a0', '\u202f', '\u2007', '\u2060', '\ufeff':
		return false
	}
	return unicode.IsSpace(r) || r == '\u200b'
}

// wordsIn counts the words of plain text s: runs of non-space characters
// holding a letter or a digit, and each Han or kana character.
//
// It keeps one bit of state, whether the current word has a letter or a
// digit yet, and updates it and the count with arithmetic rather than
// branches: which way a branch goes changes every few letters in prose,
// and a processor guessing wrong cost more than the rest of the loop.
func wordsIn(s []byte) int {
	n, alnum := 0, 0
	for i := 0; i < len(s); {
		var class uint8
		switch c := s[i]; {
		case c < utf8.RuneSelf: // ASCII, most of any text
			class = runeClass[c]
			i++
		case c >= 0xc2 && c <= 0xdf && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
			// Two bytes: the accented letters of Latin scripts, Greek,
			// Cyrillic… decoded here, as utf8.DecodeRune would.
			class = runeClass[rune(c&0x1f)<<6|rune(s[i+1]&0x3f)]
			i += 2
		default:
			r, size := utf8.DecodeRune(s[i:])
			i += size
			class = classOf(r)
		}
		// A space or a Han or kana character ends the word, which counts
		// if it has a letter or a digit; the character itself is a word.
		ends := int(class&classSpace | class>>2)
		n += alnum&ends + int(class>>2)
		alnum = (alnum | int(class>>1&1)) &^ ends
	}
	return n + alnum
}

// Character classes for wordsIn, one bit each: it computes with them.
const (
	classOther uint8 = 0
	classSpace uint8 = 1
	classAlnum uint8 = 2
	classCJK   uint8 = 4
)

func classOf(r rune) uint8 {
	switch {
	case unicode.IsSpace(r):
		return classSpace
	case isCJK(r):
		return classCJK
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classAlnum
	}
	return classOther
}

// runeClass holds classOf for the characters of one and two bytes.
var runeClass = func() (t [0x800]uint8) {
	for r := range t {
		t[r] = classOf(rune(r))
	}
	return t
}()

func isCJK(r rune) bool {
	if r < 0x2e80 { // below the CJK blocks: most text, answered without table lookups
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}
