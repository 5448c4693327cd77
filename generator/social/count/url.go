package count

import (
	"strings"
	"unicode/utf8"
)

// URL is a link found in a text: s[Start:End], byte offsets.
type URL struct {
	Start, End int
	Scheme     bool // written with http:// or https://
}

// URLs finds the links X would find in s: http(s) URLs and bare domains
// with a valid top-level domain ("exemple.fr/page"), with X's rules for
// where a link starts and ends (trailing punctuation left out, balanced
// parentheses kept, a label over 63 bytes once punycoded rejected). It
// follows twitter-text's extractor, since X gives every link it finds a
// weight of 23 whatever its length; Mastodon, Threads and Bluesky find
// links the same way or less eagerly. Valid top-level domains are the ICANN
// section of the Public Suffix List (golang.org/x/net/publicsuffix), so a
// TLD created after twitter-text's list is known too.
func URLs(s string) []URL {
	if !dotLabel(s) {
		return nil
	}
	return urls(s)
}

func urls(s string) []URL {
	var out []URL
	tlds := map[int]int{} // label start -> end of its TLD, or -1: each looked up once
	for pos := 0; pos < len(s); {
		m, ok := nextMatch(s, pos, tlds)
		if !ok {
			break
		}
		pos = m.end
		if !hostOK(s, m) {
			continue
		}
		if m.scheme {
			end := m.end
			if e, ok := tcoEnd(s[m.start:m.end]); ok {
				end = m.start + e
			} else if e < 0 {
				continue // a t.co slug too long to be one
			}
			out = append(out, URL{Start: m.start, End: end, Scheme: true})
			continue
		}
		if strings.ContainsRune("-_./", m.before) {
			continue // "_exemple.fr" or "a/b.fr" is not the start of a link
		}
		// A bare link counts only for its ASCII (or Latin) domains: in
		// "example.com中国語t.co" X sees example.com and t.co.
		found := asciiDomains(s, m.domStart, m.domEnd)
		if len(found) == 0 {
			continue
		}
		if m.path {
			found[len(found)-1].End = m.end
		}
		out = append(out, found...)
	}
	return out
}

// dotLabel reports whether a dot in s is followed by a label character, as
// the dot before the TLD of every link is: most sentences have none, their
// dots followed by a space or nothing.
func dotLabel(s string) bool {
	for i := strings.IndexByte(s, '.'); i >= 0 && i+1 < len(s); {
		if c := s[i+1]; c < utf8.RuneSelf && asciiLabel[c] {
			return true
		} else if c >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(s[i+1:]); domainChar(r) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// match is one candidate of X's URL pattern, before its checks.
type match struct {
	before           rune // the character before the link, 0 at the start of the text
	start, end       int
	scheme           bool
	domStart, domEnd int
	path             bool // a "/…" follows the host (and port)
}

// nextMatch finds the leftmost candidate at or after pos. Like the
// pattern it mirrors, a link needs a character before it that is not a
// letter, digit, @, $ or # (so "#exemple.fr" and "$TVI.CA" are not links),
// or the start of the text.
func nextMatch(s string, pos int, tlds map[int]int) (match, bool) {
	// Where a run of host characters ends without a dot, no link can start
	// inside it but at a scheme: skipping those runs keeps text without
	// spaces (Japanese, emoji) linear.
	dead := 0
	for i := pos; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		p := i + size
		if precedesURL(r) && (p >= dead || p < len(s) && (s[p] == 'h' || s[p] == 'H')) {
			if run, ok := noLinkAt(s, p); ok {
				dead = max(dead, run)
			} else if m, run, ok := matchAt(s, p, tlds); ok {
				m.before = r
				return m, true
			} else if !m.scheme {
				dead = max(dead, run)
			}
		}
		if i == 0 {
			if m, _, ok := matchAt(s, 0, tlds); ok {
				return m, true
			}
		}
		i = p
	}
	return match{}, false
}

// noLinkAt is a shortcut of matchAt for the start of most words: at p
// neither a scheme nor a host can start when the run of label characters
// there (a word) does not end on a dot, since a host has a dot after its
// first label. run is then what matchAt returns.
func noLinkAt(s string, p int) (run int, ok bool) {
	if p < len(s) && (s[p] == 'h' || s[p] == 'H') {
		return 0, false
	}
	j := p
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !asciiLabel[c] {
				break
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !domainChar(r) {
			break
		}
		j += size
	}
	if j < len(s) && s[j] == '.' {
		return 0, false
	}
	return j, true
}

// The ASCII characters of a host (domainChar), of a domain label
// (domainAt), of a path (pathChar) and of the end of a path (pathEndChar),
// looked up rather than searched for at each character of a text.
var asciiDomain, asciiLabel, asciiPath, asciiPathEnd = func() (d, l, p, e [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		r := rune(c)
		d[c] = r > ' ' && r != 0x7F && !strings.ContainsRune("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$", r)
		l[c] = d[c] || r == '-' || r == '_'
		p[c] = isASCIIAlnum(byte(r)) || strings.ContainsRune("!*';:=+,.$/%#[]-_~@|&", r)
		e[c] = isASCIIAlnum(byte(r)) || strings.ContainsRune("+-=_#/", r)
	}
	return
}()

func precedesURL(r rune) bool {
	switch {
	case r < 0x80:
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '@' || r == '$' || r == '#')
	case r == '＠' || r == '＃' || r == utf8.RuneError:
		return false
	}
	return !invalidChar(r)
}

