package typography

import (
	"html"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Cutting text into units. Characters the rules look at one by one get a
// unit each; the plain text between them is one unit.

// addPiece appends the units of one piece of text and returns its index.
func (r *run) addPiece(b []byte) int {
	p := int32(len(r.pieces))
	r.pieces = append(r.pieces, b)
	lo := len(r.units)
	for i := 0; i < len(b); {
		u := unit{piece: p, start: int32(i)}
		c := b[i]
		if n := plainLen(b[i:]); n > 0 {
			u.r, _ = utf8.DecodeRune(b[i:])
			u.rl, _ = utf8.DecodeLastRune(b[i : i+n])
			u.end, u.kind = int32(i+n), word
			r.units = append(r.units, u)
			i += n
			continue
		}
		switch {
		case c < utf8.RuneSelf && c != '\\' && c != '&':
			u.r, u.end = rune(c), int32(i+1)
		case c == '\\' && r.markdown && i+1 < len(b) && isASCIIPunct(b[i+1]):
			u.r, u.end, u.kind, u.escaped = rune(b[i+1]), int32(i+2), literal, true
		case c == '&':
			n, ch := entity(b[i:])
			if n == 0 {
				u.r, u.end = '&', int32(i+1)
				break
			}
			u.end, u.kind = int32(i+n), literal
			u.r = ch
			if !r.markdown {
				// In a plain string a reference is text, not a character:
				// keep it whole and let it count as a word.
				u.r = placeholder
			} else if isHSpace(ch) {
				// &nbsp; before "?" is a space the rules may replace.
				u.kind = editable
			}
		default:
			ch, size := utf8.DecodeRune(b[i:])
			u.r, u.end = ch, int32(i+size)
			if ch == utf8.RuneError && size == 1 {
				u.kind = literal
			}
		}
		u.rl = u.r
		r.units = append(r.units, u)
		i = int(u.end)
	}
	r.spans = append(r.spans, [2]int{lo, len(r.units)})
	r.dirty = append(r.dirty, false)
	return int(p)
}

// special marks the ASCII characters that get a unit of their own: those
// the rules change or start from, those that begin or end what they protect,
// and white space. Everything else is plain text.
var special = func() (t [utf8.RuneSelf]bool) {
	for _, c := range " \t\n\r\f\v\"'.-!?;:$\\`{}%/+_*~&" {
		t[c] = true
	}
	return t
}()

// plainLen returns the length of the plain text at the start of b: words,
// and the spaces and punctuation between them, up to the first special
// character. White space next to a special character, or at the end of the
// piece, is left out, as the rules may change it.
func plainLen(b []byte) int {
	i := 0
	for i < len(b) {
		if plainByte[b[i]] {
			i++
			continue
		}
		if b[i] == ' ' && i > 0 && i+1 < len(b) && plainByte[b[i+1]] && b[i+1] < utf8.RuneSelf {
			i += 2 // one space between words: the common case
			continue
		}
		size, kind := classify(b[i:])
		switch kind {
		case plainChar:
			i += size
			continue
		case spaceChar:
			if i == 0 {
				return 0
			}
			j := i + size
			for j < len(b) {
				n, k := classify(b[j:])
				if k != spaceChar {
					break
				}
				j += n
			}
			if j < len(b) {
				if _, k := classify(b[j:]); k == plainChar {
					i = j
					continue
				}
			}
		}
		break
	}
	return i
}

// plainByte marks the bytes that are plain text whatever follows them:
// ASCII that is not special, UTF-8 continuation bytes, and the lead bytes
// of characters that are never white space nor « » (all but C2, E1, E2,
// E3). Stepping over a multi-byte character byte by byte is then safe.
var plainByte = func() (t [256]bool) {
	for c := range 256 {
		switch {
		case c < utf8.RuneSelf:
			t[c] = !special[c]
		default:
			t[c] = c != 0xc2 && c != 0xe1 && c != 0xe2 && c != 0xe3
		}
	}
	return t
}()

type charKind uint8

const (
	plainChar charKind = iota
	spaceChar
	specialChar
)

// classify returns the length and the kind of the character at the start
// of b.
func classify(b []byte) (int, charKind) {
	c := b[0]
	if c < utf8.RuneSelf {
		switch {
		case !special[c]:
			return 1, plainChar
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			return 1, spaceChar
		}
		return 1, specialChar
	}
	ch, size := utf8.DecodeRune(b)
	switch {
	case ch == '«' || ch == '»':
		return size, specialChar
	case unicode.IsSpace(ch):
		return size, spaceChar
	}
	return size, plainChar
}

// split cuts the plain unit k in two at byte off of its text, so that a URL
// can start or end inside it.
func (r *run) split(k, off int) {
	u := r.units[k]
	mid := u.start + int32(off)
	head, tail := u, u
	head.end, tail.start = mid, mid
	b := r.pieces[u.piece]
	head.rl, _ = utf8.DecodeLastRune(b[head.start:head.end])
	tail.r, _ = utf8.DecodeRune(b[tail.start:tail.end])
	r.units = slices.Insert(r.units, k+1, tail)
	r.units[k] = head
	for p := range r.spans {
		if r.spans[p][0] > k {
			r.spans[p][0]++
		}
		if r.spans[p][1] > k {
			r.spans[p][1]++
		}
	}
}

// keep marks the units of piece p literal: text the rules must leave as
// typed, but whose characters still count for its neighbours.
func (r *run) keep(p int) {
	lo, hi := r.unitsOf(p)
	for i := lo; i < hi; i++ {
		if r.units[i].kind == editable {
			r.units[i].kind = literal
		}
	}
}

// addElement appends an inline element the pass does not enter. It counts
// as white space when space is set (a <br>, a task list box), else as a
// word.
func (r *run) addElement(space bool) {
	u := unit{r: placeholder, rl: placeholder, piece: -1, kind: element}
	if space {
		u.r, u.rl = '\n', '\n'
	}
	r.units = append(r.units, u)
}

// addBreak appends the line break that follows piece p.
func (r *run) addBreak(p int) {
	n := int32(len(r.pieces[p]))
	r.units = append(r.units, unit{r: '\n', rl: '\n', piece: int32(p), start: n, end: n, kind: lineBreak})
	r.spans[p][1] = len(r.units)
}

// entity returns the length of the character reference at the start of b
// (&amp; &#233; &#xE9;) and its first character, or 0 when there is none.
func entity(b []byte) (int, rune) {
	i := 1
	switch {
	case i < len(b) && b[i] == '#':
		i++
		hex := i < len(b) && (b[i] == 'x' || b[i] == 'X')
		if hex {
			i++
		}
		start := i
		for i < len(b) && i-start < 7 && (isDigit(b[i]) || hex && isHexLetter(b[i])) {
			i++
		}
		if i == start {
			return 0, 0
		}
	default:
		start := i
		for i < len(b) && i-start < 32 && isAlnum(b[i]) {
			i++
		}
		if i == start {
			return 0, 0
		}
	}
	if i >= len(b) || b[i] != ';' {
		return 0, 0
	}
	ref := string(b[:i+1])
	dec := html.UnescapeString(ref)
	if dec == ref || dec == "" || utf8.RuneCountInString(dec) > 2 {
		// Unknown, or only a prefix is a reference ("&nbsp0;" is "&nbsp"
		// for an HTML parser, but text for CommonMark).
		return 0, 0
	}
	ch, _ := utf8.DecodeRuneInString(dec)
	return i + 1, ch
}
