package card

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/image/math/fixed"
)

// piece is a run of text no line may break inside, and the break after it.
type piece struct {
	text string
	w    fixed.Int26_6 // advance of text
	sep  rune          // ' ' or thin: a space; zwsp: nothing; shy: a hyphen if the line breaks here; 0: the end
	sepW fixed.Int26_6 // width of sep when the line goes on after it
}

// line is one laid-out line: its pieces, and what ends it.
type line struct {
	pieces []piece
	tail   string // "-" after a soft hyphen, "…" after an ellipsis, else ""
	w      fixed.Int26_6
}

// String is the line as it reads, for tests and debugging.
func (l line) String() string {
	var b strings.Builder
	for i, p := range l.pieces {
		b.WriteString(p.text)
		if i < len(l.pieces)-1 && p.sep != zwsp && p.sep != shy {
			b.WriteRune(p.sep)
		}
	}
	return b.String() + l.tail
}

// Punctuation that must not start a line (French puts a space before » ; : ! ?)
// or end one. A title written with plain spaces, before the typography pass
// or by hand, keeps « Bonjour » together as if the spaces were no-break.
const (
	noLineStart = "»›!?;:)]}%‰…,.”€£$°"
	noLineEnd   = "«‹([{¿¡“"
)

// pieces splits s (already cleaned) at its break opportunities: breaking
// spaces, zero-width spaces, soft hyphens, and after a hyphen or a dash
// joining two words ("porte-parole", "2025—2026").
func pieces(fc *face, s string) []piece {
	var ps []piece
	start := 0
	prev := rune(-1)
	for i, r := range s {
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		switch {
		case breakable(r) || r == zwsp || r == shy:
			ps = append(ps, piece{text: s[start:i], sep: r})
			start = i + utf8.RuneLen(r)
		case (r == '-' || r == '‐' || r == '–' || r == '—') && isWordRune(prev) && isWordRune(next):
			end := i + utf8.RuneLen(r)
			ps = append(ps, piece{text: s[start:end], sep: zwsp})
			start = end
		}
		prev = r
	}
	ps = append(ps, piece{text: s[start:]})

	// Glue punctuation to its word, then drop the empty pieces two breaks in
	// a row leave.
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && isSpace(out[n-1].sep) && p.text != "" &&
			(startsWithAny(p.text, noLineStart) || endsWithAny(out[n-1].text, noLineEnd) ||
				thousands(out[n-1].text, p.text)) {
			out[n-1].text += string(out[n-1].sep) + p.text
			out[n-1].sep = p.sep
			continue
		}
		if p.text == "" {
			if n := len(out); n > 0 && (p.sep == 0 || isSpace(p.sep)) {
				out[n-1].sep = p.sep
			}
			continue
		}
		out = append(out, p)
	}
	for i := range out {
		out[i].measure(fc)
	}
	return out
}

func (p *piece) measure(fc *face) {
	p.w = fc.advance(p.text)
	switch p.sep {
	case ' ':
		p.sepW = fc.space + fc.tracking
	case thin:
		p.sepW = fc.thin
	default:
		p.sepW = 0
	}
}

