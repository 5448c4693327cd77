// Package grapheme walks a text's grapheme clusters exactly as
// rivo/uniseg does, for the counters and the cutter of social, which walk
// every excerpt many times: most characters of prose (Latin letters,
// ASCII punctuation, French spaces and quotes) form a cluster of their own
// whatever surrounds them, and are told apart without uniseg's state
// machine; any other character goes to uniseg.
package grapheme

import (
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// alone reports the runes that never join a neighbour that is alone too
// into one grapheme cluster: no combining mark, joiner, prepended or
// spacing mark, Hangul jamo or regional indicator is among them (Unicode's
// grapheme break properties; TestAlonePairs checks every pair against
// uniseg). CR before LF is the one exception, handled by the callers.
func alone(r rune) bool {
	return r < 0x300 || r >= 0x2000 && r <= 0x20CF && r != 0x200C && r != 0x200D
}

// Next returns the length in bytes of the first grapheme cluster of s, as
// uniseg.FirstGraphemeClusterInString(s, -1) finds it; 0 when s is empty.
// Walking a text with Next finds the clusters uniseg's own walk finds,
// since a cluster boundary depends only on the cluster before it.
func Next(s string) int {
	if len(s) == 0 {
		return 0
	}
	n1 := 1
	if c := s[0]; c >= utf8.RuneSelf {
		var r rune
		r, n1 = utf8.DecodeRuneInString(s)
		if !alone(r) { // utf8.RuneError too
			return slow(s)
		}
	}
	if n1 == len(s) {
		return n1
	}
	if c := s[n1]; c < utf8.RuneSelf {
		if c == '\n' && s[0] == '\r' {
			return 2
		}
		return n1
	}
	if r, _ := utf8.DecodeRuneInString(s[n1:]); alone(r) {
		return n1
	}
	return slow(s)
}

func slow(s string) int {
	g, _, _, _ := uniseg.FirstGraphemeClusterInString(s, -1)
	return len(g)
}

// Count returns the number of grapheme clusters of s, as
// uniseg.GraphemeClusterCount does.
func Count(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		// ASCII but CR LF, followed by ASCII: a cluster of one byte
		if c := s[i]; c < utf8.RuneSelf && i+1 < len(s) && s[i+1] < utf8.RuneSelf && (c != '\r' || s[i+1] != '\n') {
			i++
			continue
		}
		i += Next(s[i:])
	}
	return n
}
