package social

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/relais/relais/generator/social/count"
)

// Cutting prose to fit (social-platforms.md §2, "truncation helper"):
// at the end of a sentence when one fits, else after a whole word with
// "…"; never inside a word, a link, a hashtag or a grapheme cluster. Every
// candidate is measured whole by the platform's own counter, since no
// count is additive (links weigh 23 on X, NFC merges accents).

// minSentenceWords is the fewest words a cut at a sentence end keeps:
// "Bonjour !" alone says nothing, and a cut at a word says more.
const minSentenceWords = 3

// cut returns the longest cut of s at a sentence end that fits, else the
// longest at a word, or false when not even one word fits. limit is the
// platform's limit, used only to skip at once the cuts that cannot fit
// (each grapheme cluster outside a link costs at least 1).
func cut(s string, limit int, fits func(string) bool) (string, bool) {
	if fits(s) {
		return s, true
	}
	bounds := boundaries(s)
	cost := minCost(s)
	var sentence, word string
	// each boundary ends a word: the i-th keeps i+1 words
	for i := len(bounds) - 1; i >= 0 && sentence == ""; i-- {
		b := bounds[i]
		if !b.sentence || i+1 < minSentenceWords || cost(b.pos) > limit {
			continue
		}
		if c := strings.TrimRightFunc(s[:b.pos], unicode.IsSpace); fits(c) {
			sentence = c
		}
	}
	for i := len(bounds) - 1; i >= 0 && word == "" && sentence == ""; i-- {
		b := bounds[i]
		if cost(b.pos) > limit {
			continue
		}
		if c := ellipsize(s[:b.pos]); c != "" && fits(c) {
			word = c
		}
	}
	switch {
	case sentence != "":
		return sentence, true
	case word != "":
		return word, true
	}
	return "", false
}

// cutSentence is cut at sentence ends only: the hook of a long post.
func cutSentence(s string, limit int, fits func(string) bool) (string, bool) {
	if fits(s) {
		return s, true
	}
	bounds := boundaries(s)
	cost := minCost(s)
	for i := len(bounds) - 1; i >= 0; i-- {
		b := bounds[i]
		if !b.sentence || cost(b.pos) > limit {
			continue
		}
		if c := strings.TrimRightFunc(s[:b.pos], unicode.IsSpace); fits(c) {
			return c, true
		}
	}
	return "", false
}

type boundary struct {
	pos      int  // s[:pos] is a candidate
	sentence bool // s[:pos] ends a sentence
}

// boundaries lists where s may be cut: before each breakable space
// (a no-break space binds "10\u00A0€" and "Prêts\u202F?"), and between two
// characters of a script written without spaces (Chinese, Japanese, Thai…),
// outside links and hashtags.
func boundaries(s string) []boundary {
	var out []boundary
	protected := protectedSpans(s)
	inside := func(p int) bool {
		i := sort.Search(len(protected), func(i int) bool { return protected[i][1] > p })
		return i < len(protected) && protected[i][0] < p
	}
	state := -1
	rest := s
	pos := 0
	var prev rune
	for len(rest) > 0 {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		r, _ := utf8.DecodeRuneInString(g)
		switch {
		case pos == 0:
		case breakable(r) && !breakable(prev):
			if prev == '.' && abbreviation(s[:pos-1]) {
				break // "M. Dupont", "J. R. R. Tolkien" stay together
			}
			out = append(out, boundary{pos, endsSentence(s[:pos])})
		case !breakable(r) && !breakable(prev) && (spaceless(r) || spaceless(prev)) && !inside(pos) && !closing(r):
			out = append(out, boundary{pos, endsSentence(s[:pos])})
		}
		prev, _ = utf8.DecodeLastRuneInString(g)
		pos += len(g)
	}
	if len(s) > 0 && !breakable(prev) {
		out = append(out, boundary{len(s), endsSentence(s)})
	}
	return out
}

// breakable is a space a line may break at; no-break spaces are not.
func breakable(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' && r != '\u2007' && r != '\u2060'
}

