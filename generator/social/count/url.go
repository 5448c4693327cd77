package count

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
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
	if !strings.Contains(s, ".") { // every host has a dot before its TLD
		return nil
	}
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
			m, run, ok := matchAt(s, p, tlds)
			if ok {
				m.before = r
				return m, true
			}
			if !m.scheme {
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

// domainAt matches labels separated by dots and ending with a valid TLD,
// taking as many labels as possible: "www.foo.co.uk", not "www.foo.co".
// Inner labels may hold "_" (subdomains) and "-", never at either end.
func domainAt(s string, q int, tlds map[int]int) (end, run int, ok bool) {
	type span struct{ a, b int }
	var labels []span
	for i := q; ; {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !domainChar(r) && r != '-' && r != '_' {
				break
			}
			j += size
		}
		if j == i {
			break
		}
		labels = append(labels, span{i, j})
		if len(labels) == 1 {
			run = j
		}
		if j < len(s) && s[j] == '.' {
			i = j + 1
			continue
		}
		break
	}
	tld := false    // some label starts with a TLD
	restOK := false // and the labels after the first are right for it
	for k := len(labels) - 1; k >= 1; k-- {
		a := labels[k].a
		e, seen := tlds[a]
		if !seen {
			e = -1
			if end, ok := tldAt(s, a, len(s)); ok {
				e = end
			}
			tlds[a] = e
		}
		if e < 0 {
			continue
		}
		tld = true
		ok := k == 1 || labelOK(s[labels[k-1].a:labels[k-1].b], false)
		for i := 1; ok && i < k-1; i++ {
			ok = labelOK(s[labels[i].a:labels[i].b], true)
		}
		if !ok {
			continue
		}
		restOK = true
		if labelOK(s[labels[0].a:labels[0].b], k > 1) {
			return e, run, true
		}
	}
	if tld {
		// A later start inside the first label can only mend its first
		// character; if its last is wrong ("foo-"), or the labels after it
		// are, skip the whole label.
		last, _ := utf8.DecodeLastRuneInString(s[labels[0].a:labels[0].b])
		if !restOK || !domainChar(last) {
			return 0, run, false
		}
		return 0, q, false
	}
	// No label here is a TLD, nor will one be from a later start inside
	// these labels: skip to the last one.
	if n := len(labels); n > 1 {
		return 0, labels[n-1].a, false
	}
	return 0, max(run, q), false
}

// labelOK: a label starts and ends with a domain character; "-" may sit
// inside, and "_" too in a subdomain.
func labelOK(l string, sub bool) bool {
	first, _ := utf8.DecodeRuneInString(l)
	last, _ := utf8.DecodeLastRuneInString(l)
	if !domainChar(first) || !domainChar(last) {
		return false
	}
	return sub || !strings.Contains(l, "_")
}

// domainChar is any character but ASCII punctuation, a space or an
// invalid character: hosts may be written in any script.
func domainChar(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r != 0x7F && !strings.ContainsRune("!'#%&()*+,\\-./:;<=>?@[]^_{|}~$", r)
	}
	switch r {
	case 0x85, 0xA0, 0x1680, 0x180E, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, utf8.RuneError:
		return false
	}
	return !(r >= 0x2000 && r <= 0x200A) && !invalidChar(r)
}

