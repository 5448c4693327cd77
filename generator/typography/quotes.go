package typography

// Quote pairing. A straight quote says nothing of its direction, so the run
// decides from both neighbours and from the quotes before it, and records a
// role on each quote unit; the rules then write the glyphs.

// pairDouble pairs the straight double quotes of the run. Each quote is
// classified by its neighbours:
//
//   - opener-only: after a space, the start or opening punctuation, and
//     before a word ("le mot "juste"");
//   - closer-only: after a word, and before a space, the end or closing
//     punctuation (un écran de 27" ; "juste" !);
//   - either: spaces on both sides (" juste "), or words on both sides.
//
// Quotes then alternate: a closed state opens with anything but a
// closer-only quote (which stays straight: inches, a stray mark); an open
// state closes with anything but an opener-only quote. An opener-only quote
// while a quote is open means the author's quotes do not pair (a missing
// closing mark, or quotes nested with the same character): relais then
// leaves that quote and every later one in the block straight rather than
// guess, and a quote still open at the end of the block stays straight too.
// Pairs with nothing but spaces inside ("" or " ") stay straight.
//
// Because a straight quote is only ever left straight by these rules, and
// the characters around it keep their classes when the rules change them
// (' and ’ are both word characters, a space and U+202F both spaces), a
// second run makes the same decisions: String is idempotent.
func (r *run) pairDouble() {
	open := -1
	for i := range r.units {
		u := &r.units[i]
		if u.r != '"' || u.kind != editable {
			continue
		}
		before, after := r.flanks(i)
		switch {
		case open < 0 && before == wordSide && after == spaceSide:
			u.role = roleKeep
		case open < 0:
			open = i
		case before == spaceSide && after == wordSide:
			r.units[open].role = roleKeep
			r.keepRest(i)
			return
		default:
			if r.hasText(open+1, i) {
				r.units[open].role, u.role = roleOpen, roleClose
			} else {
				r.units[open].role, u.role = roleKeep, roleKeep
			}
			open = -1
		}
	}
	if open >= 0 {
		r.units[open].role = roleKeep
	}
}

// keepRest leaves straight every double quote from unit i on.
func (r *run) keepRest(i int) {
	for ; i < len(r.units); i++ {
		if r.units[i].r == '"' && r.units[i].kind == editable {
			r.units[i].role = roleKeep
		}
	}
}

// pairSingle decides, in English, which straight single quotes open a
// quotation (‘) and which are primes (5'10) left straight; every other one
// is an apostrophe or a closing quote, both written ’. A quote that opens
// before a word ('Hello) becomes ‘ only if a closing one follows in the
// block; otherwise it is an elision ('tis, 'em) and gets ’. Decades ('90s)
// are always elisions.
func (r *run) pairSingle() {
	open := -1
	for i := range r.units {
		u := &r.units[i]
		if u.r != '\'' || u.kind != editable {
			continue
		}
		if r.isPrime(i) {
			u.role = roleKeep
			continue
		}
		before, after := r.flanks(i)
		switch {
		case before == spaceSide && after == wordSide:
			if !r.isDecade(i) {
				open = i
			}
		case before == wordSide && after == spaceSide && open >= 0:
			r.units[open].role, u.role = roleOpen, roleClose
			open = -1
		}
	}
}

// isPrime reports whether the single quote at i stands between digits:
// feet and inches, minutes and seconds (5'10", 3'30).
func (r *run) isPrime(i int) bool {
	return isDigitRune(r.before(i)) && isDigitRune(r.at(i+1))
}

// isDecade reports whether the quote at i elides a century: '90s, '68.
func (r *run) isDecade(i int) bool {
	if i+1 >= len(r.units) || r.units[i+1].kind != word {
		return false
	}
	w := r.text(i + 1)
	return len(w) >= 2 && isDigit(w[0]) && isDigit(w[1]) && (len(w) == 2 || !isDigit(w[2]))
}

type side uint8

const (
	spaceSide side = iota // white space, the start or end, or punctuation facing away from the word
	wordSide              // a letter, a digit, an element, or anything else
)

// flanks classifies what is on each side of the quote at i.
func (r *run) flanks(i int) (before, after side) {
	before, after = wordSide, wordSide
	if p := r.before(i); isSpace(p) || isOpening(p) {
		before = spaceSide
	}
	if n := r.at(i + 1); isSpace(n) || isClosing(n) {
		after = spaceSide
	}
	return before, after
}

// hasText reports whether units [i, j) hold anything but white space.
func (r *run) hasText(i, j int) bool {
	for k := i; k < j; k++ {
		if !isSpace(r.units[k].r) {
			return true
		}
	}
	return false
}