// spaceless reports the scripts written without spaces between words.
func spaceless(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// closing is punctuation that must stay with what comes before it.
func closing(r rune) bool {
	return strings.ContainsRune("。、，．！？）」』】〕〉》ー・", r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// protectedSpans are the links, hashtags and mentions of s, sorted.
func protectedSpans(s string) [][2]int {
	var out [][2]int
	for _, u := range count.URLs(s) {
		out = append(out, [2]int{u.Start, u.End})
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '#' && r != '＃' && r != '@' && r != '＠' {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if breakable(c) {
				break
			}
			j += n
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	sort.Slice(out, func(a, b int) bool { return out[a][0] < out[b][0] })
	return out
}

// minCost returns a function giving, for a prefix s[:pos], the least any
// counter can make of it: one per grapheme cluster, one per link.
func minCost(s string) func(pos int) int {
	urls := count.URLs(s)
	var ends, costs []int
	n, u := 0, 0
	state := -1
	for pos, rest := 0, s; len(rest) > 0; {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		for u < len(urls) && urls[u].End <= pos {
			u++
		}
		switch {
		case u < len(urls) && pos == urls[u].Start:
			n++
		case u < len(urls) && pos > urls[u].Start:
		default:
			n++
		}
		pos += len(g)
		ends = append(ends, pos)
		costs = append(costs, n)
	}
	return func(pos int) int {
		i := sort.SearchInts(ends, pos)
		if i >= len(costs) {
			return n
		}
		return costs[i]
	}
}

// endsSentence reports whether s ends a sentence: a final stop, ? ! or
// ellipsis, maybe followed by closing quotes or brackets ("… ! »"), and
// not the dot of an abbreviation or an initial ("M.", "J.", "cf.").
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 {
			return false
		}
		if strings.ContainsRune("»”\"’')]", r) {
			s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace) // "fini. »"
			continue
		}
		switch r {
		case '!', '?', '…', '‼', '⁉', '。', '！', '？':
			return true
		case '.':
			return !abbreviation(s[:len(s)-n])
		}
		return false
	}
}

// abbreviation reports whether the word before a dot is an initial, an
// abbreviation (French and English) or part of "U.S.".
func abbreviation(before string) bool {
	if strings.HasSuffix(before, ".") {
		return false // "..."
	}
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := before[i+1:]
	if w == "" {
		return false
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) {
		return unicode.IsUpper(r) // "J. Dupont", but "il y a."
	}
	switch w {
	case "M", "Mme", "Mlle", "MM", "Me", "Dr", "Pr", "St", "Ste", "Mr", "Mrs", "Ms", "Jr", "Sr",
		"cf", "ex", "p", "pp", "vol", "art", "av", "bd", "env", "approx", "vs", "fig", "chap":
		return true
	}
	return strings.Contains(w, ".")
}

// ellipsize ends a cut at a word: weak punctuation and spaces dropped,
// then "…", and a guillemet left open closed again.
func ellipsize(p string) string {
	p = strings.TrimRightFunc(p, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:–—-(«“‘[/", r)
	})
	if p == "" {
		return ""
	}
	if endsSentence(p) {
		return p
	}
	p += "…"
	if strings.Count(p, "«") > strings.Count(p, "»") {
		sp := ""
		if i := strings.LastIndex(p, "«"); i >= 0 {
			if r, _ := utf8.DecodeRuneInString(p[i+len("«"):]); unicode.IsSpace(r) {
				sp = string(r)
			}
		}
		p += sp + "»"
	}
	return p
}

// cutHard cuts at the last grapheme cluster that fits with "…", for the
// one piece that must not be empty (a Pin's title).
func cutHard(s string, fits func(string) bool) string {
	var ends []int
	state := -1
	for pos, rest := 0, s; len(rest) > 0; {
		var g string
		g, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		pos += len(g)
		ends = append(ends, pos)
	}
	for i := len(ends) - 1; i >= 0; i-- {
		if c := s[:ends[i]] + "…"; fits(c) {
			return c
		}
	}
	return ""
}

// cleanLine puts text on one line: runs of spaces and line breaks become
// one space (no-break spaces are kept), and characters platforms refuse
// (U+FEFF, U+FFFE, U+FFFF, controls) are dropped.
func cleanLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case breakable(r):
			space = b.Len() > 0
			continue
		case refused(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanHand keeps a hand-written text's line breaks but trims each line and
// drops the characters platforms refuse.
func cleanHand(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(strings.Map(func(r rune) rune {
			if refused(r) && r != '\t' {
				return -1
			}
			return r
		}, l), unicode.IsSpace)
	}
	s = strings.TrimSpace(strings.Join(lines, "\n"))
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}

func refused(r rune) bool {
	return r == 0xFEFF || r == 0xFFFE || r == 0xFFFF || unicode.IsControl(r) && r != '\n'
}
