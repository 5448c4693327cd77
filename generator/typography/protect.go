package typography

import (
	"unicode"
	"unicode/utf8"
)

// protect marks as literal the characters no rule may change: URLs written
// as text (https://x.fr/a?b=1;c, www.x.fr), math ($…$, $$…$$, \(…\), \[…\]),
// :emoji: shortcodes, template tags left in the text by a site moved from
// Hugo, Jekyll or Eleventy ({{< figure src="a.png" >}}, {% raw %}) and, in a
// plain string, `code` between backquotes.
// Code spans, autolinks and raw HTML never reach the run: goldmark already
// made them elements.
func (r *run) protect() {
	var m misses
	for i := 0; i < len(r.units); i++ {
		u := &r.units[i]
		if u.kind != editable && !u.escaped {
			continue
		}
		start, end := i, -1
		switch c := u.r; {
		case c == '$' && !u.escaped:
			end = r.dollarMath(i, &m)
		case c == '(' || c == '[' || c == '\\':
			end = r.bracketMath(i, &m)
		case c == '`' && !r.markdown:
			end = r.backquoted(i, &m)
		case c == '{' && !u.escaped:
			end = r.template(i, &m)
		case c == ':' && !u.escaped:
			// Finding where a URL starts may split the text before it,
			// which moves unit i: the functions return its new index.
			if start, i = r.scheme(i); start >= 0 {
				end = r.urlEnd(start, i+1)
			} else {
				start, end = i, r.shortcode(i)
			}
		case c == '.' && !u.escaped:
			if start, i = r.www(i); start >= 0 {
				end = r.urlEnd(start, i+1)
			}
		}
		if start < 0 || end <= start {
			continue
		}
		for k := start; k < end; k++ {
			if r.units[k].kind == editable {
				r.units[k].kind = literal
			}
		}
		i = end - 1
	}
}

// misses remembers the closing delimiters a search did not find. Whether a
// closing delimiter counts never depends on where its opener is, so when
// none follows one opener none follows a later one either: remembering it
// keeps a paragraph full of "$5" or "{{" linear.
type misses struct {
	dollars  [3]bool // $, $$
	brackets [2]bool // \), \]
	ticks    [8]bool // closing runs of 1 to 7 backquotes
	tags     [2]bool // }}, %}
}

// dollarMath returns the end of the $…$ or $$…$$ math starting at i, or -1.
// Like Pandoc, an opening $ is followed by a non-space, a closing $ follows a
// non-space and is not followed by a digit: "10 $ et 20 $" is money.
func (r *run) dollarMath(i int, m *misses) int {
	n := r.dollars(i)
	if n > 2 || r.before(i) == '$' || isSpace(r.at(i+n)) || m.dollars[n] {
		return -1
	}
	for j := i + n; j < len(r.units); j++ {
		if r.units[j].r != '$' || r.units[j].kind != editable {
			continue
		}
		k := r.dollars(j)
		if k == n && !isSpace(r.before(j)) && !isDigitRune(r.at(j+k)) {
			return j + k
		}
		j += k - 1
	}
	m.dollars[n] = true
	return -1
}

// dollars counts the $ typed as such (not escaped, not a reference) starting at i.
func (r *run) dollars(i int) int {
	n := 0
	for i+n < len(r.units) && r.units[i+n].r == '$' && r.units[i+n].kind == editable {
		n++
	}
	return n
}

// bracketMath returns the end of the \(…\) or \[…\] math starting at i, or
// -1. In Markdown the backslash is an escape, so \( is one unit; in a plain
// string it is two.
func (r *run) bracketMath(i int, m *misses) int {
	open, width := r.mathDelim(i)
	if width == 0 || (open != '(' && open != '[') {
		return -1
	}
	want, miss := ')', &m.brackets[0]
	if open == '[' {
		want, miss = ']', &m.brackets[1]
	}
	if *miss {
		return -1
	}
	for j := i + width; j < len(r.units); j++ {
		if c, w := r.mathDelim(j); w > 0 && c == want {
			return j + w
		}
	}
	*miss = true
	return -1
}

