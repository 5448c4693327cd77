package typography

// apply runs the rules of the run's language over its units, left to right,
// recording edits. Rules that need the previous character read the output
// so far (after earlier edits); rules that need the next one read the
// input.
func (r *run) apply() {
	r.protect()
	quotes := r.opt.Quotes
	fr := r.lang == french
	if quotes {
		r.pairDouble()
		if !fr {
			r.pairSingle()
		}
	}
	inner := nnbsp // the space inside « »
	if !r.opt.NarrowNBSP {
		inner = nbsp
	}
	for i := range r.units {
		u := &r.units[i]
		if u.kind != editable || r.deleted(i) {
			continue
		}
		switch u.r {
		case '.':
			r.ellipsis(i)
		case '-':
			r.dashes(i)
		case '"':
			switch {
			case u.role == roleOpen && fr:
				r.openGuillemet(i, "«", inner, true)
			case u.role == roleClose && fr:
				r.closeGuillemet(i, "»", inner, true)
			case u.role == roleOpen:
				r.set(i, "“")
			case u.role == roleClose:
				r.set(i, "”")
			}
		case '\'':
			switch {
			case !quotes || u.role == roleKeep:
			case u.role == roleOpen:
				r.set(i, "‘")
			case !r.isPrime(i):
				r.set(i, "’")
			}
		case '«':
			if fr && r.opt.NarrowNBSP {
				r.openGuillemet(i, "«", nnbsp, false)
			}
		case '»':
			if fr && r.opt.NarrowNBSP {
				r.closeGuillemet(i, "»", nnbsp, false)
			}
		case '!', '?', ';':
			if fr && r.opt.NarrowNBSP {
				r.spaceBefore(i, nnbsp)
			}
		case ':':
			if fr && r.opt.ColonNBSP {
				r.spaceBefore(i, nbsp)
			}
		case '%':
			if fr && r.opt.NarrowNBSP {
				r.percent(i)
			}
		}
	}
}

// ellipsis turns exactly three dots into "…". Two dots (../) and four or
// more are left as typed.
func (r *run) ellipsis(i int) {
	if r.before(i) == '.' {
		return
	}
	n := r.editableRun(i, '.')
	if n != 3 || r.at(i+n) == '.' {
		return
	}
	r.replaceRun(i, n, "…")
}

// dashes turns "--" into an en dash and "---" into an em dash, except in a
// command-line option (--verbose), an arrow (-->, <--) or a longer rule.
func (r *run) dashes(i int) {
	prev := r.before(i)
	if prev == '-' || prev == '<' || prev == '!' && r.before(i-1) == '<' {
		return // a longer rule, an arrow, an HTML comment
	}
	n := r.editableRun(i, '-')
	next := r.at(i + n)
	if n < 2 || n > 3 || next == '-' || next == '>' {
		return
	}
	if n == 2 && (isSpace(prev) || isOpening(prev)) && next < 0x80 && isAlnum(byte(next)) {
		return
	}
	if n == 2 {
		r.replaceRun(i, n, "–")
	} else {
		r.replaceRun(i, n, "—")
	}
}

// editableRun counts the editable units equal to c from i on, within the
// piece of unit i: dots on both sides of an emphasis mark are not one
// ellipsis.
func (r *run) editableRun(i int, c rune) int {
	n := 0
	for i+n < len(r.units) {
		u := &r.units[i+n]
		if u.r != c || u.kind != editable || u.piece != r.units[i].piece {
			break
		}
		n++
	}
	return n
}

// replaceRun writes rep in place of units [i, i+n).
func (r *run) replaceRun(i, n int, rep string) {
	r.set(i, rep)
	for k := i + 1; k < i+n; k++ {
		r.set(k, "")
	}
}

