package card

import (
	"image"
	"image/draw"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// The Go fonts ship inside the binary (golang.org/x/image/font/gofont, BSD
// licence): a card looks the same on every machine that builds the site, and
// relais needs no font installed. They cover WGL4: every letter of French
// (accents, œ, æ, ç), « » ‹ › ’ “ ”, —, –, …, € and the no-break space, plus
// Greek and Cyrillic.
var fonts struct {
	once                  sync.Once
	regular, medium, bold *sfnt.Font
}

func loadFonts() {
	fonts.once.Do(func() {
		fonts.regular = mustParse(goregular.TTF)
		fonts.medium = mustParse(gomedium.TTF)
		fonts.bold = mustParse(gobold.TTF)
	})
}

func mustParse(ttf []byte) *sfnt.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic("card: embedded font: " + err.Error()) // the bytes are compiled in
	}
	return f
}

// face is one font at one size. opentype faces are not safe for concurrent
// use, so every Draw makes its own; they are cheap (no glyph cache).
type face struct {
	f        *sfnt.Font
	face     font.Face
	size     float64
	tracking fixed.Int26_6 // extra space after every glyph (the kicker's letter-spacing)
	space    fixed.Int26_6 // advance of U+0020
	thin     fixed.Int26_6 // advance of U+2009 and U+202F: a sixth of an em
	m        font.Metrics
	accent   fixed.Int26_6 // how far above the baseline an accented capital reaches
}

func newFace(f *sfnt.Font, size float64) *face {
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic("card: font face: " + err.Error()) // only fails on a nil font or a bad size
	}
	sp, _ := ff.GlyphAdvance(' ')
	fc := &face{
		f: f, face: levels{ff}, size: size, space: sp,
		thin: fixed.Int26_6(size * 64 / 6),
		m:    ff.Metrics(),
	}
	// Margins are kept to the ink, and a French title may open with "À"
	// or "É": the block's top is the top of the highest accent, not the
	// cap height.
	for _, r := range "ÀÂÉÈÊËÎÏÔÛÙÜŸÇÅ" {
		if b, _, ok := ff.GlyphBounds(r); ok {
			fc.accent = max(fc.accent, -b.Min.Y)
		}
	}
	return fc
}

// Characters with a meaning for layout. The font lacks U+202F and U+2009,
// so relais draws them as spaces of its own width rather than dropping them:
// French puts U+202F inside « » and before ; ! ?.
const (
	nbsp  = '\u00a0' // no-break space: a space where lines never break
	nnbsp = '\u202f' // narrow no-break space
	thin  = '\u2009' // thin space: narrow, but a line may break there
	zwsp  = '\u200b' // zero-width space: a break opportunity, nothing drawn
	shy   = '\u00ad' // soft hyphen: invisible unless the line breaks there
)

// isSpace reports the spaces the layout knows, breaking or not.
func isSpace(r rune) bool { return r == ' ' || r == nbsp || r == nnbsp || r == thin }

// breakable reports the spaces a line may break at.
func breakable(r rune) bool { return r == ' ' || r == thin }

// clean prepares text for f: NFC (the fonts have precomposed accented
// letters, not combining marks), every space normalised to the few kinds
// above, and every character f cannot draw dropped. Emoji, CJK and other
// scripts the Go fonts lack would otherwise print as empty boxes ("tofu");
// a card is a preview, so it shows the text it can and nothing broken.
// A dropped character counts as a space, and a run of spaces collapses to
// one ("Bravo 🎉 !" gives "Bravo !"), keeping a no-break space if the run
// had one so the "!" stays with its word. Marks that only modify an emoji
// (variation selectors, joiners, keycaps) vanish without a trace.
func clean(f *sfnt.Font, s string) string {
	s = norm.NFC.String(s)
	var buf sfnt.Buffer
	var b strings.Builder
	b.Grow(len(s))
	var pending rune // the space to write before the next visible character, 0 for none
	for _, r := range s {
		switch {
		case r == nbsp || r == '\u2007': // figure space: no-break too
			r = nbsp
		case r == nnbsp:
		case r == thin || r == '\u200a' || r == '\u2008' || r == '\u2006' || r == '\u2005':
			r = thin
		case r == zwsp || r == shy:
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			r = ' '
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me) || r == utf8.RuneError:
			if unicode.Is(unicode.Mn, r) && hasGlyph(f, &buf, r) {
				break // a combining mark NFC could not compose, which the font has
			}
			continue // ZWJ, variation selectors, bidi marks, BOM, keycaps: nothing to draw
		default:
			if !hasGlyph(f, &buf, r) {
				// A word the font cannot draw ("2026年5月1日", "super🔥cool")
				// leaves a space, not its neighbours glued together.
				pending = strongerSpace(pending, ' ')
				continue
			}
		}
		if isSpace(r) {
			pending = strongerSpace(pending, r)
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteRune(pending)
		}
		pending = 0
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), func(r rune) bool { return isSpace(r) || r == zwsp || r == shy })
}

