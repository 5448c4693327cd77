package card

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// The default palettes. With no colours set, cards are dark: they stand out
// in the light timelines most people scroll. A light Background set alone
// gets the light palette's ink and accent, a dark one the dark palette's.
//
//	dark:  Background #16202E (night blue), Foreground #F6F3EC (warm white), Accent #F4A340 (amber)
//	light: Background #FAF7F0 (paper),      Foreground #18202B (ink),        Accent #C2410C (burnt orange)
var (
	darkPalette  = [3]string{"#16202E", "#F6F3EC", "#F4A340"}
	lightPalette = [3]string{"#FAF7F0", "#18202B", "#C2410C"}
)

// minContrast is WCAG AA for normal text. Every text colour on a card
// reaches it against the background, whatever the configured colours.
const minContrast = 4.5

// palette holds the resolved colours of one card.
type palette struct {
	bg     color.RGBA // the whole card
	fg     color.RGBA // title and site name
	muted  color.RGBA // date and separator: quieter than fg, still readable
	accent color.RGBA // the band, drawn exactly as configured
	kicker color.RGBA // the accent as text: adjusted when too faint to read
}

// newPalette resolves a spec's colours. A foreground too close to the
// background (a brand yellow on white) is darkened or lightened until it
// reads at 4.5:1: a card that cannot be read at 500 px wide is worse than
// one a shade off the brand.
func newPalette(s Spec) (palette, error) {
	var p palette
	var err error
	bgHex := s.Background
	if bgHex == "" {
		bgHex = darkPalette[0]
	}
	if p.bg, err = parseColor(bgHex); err != nil {
		return p, fmt.Errorf("background %w", err)
	}
	def := darkPalette
	if luminance(p.bg) > lightThreshold {
		def = lightPalette
	}
	fgHex, accHex := s.Foreground, s.Accent
	if fgHex == "" {
		fgHex = def[1]
	}
	if accHex == "" {
		accHex = def[2]
	}
	if p.fg, err = parseColor(fgHex); err != nil {
		return p, fmt.Errorf("foreground %w", err)
	}
	if p.accent, err = parseColor(accHex); err != nil {
		return p, fmt.Errorf("accent %w", err)
	}
	p.fg = readable(p.fg, p.bg)
	p.muted = readable(mix(p.fg, p.bg, 0.3), p.bg)
	p.kicker = readable(p.accent, p.bg)
	return p, nil
}

// lightThreshold is the luminance above which black text contrasts more
// than white: (L+0.05)/0.05 = 1.05/(L+0.05) at L ≈ 0.179.
const lightThreshold = 0.179

// parseColor reads "#RRGGBB" (or the short "#RGB"), in either case.
func parseColor(s string) (color.RGBA, error) {
	h, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if !ok || (len(h) != 6 && len(h) != 3) {
		return color.RGBA{}, fmt.Errorf("%q: want \"#RRGGBB\"", s)
	}
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return color.RGBA{}, fmt.Errorf("%q: want \"#RRGGBB\" with hexadecimal digits", s)
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}, nil
}

// luminance is the WCAG 2 relative luminance of c.
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG 2 contrast ratio of a and b, from 1 to 21.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// mix is a + t(b - a), channel by channel.
func mix(a, b color.RGBA, t float64) color.RGBA {
	ch := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + t*(float64(y)-float64(x)))) }
	return color.RGBA{R: ch(a.R, b.R), G: ch(a.G, b.G), B: ch(a.B, b.B), A: 0xff}
}

// readable returns c if it reads on bg at minContrast, else the colour
// nearest to c on the way to black or white (whichever contrasts more with
// bg) that does. Either extreme reaches at least 4.58:1 on any background.
func readable(c, bg color.RGBA) color.RGBA {
	if contrast(c, bg) >= minContrast {
		return c
	}
	target := color.RGBA{A: 0xff}
	if white := (color.RGBA{0xff, 0xff, 0xff, 0xff}); contrast(white, bg) > contrast(target, bg) {
		target = white
	}
	lo, hi := 0.0, 1.0
	for range 20 {
		mid := (lo + hi) / 2
		if contrast(mix(c, target, mid), bg) >= minContrast {
			hi = mid
		} else {
			lo = mid
		}
	}
	return mix(c, target, hi)
}