// spaceBefore gives the French mark at i (; ! ? :) the no-break space sp
// before it: the spaces typed before it become sp, or sp is inserted after a
// word. Nothing changes when the mark does not end a clause: followed by a
// letter (!important, ?utm=, a;b, 10:30, ::, :D), or after nothing, a line
// break or another mark (?! keeps one space before the first mark only).
func (r *run) spaceBefore(i int, sp string) {
	if !r.endsClause(i) {
		return
	}
	last, before := r.spacesBefore(i)
	if before < 0 {
		return // the mark starts the text
	}
	b := r.last(before)
	if isSpace(b) || b == '!' || b == '?' || b == ';' || b == ':' || b == '«' {
		return
	}
	if last >= 0 {
		r.replaceSpaces(last, before, sp)
		return
	}
	if endsWord(b) {
		r.set(i, sp+string(r.units[i].r))
	}
}

// percent keeps a number with its percent sign: the space typed between
// them ("40 %") becomes a narrow no-break space, so a line never breaks
// there. No space is inserted where none was typed ("40%").
func (r *run) percent(i int) {
	if next := r.at(i + 1); next < 0x80 && isAlnum(byte(next)) {
		return // "%20", an escape rather than a percentage
	}
	last, before := r.spacesBefore(i)
	if last < 0 || before < 0 {
		return
	}
	if b := r.last(before); '0' <= b && b <= '9' {
		r.replaceSpaces(last, before, nnbsp)
	}
}

// endsClause reports whether the mark at i is punctuation ending a clause,
// judged by what follows it.
func (r *run) endsClause(i int) bool {
	next := r.at(i + 1)
	if isSpace(next) || next == '»' || next == '”' || next == '"' && r.units[i+1].role == roleClose {
		return true // a closing quote gets its own space, and then follows one
	}
	if r.units[i].r == ';' || r.units[i].r == ':' {
		return false
	}
	// ! and ?: also before closing punctuation, a quote or another mark.
	if next == placeholder || isQuote(next) {
		return true
	}
	switch next {
	case '!', '?', '.', ',', '…', ')', ']', '}':
		return true
	}
	return false
}

// spacesBefore finds the editable spaces just before unit i in the output so
// far. It returns the last of them (-1 when there are none) and the unit
// before them (-1 at the start of the run).
func (r *run) spacesBefore(i int) (last, before int) {
	last = -1
	for k := i - 1; k >= 0; k-- {
		if r.deleted(k) {
			continue
		}
		if !r.isSpaceUnit(k) {
			return last, k
		}
		if last < 0 {
			last = k
		}
	}
	return last, -1
}

// replaceSpaces turns the spaces between unit before and unit last into one
// sp, written where the last space was (next to the mark, so inside or
// outside emphasis as the author typed it).
func (r *run) replaceSpaces(last, before int, sp string) {
	for k := before + 1; k < last; k++ {
		if !r.deleted(k) {
			r.set(k, "")
		}
	}
	r.set(last, sp)
}

// openGuillemet writes the opening guillemet glyph at i with sp after it,
// in place of the spaces typed after it. convert is set for a straight quote
// becoming «, which is written even when no word follows on the line.
func (r *run) openGuillemet(i int, glyph, sp string, convert bool) {
	j := i + 1
	for j < len(r.units) && (r.isSpaceUnit(j) || r.deleted(j)) {
		j++
	}
	next := r.at(j)
	if isSpace(next) || next == '»' {
		if convert {
			r.replaceRun(i, j-i, glyph)
		}
		return
	}
	r.replaceRun(i, j-i, glyph+sp)
}

// closeGuillemet writes the closing guillemet glyph at i with sp before it,
// in place of the spaces typed before it.
func (r *run) closeGuillemet(i int, glyph, sp string, convert bool) {
	last, before := r.spacesBefore(i)
	if before < 0 || isSpace(r.last(before)) || r.last(before) == '«' {
		if convert {
			if last >= 0 {
				r.replaceSpaces(last, before, "")
			}
			r.set(i, glyph)
		}
		return
	}
	if last >= 0 {
		r.replaceSpaces(last, before, sp)
		r.set(i, glyph)
		return
	}
	r.set(i, sp+glyph)
}