func hasGlyph(f *sfnt.Font, buf *sfnt.Buffer, r rune) bool {
	g, err := f.GlyphIndex(buf, r)
	return err == nil && g != 0
}

// strongerSpace picks the space that stands for a run of two: a no-break
// space wins (it binds punctuation), then a full space over a thin one.
func strongerSpace(a, b rune) rune {
	rank := func(r rune) int {
		switch r {
		case nbsp:
			return 4
		case nnbsp:
			return 3
		case ' ':
			return 2
		case thin:
			return 1
		}
		return 0
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// advance is the width of s in fc, exactly as draw will place it: glyph
// advances, kerning between neighbours, and tracking after each glyph but
// the last.
func (fc *face) advance(s string) fixed.Int26_6 {
	var x fixed.Int26_6
	prev := rune(-1)
	n := 0
	for _, r := range s {
		w, kern, drawn := fc.step(prev, r)
		x += kern + w
		if drawn {
			prev = r
		} else {
			prev = -1
		}
		n++
	}
	if n > 1 {
		x += fixed.Int26_6(n-1) * fc.tracking
	}
	return x
}

// step is the advance of r after prev, the kerning before it, and whether r
// is a glyph (as opposed to a space relais sizes itself).
func (fc *face) step(prev, r rune) (adv, kern fixed.Int26_6, glyph bool) {
	switch r {
	case ' ', nbsp:
		return fc.space + fc.tracking, 0, false // tracked capitals need wider word spaces too
	case thin, nnbsp:
		return fc.thin, 0, false
	case zwsp, shy:
		return 0, 0, false
	}
	if prev >= 0 {
		kern = fc.face.Kern(prev, r)
	}
	adv, _ = fc.face.GlyphAdvance(r)
	return adv, kern, true
}

// draw paints s with its baseline starting at dot and returns the dot after
// it. It walks the runes like font.Drawer.DrawString, but sizes the spaces
// itself and adds the tracking, so it agrees with advance to the 1/64 px.
func (fc *face) draw(dst draw.Image, src image.Image, dot fixed.Point26_6, s string) fixed.Point26_6 {
	d := font.Drawer{Dst: dst, Src: src, Face: fc.face, Dot: dot}
	prev := rune(-1)
	var buf [utf8.UTFMax]byte
	first := true
	for _, r := range s {
		if !first {
			d.Dot.X += fc.tracking
		}
		first = false
		adv, kern, glyph := fc.step(prev, r)
		if !glyph {
			d.Dot.X += adv
			prev = -1
			continue
		}
		d.Dot.X += kern
		n := utf8.EncodeRune(buf[:], r)
		d.DrawBytes(buf[:n]) // one glyph: advances Dot by adv
		prev = r
	}
	return d.Dot
}

// levels rounds glyph coverage to 32 steps. At the size a card is seen,
// 32 levels of anti-aliasing look the same as 256 (zoomed in 4×, edges stay
// smooth), and the card then has few colours: each text colour blended
// with the background in 32 steps, some 100 in all, leaving room for a
// flat logo's own. Under 256 colours it is saved as an 8-bit palette PNG:
// a third of the bytes to compress, no row filters to try, half the size.
type levels struct{ font.Face }

func (l levels) Glyph(dot fixed.Point26_6, r rune) (image.Rectangle, image.Image, image.Point, fixed.Int26_6, bool) {
	dr, mask, mp, adv, ok := l.Face.Glyph(dot, r)
	if a, isAlpha := mask.(*image.Alpha); isAlpha {
		for i, v := range a.Pix {
			a.Pix[i] = coverage[v]
		}
	}
	return dr, mask, mp, adv, ok
}

// coverage maps 256 coverage values onto 0, 8, 16 … 248, 255.
var coverage = func() (t [256]uint8) {
	for v := range t {
		q := (v + coverageStep/2) / coverageStep * coverageStep
		if q > 255-coverageStep/2 {
			q = 255
		}
		t[v] = uint8(q)
	}
	return t
}()

const coverageStep = 8
