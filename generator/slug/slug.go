// Package slug turns titles, file names and terms into URL path segments
// and HTML ids: lowercase ASCII, accents transliterated, punctuation to "-".
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// special holds letters that NFD does not decompose into a base letter.
var special = map[rune]string{
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ẞ': "ss",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ĸ': "k",
	'&': "-", '’': "", '\'': "",
}

// Make returns the slug of s: "Réseaux sociaux : l’œuvre" -> "reseaux-sociaux-loeuvre".
// A dot between two letters or digits is kept ("rust-1.88.0"), as real
// blogs name release posts that way. Letters outside Latin are kept as they
// are (lowercased), so a title in another script still gets a readable slug.
func Make(s string) string {
	if isASCII(s) {
		return makeASCII(s)
	}
	return makeUnicode(s)
}

// makeUnicode is the general path: NFD to split accents from letters.
func makeUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false // a separator is pending
	s = norm.NFD.String(s)
	rs := []rune(s)
	for i, r := range rs {
		if rep, ok := special[r]; ok {
			if rep == "-" {
				dash = true
				continue
			}
			r = 0
			if b.Len() > 0 && dash && rep != "" {
				b.WriteByte('-')
			}
			if rep != "" {
				dash = false
			}
			b.WriteString(rep)
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining accent left over by NFD: drop it
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case r == '.' && b.Len() > 0 && !dash && i+1 < len(rs) && isASCIIAlnum(rs[i+1]):
			b.WriteByte('.')
		case r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// makeASCII is Make for ASCII input, the common case for file names and
// headings, without the Unicode normalisation passes.
func makeASCII(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue // "l'oeuvre" -> "loeuvre", as for the typographic apostrophe
		case c == '.' && len(b) > 0 && !dash && i+1 < len(s) && isASCIIAlnum(rune(s[i+1])):
			b = append(b, '.')
			continue
		default:
			dash = true
			continue
		}
		if dash && len(b) > 0 {
			b = append(b, '-')
		}
		dash = false
		b = append(b, c)
	}
	return string(b)
}