// mathDelim reports the bracket of a \( \) \[ \] at i and its width in units.
func (r *run) mathDelim(i int) (rune, int) {
	u := &r.units[i]
	if r.markdown {
		if u.escaped {
			return u.r, 1
		}
		return 0, 0
	}
	if u.r == '\\' && u.kind == editable && i+1 < len(r.units) {
		return r.units[i+1].r, 2
	}
	return 0, 0
}

// backquoted returns the end of the `code` starting at i in a plain string,
// or -1: the closing run has as many backquotes as the opening one.
func (r *run) backquoted(i int, m *misses) int {
	if r.before(i) == '`' {
		return -1
	}
	n := r.count(i, '`')
	if n < len(m.ticks) && m.ticks[n] {
		return -1
	}
	for j := i + n; j < len(r.units); {
		k := r.count(j, '`')
		if k == 0 {
			j++
			continue
		}
		if k == n {
			return j + k
		}
		j += k
	}
	if n < len(m.ticks) {
		m.ticks[n] = true
	}
	return -1
}

// template returns the end of the {{ … }} or {% … %} tag starting at i,
// or -1.
func (r *run) template(i int, m *misses) int {
	second := r.at(i + 1)
	if second != '{' && second != '%' {
		return -1
	}
	closing, miss := '}', &m.tags[0]
	if second == '%' {
		closing, miss = '%', &m.tags[1]
	}
	if *miss {
		return -1
	}
	for j := i + 2; j+1 < len(r.units); j++ {
		if r.units[j].r == closing && r.units[j+1].r == '}' {
			return j + 2
		}
	}
	*miss = true
	return -1
}

// count returns how many units equal to c start at i.
func (r *run) count(i int, c rune) int {
	n := 0
	for i+n < len(r.units) && r.units[i+n].r == c {
		n++
	}
	return n
}

// shortcode returns the end of an :emoji: shortcode starting at i, or -1, so
// that ":tada: !" does not become ":tada : !".
func (r *run) shortcode(i int) int {
	if isLetterOrDigit(r.before(i)) {
		return -1
	}
	j := i + 1
	for ; j < len(r.units) && j-i <= 50; j++ {
		u := &r.units[j]
		if u.kind == word && isLowerASCII(r.text(j)) || u.kind == editable && (u.r == '_' || u.r == '+' || u.r == '-') {
			continue
		}
		break
	}
	if j == i+1 || r.at(j) != ':' || r.units[j].kind != editable || isLetterOrDigit(r.at(j+1)) {
		return -1
	}
	return j + 1
}

// scheme finds the URL whose scheme ends with the colon at i ("https" in
// https://…, "mailto" in mailto:…). It returns the URL's first unit, or -1,
// and the colon's index, which moves when the scheme had to be cut out of
// the text before it.
func (r *run) scheme(i int) (int, int) {
	next := r.at(i + 1)
	mailto := next != '/'
	if mailto && isSpace(next) || !mailto && (r.at(i+2) != '/' || isSpace(r.at(i+3))) {
		return -1, i
	}
	// A scheme is a letter, then letters, digits, "+", "." or "-" (svn+ssh).
	start := i
	for k := i - 1; k >= 0 && i-k <= 16; k-- {
		u := &r.units[k]
		if u.kind == editable && (u.r == '+' || u.r == '.' || u.r == '-') {
			start = k
			continue
		}
		if u.kind != word {
			break
		}
		t := r.text(k)
		n := alnumSuffix(t)
		if n == 0 {
			break
		}
		if n < len(t) {
			r.split(k, len(t)-n)
			k++
			i++
		}
		start = k
		if n < len(t) {
			break
		}
	}
	for start < i && r.units[start].kind != word {
		start++
	}
	if start == i || !isASCIILetter(r.units[start].r) || !r.urlMayStart(start) ||
		mailto && (start != i-1 || !equalFold(r.text(start), "mailto")) {
		return -1, i
	}
	return start, i
}

