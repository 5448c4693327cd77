package typography

import (
	"bytes"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A run is the text of one block (a paragraph, a heading, a table cell, an
// image's alt text) or one plain string, cut into units. In a Markdown block
// the text comes in pieces (one per goldmark text node, split by emphasis,
// links, code spans…); the rules see the units of all pieces in document
// order, so a quote opened before **bold** closes after it and the space
// before "!" may sit in the previous piece. Edits are recorded on units and
// written back piece by piece.
type run struct {
	lang     language
	opt      Options
	markdown bool // pieces are Markdown source: backslash escapes and entities are live

	pieces [][]byte
	spans  [][2]int // units of each piece: [lo, hi) in units
	dirty  []bool   // an edit touched the piece
	units  []unit
	reps   []string // replacement texts, indexed by unit.edit

	scratch []byte // reused by urlEnd
}

// A unit is one character as the rules see it, or a stretch of plain text:
// the rules never change letters, and only ask how a stretch begins and
// ends, so a page costs a few units per sentence rather than one per byte.
type unit struct {
	r          rune  // the character (plain text's first); placeholder for an element the pass does not enter
	rl         rune  // plain text's last character; r for anything else
	piece      int32 // index in run.pieces, -1 for an element outside the text
	start, end int32 // its bytes in the piece
	kind       kind
	escaped    bool  // a Markdown backslash escape: \" \( \$
	role       role  // what pairing decided for a quote
	edit       int32 // 0: as written; else reps[edit-1] replaces the bytes ("" deletes the unit)
}

type kind uint8

const (
	// editable is a character of the text that the rules may change.
	editable kind = iota
	// word is plain text no rule changes: words, and the spaces and
	// punctuation between them, seen as their first and last characters.
	word
	// literal is written as is but seen as its character: a backslash
	// escape, a character reference, or a character inside a URL, math or
	// code in a plain string.
	literal
	// element stands for an inline element the pass does not enter (code
	// span, raw HTML, autolink, image, footnote reference).
	element
	// lineBreak is the soft or hard line break after a text node: white
	// space that is never edited.
	lineBreak
)

type role uint8

const (
	roleNone  role = iota
	roleOpen       // an opening quote
	roleClose      // a closing quote
	roleKeep       // a prime (5'10") or an unpaired quote: left straight
)

// placeholder is the character a code span, an image or an inline tag counts
// as: like a letter, it can end a word before "!" or sit inside quotes.
const placeholder = '\ufffc'

// bot and eot stand for the start and the end of the run.
const (
	bot rune = -1
	eot rune = -2
)

var runs = sync.Pool{New: func() any { return new(run) }}

func getRun(l language, opt Options, markdown bool) *run {
	r := runs.Get().(*run)
	r.lang, r.opt, r.markdown = l, opt, markdown
	r.reset()
	return r
}

func putRun(r *run) {
	// Drop the references to the document's text before pooling.
	clear(r.pieces[:cap(r.pieces)])
	clear(r.reps[:cap(r.reps)])
	r.reset()
	runs.Put(r)
}

// reset empties the run for the next block.
func (r *run) reset() {
	r.pieces = r.pieces[:0]
	r.spans = r.spans[:0]
	r.dirty = r.dirty[:0]
	r.units = r.units[:0]
	r.reps = r.reps[:0]
}

// appendOutput appends piece p with the edits applied to dst. It returns
// dst unchanged, and false, when the edits leave the piece as it was.
func (r *run) appendOutput(dst []byte, p int) ([]byte, bool) {
	if !r.dirty[p] {
		return dst, false
	}
	src := r.pieces[p]
	lo, hi := r.unitsOf(p)
	out := dst
	for i := lo; i < hi; i++ {
		u := &r.units[i]
		if u.edit != 0 {
			out = append(out, r.reps[u.edit-1]...)
		} else {
			out = append(out, src[u.start:u.end]...)
		}
	}
	if bytes.Equal(out[len(dst):], src) {
		return dst, false // edits that rewrote what was there (an existing U+202F)
	}
	return out, true
}

// unitsOf returns the range of units that belong to piece p.
func (r *run) unitsOf(p int) (lo, hi int) {
	return r.spans[p][0], r.spans[p][1]
}

// before returns the character just before unit i (the end of a word), bot
// at the start of the run.
func (r *run) before(i int) rune {
	if i <= 0 {
		return bot
	}
	return r.units[i-1].rl
}

// at returns the character of unit i (the start of a word), bot before the
// run and eot after it.
func (r *run) at(i int) rune {
	if i < 0 {
		return bot
	}
	if i >= len(r.units) {
		return eot
	}
	return r.units[i].r
}

// text returns the bytes unit i was made from.
func (r *run) text(i int) []byte {
	u := &r.units[i]
	if u.piece < 0 {
		return nil
	}
	return r.pieces[u.piece][u.start:u.end]
}

// deleted reports whether an edit removed unit i.
func (r *run) deleted(i int) bool {
	e := r.units[i].edit
	return e != 0 && r.reps[e-1] == ""
}

// set records the replacement of unit i. Units hold an index rather than
// the string so that they stay free of pointers: a long page is a long
// slice of them, which the garbage collector then need not scan.
func (r *run) set(i int, rep string) {
	u := &r.units[i]
	if u.piece >= 0 {
		r.dirty[u.piece] = true
	}
	if u.edit != 0 {
		r.reps[u.edit-1] = rep
		return
	}
	r.reps = append(r.reps, rep)
	u.edit = int32(len(r.reps))
}

// last returns the last character unit i writes, after its edits.
func (r *run) last(i int) rune {
	if e := r.units[i].edit; e != 0 {
		ch, _ := utf8.DecodeLastRuneInString(r.reps[e-1])
		return ch
	}
	return r.units[i].rl
}

// isSpaceUnit reports whether unit i is white space the rules may replace or
// remove: a plain space, a tab, a no-break space, a thin space.
func (r *run) isSpaceUnit(i int) bool {
	u := &r.units[i]
	if u.kind != editable || r.deleted(i) {
		return false
	}
	if u.edit != 0 {
		rep := r.reps[u.edit-1]
		ch, size := utf8.DecodeRuneInString(rep)
		return size == len(rep) && isHSpace(ch)
	}
	return isHSpace(u.r)
}

// Character classes. A unit is "space" when it is any white space (a line
// break included), or the start or end of the run.

func isSpace(r rune) bool { return r == bot || r == eot || unicode.IsSpace(r) }

// isHSpace is white space on one line, which a rule may turn into a no-break
// space.
func isHSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u2009', '\u200a', '\u2007', '\u2008':
		return true
	}
	return false
}

// isOpening is punctuation after which a quote opens. Single quotes are in
// neither this class nor the next: ' may become ‘ or ’, and a quote next to
// it must be judged the same before and after.
func isOpening(r rune) bool {
	switch r {
	case '(', '[', '{', '«', '“', '—', '–', '-', '/':
		return true
	}
	return false
}

// isClosing is punctuation before which a quote closes.
func isClosing(r rune) bool {
	switch r {
	case ')', ']', '}', '»', '”', '.', ',', ';', ':', '!', '?', '…', '—', '–', '-', '/', '*', '_':
		return true
	}
	return false
}

// isQuote is any quotation mark, straight or typographic.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '«', '»', '“', '”', '‘', '’':
		return true
	}
	return false
}

// endsWord reports whether r can end the word a French ; ! ? : follows
// without a space typed: a no-break space is then inserted before the mark.
func endsWord(r rune) bool {
	if r == placeholder || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
		return true
	}
	switch r {
	case ')', ']', '}', '»', '”', '’', '%', '‰', '°':
		return true
	}
	return unicode.Is(unicode.Sc, r) || unicode.Is(unicode.So, r)
}

func isLetterOrDigit(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHexLetter(c byte) bool { return c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isAlnum(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