// thousands reports a digit group after a number, "10 000" written with a
// plain space: French separates thousands with a space no line should
// break.
func thousands(prev, next string) bool {
	r, _ := utf8.DecodeLastRuneInString(prev)
	if !unicode.IsDigit(r) || len(next) < 3 {
		return false
	}
	for i := range 3 {
		if next[i] < '0' || next[i] > '9' {
			return false
		}
	}
	r, _ = utf8.DecodeRuneInString(next[3:])
	return !unicode.IsDigit(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func startsWithAny(s, set string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(set, r)
}

func endsWithAny(s, set string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(set, r)
}

// wrap breaks ps into lines no wider than width, greedily: each line takes
// as many pieces as fit. A piece wider than width gets a line of its own
// and overflow is set; fit then tries a smaller size or splits the piece.
func wrap(fc *face, ps []piece, width fixed.Int26_6) (lines []line, overflow bool) {
	hyphen := fc.advance("-")
	tail := func(p piece) fixed.Int26_6 {
		if p.sep == shy {
			return hyphen
		}
		return 0
	}
	var cur line
	flush := func() {
		if len(cur.pieces) == 0 {
			return
		}
		if last := cur.pieces[len(cur.pieces)-1]; last.sep == shy {
			cur.tail = "-"
			cur.w += hyphen
		}
		lines = append(lines, cur)
		cur = line{}
	}
	for _, p := range ps {
		if len(cur.pieces) > 0 {
			prev := cur.pieces[len(cur.pieces)-1]
			if cur.w+prev.sepW+p.w+tail(p) <= width {
				cur.pieces = append(cur.pieces, p)
				cur.w += prev.sepW + p.w
				continue
			}
			flush()
		}
		cur.pieces = append(cur.pieces, p)
		cur.w = p.w
		if p.w+tail(p) > width {
			overflow = true
		}
	}
	flush()
	return lines, overflow
}

// balance re-breaks ps into n lines as even as possible, so a title reads
// "Pourquoi votre / communauté mérite mieux" rather than leaving a word
// alone on its last line (CSS text-wrap: balance). It minimises the sum of
// the squared room left on every line, the last included, over all ways to
// make n lines no wider than width: a small dynamic programme, as titles
// have a few dozen pieces.
func balance(fc *face, ps []piece, width fixed.Int26_6, n int) []line {
	hyphen := fc.advance("-")
	m := len(ps)
	// lineW is the width of pieces i..j-1 set on one line.
	lineW := func(i, j int) fixed.Int26_6 {
		var w fixed.Int26_6
		for k := i; k < j; k++ {
			w += ps[k].w
			if k < j-1 {
				w += ps[k].sepW
			}
		}
		if ps[j-1].sep == shy {
			w += hyphen
		}
		return w
	}
	const inf = math.MaxFloat64
	// cost[k][j]: the best k lines holding the first j pieces; from[k][j]
	// is where the last of those lines starts.
	cost := make([][]float64, n+1)
	from := make([][]int, n+1)
	for k := range cost {
		cost[k] = make([]float64, m+1)
		from[k] = make([]int, m+1)
		for j := range cost[k] {
			cost[k][j] = inf
		}
	}
	cost[0][0] = 0
	for k := 1; k <= n; k++ {
		for j := k; j <= m; j++ {
			for i := j - 1; i >= k-1; i-- {
				w := lineW(i, j)
				if w > width {
					break // starting earlier only makes the line wider
				}
				if cost[k-1][i] == inf {
					continue
				}
				slack := float64(width-w) / 64
				if c := cost[k-1][i] + slack*slack; c < cost[k][j] {
					cost[k][j], from[k][j] = c, i
				}
			}
		}
	}
	if cost[n][m] == inf {
		ls, _ := wrap(fc, ps, width)
		return ls
	}
	ls := make([]line, n)
	j := m
	for k := n; k > 0; k-- {
		i := from[k][j]
		l := line{pieces: ps[i:j:j], w: lineW(i, j)}
		if ps[j-1].sep == shy {
			l.tail = "-"
		}
		ls[k-1] = l
		j = i
	}
	return ls
}

// split cuts every piece wider than width into chunks that fit, between
// grapheme clusters and without a hyphen: the last resort for a URL or a
// 40-letter word in a title, used only at the smallest size.
func split(fc *face, ps []piece, width fixed.Int26_6) []piece {
	var out []piece
	for _, p := range ps {
		if p.w <= width {
			out = append(out, p)
			continue
		}
		rest := p.text
		for rest != "" {
			n := fitPrefix(fc, rest, width)
			q := piece{text: rest[:n], sep: zwsp}
			rest = rest[n:]
			if rest == "" {
				q.sep = p.sep
			}
			q.measure(fc)
			out = append(out, q)
		}
	}
	return out
}

// fitPrefix is the length in bytes of the longest prefix of s, made of
// whole grapheme clusters, no wider than width; at least one cluster, so a
// caller always moves on.
func fitPrefix(fc *face, s string, width fixed.Int26_6) int {
	n := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		_, to := g.Positions()
		if n > 0 && fc.advance(s[:to]) > width {
			break
		}
		n = to
	}
	return n
}

// ellipsize ends ls after max lines. The last line takes what fits of the
// rest of the text, then "…": cut after a whole word when that keeps most
// of the line, else inside the word.
func ellipsize(fc *face, ls []line, max int, width fixed.Int26_6) []line {
	if len(ls) <= max {
		return ls
	}
	var rest []piece
	for _, l := range ls[max-1:] {
		rest = append(rest, l.pieces...)
	}
	out := append([]line(nil), ls[:max-1]...)
	return append(out, truncate(fc, rest, width))
}

// truncate lays ps out on one line of at most width, ending in "…" when
// they do not all fit.
func truncate(fc *face, ps []piece, width fixed.Int26_6) line {
	var whole fixed.Int26_6
	for i, p := range ps {
		whole += p.w
		if i < len(ps)-1 {
			whole += p.sepW
		}
	}
	if whole <= width {
		return line{pieces: ps, w: whole}
	}
	room := width - fc.advance("…")
	var l line
	for _, p := range ps {
		gap := fixed.Int26_6(0)
		if len(l.pieces) > 0 {
			gap = l.pieces[len(l.pieces)-1].sepW
		}
		if l.w+gap+p.w <= room {
			l.pieces = append(l.pieces, p)
			l.w += gap + p.w
			continue
		}
		// A word cut in the middle reads worse than a shorter line, unless
		// the line would be left mostly empty.
		if l.w+gap < room*2/3 {
			if n := fitPrefix(fc, p.text, room-l.w-gap); n < len(p.text) && fc.advance(p.text[:n]) <= room-l.w-gap {
				q := piece{text: p.text[:n]}
				q.measure(fc)
				l.pieces = append(l.pieces, q)
				l.w += gap + q.w
			}
		}
		break
	}
	// "…" follows a word directly: no space, comma or dash before it.
	for len(l.pieces) > 0 {
		last := &l.pieces[len(l.pieces)-1]
		trimmed := strings.TrimRightFunc(last.text, func(r rune) bool {
			return isSpace(r) || strings.ContainsRune(".,;:-‐–—·/«‹(“", r)
		})
		if trimmed != "" {
			if trimmed != last.text {
				last.text = trimmed
				last.measure(fc)
			}
			break
		}
		l.pieces = l.pieces[:len(l.pieces)-1]
	}
	l.w = 0
	for i, p := range l.pieces {
		l.w += p.w
		if i < len(l.pieces)-1 {
			l.w += p.sepW
		}
	}
	l.tail = "…"
	l.w += fc.advance("…")
	if n := len(l.pieces); n > 0 {
		l.pieces[n-1].sep = 0
	}
	return l
}