// tldAt matches a top-level domain at s[i:] that is not followed by a
// letter or digit (nor @ + -), so "foo.comm" and "name.al-x" have none.
// lim bounds the text (a domain searched inside a longer match).
func tldAt(s string, i, lim int) (int, bool) {
	follows := func(j int) bool {
		if j >= lim {
			return true
		}
		c := s[j]
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '@' || c == '+' || c == '-')
	}
	if i+4 <= lim && strings.EqualFold(s[i:i+4], "xn--") {
		// a punycoded TLD: "xn--" then letters, digits and hyphens
		k := i + 4
		for k < lim && (isASCIIAlnum(s[k]) || s[k] == '-') {
			k++
		}
		if k > i+4 && follows(k) {
			return k, true
		}
	}
	// The longest run of letters that is a TLD: ASCII ("fr"), another
	// script ("みんな", "рус") or both ("vermögensberater"). A TLD is at most
	// 63 bytes, which bounds the search in a long label.
	var ends []int
	for k := i; k < lim && k-i <= 63; {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			break
		}
		k += size
		ends = append(ends, k)
	}
	for n := len(ends) - 1; n >= 0; n-- {
		if follows(ends[n]) && isTLD(s[i:ends[n]]) {
			return ends[n], true
		}
	}
	return 0, false
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isTLD reports whether t is a top-level domain of the ICANN root.
func isTLD(t string) bool {
	a := strings.ToLower(t)
	if !isASCII(a) {
		var err error
		if a, err = idna.Punycode.ToASCII(a); err != nil {
			return false
		}
	}
	// Asked about a name under it, since a TLD with a wildcard rule
	// ("*.ck", "*.pg") is not itself listed as a suffix.
	suffix, icann := publicsuffix.PublicSuffix("x." + a)
	return icann && (suffix == a || strings.HasSuffix(suffix, "."+a))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
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
		return isASCIIAlnum(byte(r)) || strings.ContainsRune("!*';:=+,.$/%#[]-_~@|&", r)
	}
	return r == '–' || cyrillic(r) || latinAccent(r)
}

func pathEndChar(r rune) bool {
	if r < 0x80 {
		return isASCIIAlnum(byte(r)) || strings.ContainsRune("+-=_#/", r)
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

// hostOK applies X's checks on a matched host: each label at most 63
// bytes once punycoded (so a long host in Japanese may not be a link), a
// punycoded host in ASCII only, and the whole link within 4096 UTF-16 units.
func hostOK(s string, m match) bool {
	d := s[m.domStart:m.domEnd]
	if strings.HasPrefix(d, "xn--") && len(asciiDomains(s, m.domStart, m.domEnd)) == 0 {
		return false
	}
	n := 0
	for l := range strings.SplitSeq(d, ".") {
		a := l
		if !isASCII(l) {
			var err error
			if a, err = idna.Punycode.ToASCII(l); err != nil {
				return false
			}
		}
		if len(a) < 1 || len(a) > 63 {
			return false
		}
		n += len(a) + 1
	}
	// twitter-text adds the scheme's length to the link's own, even when
	// the link has one: kept, so that the same links pass.
	scheme := len("https://")
	if m.scheme {
		scheme = schemeLen(s[m.start:])
	}
	return scheme+UTF16(s[m.start:m.end])-UTF16(d)+n-1 <= 4096
}

// asciiDomains finds, inside a host, the domains written in ASCII or Latin
// letters that end with a valid TLD. A link without a scheme counts only
// for these.
func asciiDomains(s string, from, to int) []URL {
	var out []URL
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !asciiDomainChar(r) {
			i += size
			continue
		}
		// labels of ASCII or Latin characters, each followed by a dot
		var tldStarts []int
		j := i
		for {
			k := j
			for k < to {
				r, size := utf8.DecodeRuneInString(s[k:])
				if !asciiDomainChar(r) {
					break
				}
				k += size
			}
			if k == j || k >= to || s[k] != '.' {
				break
			}
			j = k + 1
			tldStarts = append(tldStarts, j)
		}
		matched := false
		for n := len(tldStarts) - 1; n >= 0; n-- {
			if end, ok := tldAt(s, tldStarts[n], to); ok {
				out = append(out, URL{Start: i, End: end})
				i, matched = end, true
				break
			}
		}
		if !matched {
			i += size
		}
	}
	return out
}

func asciiDomainChar(r rune) bool {
	return r < 0x80 && (isASCIIAlnum(byte(r)) || r == '-') || latinAccent(r)
}
