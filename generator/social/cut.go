package social

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relais/relais/generator/social/count"
	"github.com/relais/relais/generator/social/internal/grapheme"
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
	return cutIn(s, limit, fits, analyze)
}

// cutIn is cut, with the cut points of s from analyze: a composer shares
// them between the platforms that cut the same text.
func cutIn(s string, limit int, fits func(string) bool, analyze func(string) *prose) (string, bool) {
	if fits(s) {
		return s, true
	}
	bounds := analyze(s).bounds
	// each boundary ends a word: the i-th keeps i+1 words
	for i := len(bounds) - 1; i >= 0; i-- {
		b := bounds[i]
		if !b.sentence || i+1 < minSentenceWords || b.cost > limit {
			continue
		}
		if c := strings.TrimRightFunc(s[:b.pos], unicode.IsSpace); fits(c) {
			return c, true
		}
	}
	for i := len(bounds) - 1; i >= 0; i-- {
		b := bounds[i]
		if b.cost > limit {
			continue
		}
		if c := ellipsize(s[:b.pos]); c != "" && fits(c) {
			return c, true
		}
	}
	return "", false
}

// cutSentenceIn is cutIn at sentence ends only: the hook of a long post.
func cutSentenceIn(s string, limit int, fits func(string) bool, analyze func(string) *prose) (string, bool) {
	if fits(s) {
		return s, true
	}
	bounds := analyze(s).bounds
	for i := len(bounds) - 1; i >= 0; i-- {
		b := bounds[i]
		if !b.sentence || b.cost > limit {
			continue
		}
		if c := strings.TrimRightFunc(s[:b.pos], unicode.IsSpace); fits(c) {
			return c, true
		}
	}
	return "", false
}

// prose is what cutting a text needs to know of it, found in one walk
// over its grapheme clusters.
type prose struct {
	bounds []boundary
}

type boundary struct {
	pos      int  // s[:pos] is a candidate
	sentence bool // s[:pos] ends a sentence
	// cost is the least any counter makes of s[:pos]: one per grapheme
	// cluster, one per link; a cut that costs more than the limit cannot fit.
	cost int
}

// analyze lists where s may be cut: before each breakable space
// (a no-break space binds "10\u00A0€" and "Prêts\u202F?"), and between two
// characters of a script written without spaces (Chinese, Japanese, Thai…),
// outside links and hashtags.
func analyze(s string) *prose {
	var out []boundary
	urls := count.URLs(s)
	var protected [][2]int // found when a script without spaces needs them
	protectedDone := false
	inside := func(p int) bool {
		if !protectedDone {
			protected, protectedDone = protectedSpans(s, urls), true
		}
		i := sort.Search(len(protected), func(i int) bool { return protected[i][1] > p })
		return i < len(protected) && protected[i][0] < p
	}
	pos := 0
	n, u := 0, 0 // the cost of s[:pos], the next link
	var prev rune
	for pos < len(s) {
		var r, last rune // the first and last characters of the cluster
		size := 1
		if c := s[pos]; c < utf8.RuneSelf && (pos+1 == len(s) || s[pos+1] < utf8.RuneSelf && (c != '\r' || s[pos+1] != '\n')) {
			r, last = rune(c), rune(c) // ASCII followed by ASCII, the most of prose
		} else {
			size = grapheme.Next(s[pos:])
			r, _ = utf8.DecodeRuneInString(s[pos : pos+size])
			last, _ = utf8.DecodeLastRuneInString(s[pos : pos+size])
		}
		switch {
		case pos == 0:
		case breakable(r) && !breakable(prev):
			if prev == '.' && abbreviation(s[:pos-1]) {
				break // "M. Dupont", "J. R. R. Tolkien" stay together
			}
			out = append(out, boundary{pos, endsSentence(s[:pos]), n})
		case !breakable(r) && !breakable(prev) && (spaceless(r) || spaceless(prev)) && !inside(pos) && !closing(r):
			out = append(out, boundary{pos, endsSentence(s[:pos]), n})
		}
		for u < len(urls) && urls[u].End <= pos {
			u++
		}
		if u >= len(urls) || pos <= urls[u].Start { // a link costs 1, at its start
			n++
		}
		prev = last
		pos += size
	}
	if len(s) > 0 && !breakable(prev) {
		out = append(out, boundary{len(s), endsSentence(s), n})
	}
	return &prose{bounds: out}
}

// breakable is a space a line may break at; no-break spaces are not.
func breakable(r rune) bool {
	return unicode.IsSpace(r) && r != '\u00A0' && r != '\u202F' && r != '\u2007' && r != '\u2060'
}

// spaceless reports the scripts written without spaces between words.
func spaceless(r rune) bool {
	if r < 0x0E00 { // before Thai, the first of them
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar) ||
		r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF
}

// closing is punctuation that must stay with what comes before it.
func closing(r rune) bool {
	return strings.ContainsRune("。、，．！？）」』】〕〉》ー・", r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r)
}

// protectedSpans are the links (urls, as count.URLs finds them),
// hashtags and mentions of s, sorted.
func protectedSpans(s string, urls []count.URL) [][2]int {
	var out [][2]int
	for _, u := range urls {
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
	for pos := 0; pos < len(s); {
		pos += grapheme.Next(s[pos:])
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
	if oneLine(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
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

// oneLine reports whether cleanLine leaves s as it is, as it does the
// paragraphs the output stage hands over: single spaces between words, no
// space at either end, nothing refused, valid UTF-8.
func oneLine(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if ' ' < c && c < 0x7F { // printable ASCII, the most of prose
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
					return false
				}
			case c < ' ' || c == 0x7F: // line breaks, tabs and controls
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || breakable(r) || refused(r) {
			return false
		}
		i += size
	}
	return true
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
