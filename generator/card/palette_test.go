package card

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
)

func TestParseColor(t *testing.T) {
	tests := []struct {
		in   string
		want color.RGBA
		err  bool
	}{
		{"#16202E", color.RGBA{0x16, 0x20, 0x2e, 0xff}, false},
		{"#16202e", color.RGBA{0x16, 0x20, 0x2e, 0xff}, false},
		{" #FFFFFF ", color.RGBA{0xff, 0xff, 0xff, 0xff}, false},
		{"#F80", color.RGBA{0xff, 0x88, 0x00, 0xff}, false},
		{"16202E", color.RGBA{}, true},
		{"#16202", color.RGBA{}, true},
		{"#16202E00", color.RGBA{}, true},
		{"#GGGGGG", color.RGBA{}, true},
		{"#+1+2+3", color.RGBA{}, true},
		{"", color.RGBA{}, true},
	}
	for _, tt := range tests {
		got, err := parseColor(tt.in)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("parseColor(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"#16202E", "#fff", "red", "#", "#-12345", "#0x1234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseColor(s)
		if err != nil {
			return
		}
		// A colour that parses prints back to itself.
		h := strings.TrimPrefix(strings.TrimSpace(s), "#")
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if got := fmt.Sprintf("%02x%02x%02x", c.R, c.G, c.B); got != strings.ToLower(h) {
			t.Errorf("parseColor(%q) = %s", s, got)
		}
	})
}

func TestDefaultPalettes(t *testing.T) {
	tests := []struct {
		name           string
		spec           Spec
		bg, fg, accent string
	}{
		{"nothing set: dark", Spec{}, "#16202E", "#F6F3EC", "#F4A340"},
		{"light background: light ink and accent", Spec{Background: "#FFFFFF"}, "#FFFFFF", "#18202B", "#C2410C"},
		{"dark background: dark palette's", Spec{Background: "#000000"}, "#000000", "#F6F3EC", "#F4A340"},
		{"accent alone", Spec{Accent: "#38BDF8"}, "#16202E", "#F6F3EC", "#38BDF8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustPalette(t, tt.spec)
			got := [3]string{hexOf(p.bg), hexOf(p.fg), hexOf(p.accent)}
			if want := [3]string{tt.bg, tt.fg, tt.accent}; got != want {
				t.Errorf("newPalette(%+v) = %v; want %v", tt.spec, got, want)
			}
		})
	}
	// The defaults need no adjusting: they were chosen to read.
	for _, pal := range [][3]string{darkPalette, lightPalette} {
		p := mustPalette(t, Spec{Background: pal[0], Foreground: pal[1], Accent: pal[2]})
		if hexOf(p.kicker) != pal[2] || hexOf(p.fg) != pal[1] {
			t.Errorf("palette %v adjusted to fg %s, kicker %s", pal, hexOf(p.fg), hexOf(p.kicker))
		}
	}
}

func hexOf(c color.RGBA) string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// TestPaletteContrast sweeps backgrounds and foregrounds, brand colours
// that clash included: every text colour must reach 4.5:1.
func TestPaletteContrast(t *testing.T) {
	levels := []uint8{0x00, 0x33, 0x66, 0x77, 0x80, 0x99, 0xcc, 0xff}
	var adjusted int
	for _, r := range levels {
		for _, g := range levels {
			for _, b := range levels {
				bg := fmt.Sprintf("#%02X%02X%02X", r, g, b)
				for _, fg := range []string{"#FFD400", "#777777", "#FFFFFF", "#000000", "#1DA1F2", bg} {
					s := Spec{Background: bg, Foreground: fg, Accent: fg}
					p := mustPalette(t, s)
					for name, c := range map[string]color.RGBA{"fg": p.fg, "muted": p.muted, "kicker": p.kicker} {
						if cr := contrast(c, p.bg); cr < minContrast {
							t.Errorf("%s %s on %s: contrast %.2f; want at least %.1f", name, hexOf(c), bg, cr, minContrast)
						}
					}
					if hexOf(p.fg) != fg {
						adjusted++
					}
					if hexOf(p.accent) != fg {
						t.Errorf("accent %s changed to %s; the band is drawn as configured", fg, hexOf(p.accent))
					}
				}
			}
		}
	}
	if adjusted == 0 {
		t.Error("no foreground was adjusted; the sweep tests nothing")
	}
}

func TestReadable(t *testing.T) {
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	yellow := color.RGBA{0xff, 0xd4, 0x00, 0xff}
	got := readable(yellow, white)
	if cr := contrast(got, white); cr < minContrast || cr > minContrast+0.3 {
		t.Errorf("readable(yellow, white) = %s, contrast %.2f; want just over %.1f", hexOf(got), cr, minContrast)
	}
	if !(got.R >= got.G && got.G > got.B) {
		t.Errorf("readable(yellow, white) = %s; want a darker yellow, not another hue", hexOf(got))
	}
	navy := color.RGBA{0x16, 0x20, 0x2e, 0xff}
	if got := readable(white, navy); got != white {
		t.Errorf("readable(white, navy) = %s; want white unchanged", hexOf(got))
	}
}
