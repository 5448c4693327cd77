package count

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/relais/relais/generator/social/internal/grapheme"
)

// X's counting configuration, twitter-text config v3 (social-platforms.md
// §1.1). Weights are in hundredths, as in the configuration.
const (
	XLimit       = 280 // maxWeightedTweetLength
	xURLWeight   = 23 * xScale
	xScale       = 100
	xDefault     = 200
	xEmojiWeight = xDefault
)

// xLight are the code point ranges that weigh 100 (1 character); all
// others weigh 200. U+202F, the narrow no-break space of French
// typography, is outside them: "Prêts\u202F?" weighs 8 on X, not 7.
var xLight = [...][2]rune{
	{0x0000, 0x10FF}, // Latin, Greek, Cyrillic, Hebrew, Arabic, …
	{0x2000, 0x200D}, // spaces up to the zero-width joiner
	{0x2010, 0x201F}, // ‐ – — ‘ ’ “ ”
	{0x2032, 0x2037}, // primes
}

// X returns the weighted length of s as X counts it (twitter-text v3):
// NFC first; each link 23 whatever its length; each emoji sequence 2;
// each other code point 1 in the ranges above, else 2.
func X(s string) int {
	n, _ := weighX(s, true)
	return n
}

// XValid reports whether X accepts s as a post: not empty, at most 280,
// and free of U+FEFF (a byte order mark), U+FFFE and U+FFFF.
func XValid(s string) bool {
	n, invalid := weighX(s, true)
	return !invalid && n > 0 && n <= XLimit
}

// weighX does the counting; emoji=false is config v2, kept because
// conformance_validate.yml tests both.
func weighX(s string, emoji bool) (n int, invalid bool) {
	t := norm.NFC.String(s)
	urls := URLs(t)
	w := 0
	for i, u := 0, 0; i < len(t); {
		if u < len(urls) && urls[u].Start == i {
			w += xURLWeight
			i = urls[u].End
			u++
			continue
		}
		stop := len(t) // a cluster never runs into the next link
		if u < len(urls) {
			stop = urls[u].Start
		}
		// ASCII followed by ASCII is a cluster of its own weighing 1, but CR LF
		if c := t[i]; c < utf8.RuneSelf && (i+1 == stop || t[i+1] < utf8.RuneSelf && (c != '\r' || t[i+1] != '\n')) {
			w += xScale
			i++
			continue
		}
		g := t[i : i+grapheme.Next(t[i:stop])]
		if emoji && IsEmoji(g) {
			w += xEmojiWeight
			for k, r := range g {
				if k > 0 && !emojiComponent(r) {
					w += xWeight(r)
				}
			}
		} else {
			for _, r := range g {
				if invalidChar(r) {
					invalid = true
				}
				w += xWeight(r)
			}
		}
		i += len(g)
	}
	return w / xScale, invalid
}

func xWeight(r rune) int {
	if r <= xLight[0][1] {
		return xScale
	}
	for _, rg := range xLight[1:] {
		if r >= rg[0] && r <= rg[1] {
			return xScale
		}
	}
	return xDefault
}
