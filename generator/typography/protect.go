package typography

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
		end := -1
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
			end = r.shortcode(i)
		case c < 0x80 && isAlnum(byte(c)) && !u.escaped:
			end = r.url(i)
		}
		if end <= i {
			continue
		}
		for k := i; k < end; k++ {
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
	if n > 2 || r.at(i-1) == '$' || isSpace(r.at(i+n)) || m.dollars[n] {
		return -1
	}
	for j := i + n; j < len(r.units); j++ {
		if r.units[j].r != '$' || r.units[j].kind != editable {
			continue
		}
		k := r.dollars(j)
		if k == n && !isSpace(r.at(j-1)) && !isDigitRune(r.at(j+k)) {
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
	if r.at(i-1) == '`' {
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
	if isLetterOrDigit(r.at(i - 1)) {
		return -1
	}
	j := i + 1
	for j < len(r.units) && j-i <= 50 {
		c := r.units[j].r
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '-') {
			break
		}
		j++
	}
	if j == i+1 || r.at(j) != ':' || isLetterOrDigit(r.at(j+1)) {
		return -1
	}
	return j + 1
}

// url returns the end of a URL written as text starting at i, or -1: a
// scheme followed by ://, mailto:, or www. As with GitHub's autolinks,
// trailing punctuation and an unbalanced closing parenthesis are not part of
// it, so "voir https://x.fr !" still gets its space before "!".
func (r *run) url(i int) int {
	prev := r.at(i - 1)
	if isLetterOrDigit(prev) || prev == '.' || prev == '@' || prev == '/' || prev == '-' {
		return -1
	}
	j := i
	for j < len(r.units) && j-i < 32 {
		c := r.units[j].r
		if !(c < 0x80 && (isAlnum(byte(c)) || c == '+' || c == '.' || c == '-')) {
			break
		}
		j++
	}
	switch {
	case r.at(j) == ':' && r.at(j+1) == '/' && r.at(j+2) == '/' && !isSpace(r.at(j+3)):
	case r.at(j) == ':' && r.word(i, j, "mailto") && !isSpace(r.at(j+1)):
	case j-i > 4 && r.word(i, i+4, "www."):
	default:
		return -1
	}
	end := j
	for end < len(r.units) {
		u := &r.units[end]
		if isSpace(u.r) || u.kind == element || u.r == '<' || u.r == '>' || u.r == '"' || u.r == '«' || u.r == '»' || u.r == '“' || u.r == '”' {
			break
		}
		end++
	}
	for end > j {
		switch r.units[end-1].r {
		case '?', '!', '.', ',', ':', ';', '*', '_', '~', '\'', '’', '…':
			end--
			continue
		case ')':
			if r.balance(i, end) < 0 {
				end--
				continue
			}
		}
		break
	}
	return end
}

// word reports whether units [i, j) spell w, ignoring ASCII case.
func (r *run) word(i, j int, w string) bool {
	if j-i != len(w) {
		return false
	}
	for k := range len(w) {
		c := r.units[i+k].r
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != rune(w[k]) {
			return false
		}
	}
	return true
}

// balance returns the number of "(" minus the number of ")" in [i, j).
func (r *run) balance(i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		switch r.units[k].r {
		case '(':
			n++
		case ')':
			n--
		}
	}
	return n
}