// www finds a URL written as www.example.fr whose first dot is at i. It
// returns the URL's first unit, or -1, and the dot's index, which moves
// when "www" had to be cut out of the text before it.
func (r *run) www(i int) (int, int) {
	if i == 0 || r.units[i-1].kind != word || isSpace(r.at(i+1)) {
		return -1, i
	}
	t := r.text(i - 1)
	if len(t) < 3 || !equalFold(t[len(t)-3:], "www") || alnumSuffix(t) != 3 {
		return -1, i
	}
	if len(t) > 3 {
		if isLetterOrDigit(lastRune(t[:len(t)-3])) {
			return -1, i
		}
		r.split(i-1, len(t)-3)
		i++
	}
	if !r.urlMayStart(i - 1) {
		return -1, i
	}
	return i - 1, i
}

// urlMayStart reports whether a URL can start at unit i: not in the middle
// of a word, a domain, an e-mail address or a path.
func (r *run) urlMayStart(i int) bool {
	prev := r.before(i)
	return !isLetterOrDigit(prev) && prev != '.' && prev != '@' && prev != '/' && prev != '-'
}

// urlEnd returns the end of the URL that starts at unit start and goes on
// at least to unit from. The URL stops at white space, "<", ">" or a
// quotation mark; as with GitHub's autolinks, trailing punctuation and an
// unbalanced closing parenthesis are not part of it, so "voir
// https://x.fr !" still gets its space before "!". Plain text the URL
// starts or ends in is split.
func (r *run) urlEnd(start, from int) int {
	end := from
	for ; end < len(r.units); end++ {
		u := &r.units[end]
		if u.kind == word {
			if off := urlStop(r.text(end)); off >= 0 {
				if off > 0 {
					r.split(end, off)
					end++
				}
				break
			}
			continue
		}
		if isSpace(u.r) || u.kind == element || isURLStop(u.r) {
			break
		}
	}
	// Trim trailing punctuation, a character at a time, inside plain text
	// too.
	text := r.scratch[:0]
	for k := start; k < end; k++ {
		text = append(text, r.text(k)...)
	}
	r.scratch = text
	minLen := 0
	for k := start; k < from; k++ {
		minLen += len(r.text(k))
	}
	n := trimURL(text, minLen)
	for end > from && n < len(text) {
		t := r.text(end - 1)
		if len(text)-len(t) >= n || r.units[end-1].kind != word {
			text = text[:len(text)-len(t)]
			end--
			continue
		}
		r.split(end-1, len(t)-(len(text)-n))
		break
	}
	return end
}

// urlStop returns the offset of the first character in b that ends a URL,
// or -1.
func urlStop(b []byte) int {
	for i := 0; i < len(b); {
		ch, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(ch) || isURLStop(ch) {
			return i
		}
		i += size
	}
	return -1
}

func isURLStop(c rune) bool {
	switch c {
	case '<', '>', '"', '«', '»', '“', '”':
		return true
	}
	return false
}

// trimURL returns the length of url without its trailing punctuation and
// unbalanced closing parentheses, keeping at least keep bytes.
func trimURL(url []byte, keep int) int {
	n := len(url)
	for n > keep {
		ch, size := utf8.DecodeLastRune(url[:n])
		switch ch {
		case '?', '!', '.', ',', ':', ';', '*', '_', '~', '\'', '’', '…':
			n -= size
			continue
		case ')':
			if parens(url[:n]) < 0 {
				n -= size
				continue
			}
		}
		break
	}
	return n
}

// parens returns the number of "(" minus the number of ")" in b.
func parens(b []byte) int {
	n := 0
	for _, c := range b {
		switch c {
		case '(':
			n++
		case ')':
			n--
		}
	}
	return n
}

// alnumSuffix returns the length of the ASCII letters and digits that end b.
func alnumSuffix(b []byte) int {
	n := 0
	for n < len(b) && isAlnum(b[len(b)-1-n]) {
		n++
	}
	return n
}

func lastRune(b []byte) rune {
	ch, _ := utf8.DecodeLastRune(b)
	return ch
}

func isASCIILetter(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// isLowerASCII reports whether b holds only lowercase ASCII letters and
// digits, as an emoji shortcode does.
func isLowerASCII(b []byte) bool {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || isDigit(c)) {
			return false
		}
	}
	return true
}

// equalFold reports whether b is the lowercase ASCII word w, ignoring case.
func equalFold(b []byte, w string) bool {
	if len(b) != len(w) {
		return false
	}
	for i := range len(b) {
		if b[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}
