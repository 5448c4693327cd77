package count

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/net/publicsuffix"
)

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
		return asciiDomain[r]
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