// invalidChar reports the characters that make a post invalid on X.
func invalidChar(r rune) bool { return r == 0xFFFE || r == 0xFEFF || r == 0xFFFF }

// matchAt matches a link at s[p:]. When it fails, no link without a scheme
// starts before run either.
func matchAt(s string, p int, tlds map[int]int) (m match, run int, ok bool) {
	m = match{start: p}
	q := p
	if n := schemeLen(s[p:]); n > 0 {
		m.scheme = true
		q = p + n
	}
	end, run, ok := domainAt(s, q, tlds)
	if !ok {
		return m, run, false
	}
	m.domStart, m.domEnd = q, end
	// port
	if end < len(s) && s[end] == ':' {
		j := end + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j > end+1 {
			end = j
		}
	}
	if end < len(s) && s[end] == '/' {
		m.path = true
		end = pathEnd(s, end+1)
	}
	if end < len(s) && s[end] == '?' {
		end = queryEnd(s, end+1, end)
	}
	m.end = end
	return m, run, true
}

func schemeLen(s string) int {
	for _, p := range []string{"https://", "http://"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}

// pathEnd returns the end of a path starting after its "/": path
// characters and balanced parentheses, cut back to the last character that
// may end a link, so "/foo." and "/foo)," leave their punctuation out.
func pathEnd(s string, i int) int {
	end := i
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '(':
			j, ok := parens(s, i)
			if !ok {
				return end
			}
			i, end = j, j
		case pathChar(r):
			i += size
			if pathEndChar(r) {
				end = i
			}
		default:
			return end
		}
	}
	return end
}

// parens matches "(x)" or "(a(b)c)" at s[i]: Wikipedia's "/Primer_(film)".
func parens(s string, i int) (int, bool) {
	run := func(j int) int {
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !pathChar(r) {
				break
			}
			j += size
		}
		return j
	}
	j := run(i + 1)
	if j > i+1 && j < len(s) && s[j] == ')' {
		return j + 1, true
	}
	if j < len(s) && s[j] == '(' {
		k := run(j + 1)
		if k > j+1 && k < len(s) && s[k] == ')' {
			k = run(k + 1)
			if k < len(s) && s[k] == ')' {
				return k + 1, true
			}
		}
	}
	return 0, false
}

func pathChar(r rune) bool {
	if r < 0x80 {
		return asciiPath[r]
	}
	return r == '–' || cyrillic(r) || latinAccent(r)
}

func pathEndChar(r rune) bool {
	if r < 0x80 {
		return asciiPathEnd[r]
	}
	return cyrillic(r) || latinAccent(r)
}

func cyrillic(r rune) bool { return r >= 0x400 && r <= 0x4FF }

func latinAccent(r rune) bool {
	switch {
	case r >= 0xC0 && r <= 0xFF:
		return r != 0xD7 && r != 0xF7
	case r >= 0x100 && r <= 0x24F, r >= 0x300 && r <= 0x36F, r >= 0x1E00 && r <= 0x1EFF:
		return true
	}
	switch r {
	case 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263, 0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB:
		return true
	}
	return false
}

// queryEnd returns the end of a query starting after its "?", cut back to
// its last ending character; without one the "?" is not part of the link.
func queryEnd(s string, i, none int) int {
	end := none
	for ; i < len(s); i++ {
		c := s[i]
		if !(isASCIIAlnum(c) || strings.IndexByte("!?*'@();:&=+$/%#[]-_.,~|", c) >= 0) {
			break
		}
		if isASCIIAlnum(c) || strings.IndexByte("-_&=#/", c) >= 0 {
			end = i + 1
		}
	}
	return end
}

// tcoEnd handles X's own short links, whose path is only the slug (and a
// query): "http://t.co/abc's" ends before the apostrophe. It returns -1
// for a slug over 40 characters, which X does not take for a link, and
// false when u is not a t.co link.
func tcoEnd(u string) (int, bool) {
	n := schemeLen(u)
	if len(u) < n+5 || !strings.EqualFold(u[n:n+5], "t.co/") {
		return 0, false
	}
	i := n + 5
	for i < len(u) && isASCIIAlnum(u[i]) {
		i++
	}
	if i == n+5 {
		return 0, false
	}
	if i-(n+5) > 40 {
		return -1, false
	}
	if i < len(u) && u[i] == '?' {
		i = queryEnd(u, i+1, i)
	}
	return i, true
}
