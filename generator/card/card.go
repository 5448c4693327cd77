// Package card draws the social cards relais gives pages without an image
// of their own, so every shared link gets a large preview (og:image,
// twitter:image, feed enclosures). It sits beside the pipeline: build.go
// turns pages into Specs, DrawAll turns Specs into PNG or JPEG bytes, and
// the output stage writes them next to the pages. Nothing here reads the
// site model or the disk, except DirCache.
//
// A card is 1200×630 (1.91:1, what Facebook, LinkedIn and X show large):
// an accent band on the left edge, the kicker in the accent colour, the
// title in big bold type on up to four balanced lines, and the site name
// and date at the bottom, with the logo bottom-right. The fonts are the Go
// fonts, embedded. Characters they lack (emoji, CJK) are left out rather
// than drawn as empty boxes; a title with nothing drawable left gives its
// place to the site name.
package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Spec is everything a card shows. Equal Specs give equal bytes.
type Spec struct {
	Title  string // wrapped on up to 4 lines, shrinking the font size for long titles before ellipsizing ("…")
	Site   string // site name
	Date   string // already formatted in the page's language ("22 novembre 2026")
	Kicker string // optional small line above the title (section or first tag), drawn in capitals
	Logo   []byte // optional PNG/JPEG bytes (config), drawn bottom-right, scaled to fit a 240×72 box

	// Colours, "#RRGGBB". Empty means the default palette (see palette.go):
	// dark #16202E / #F6F3EC / #F4A340, or light #FAF7F0 / #18202B / #C2410C
	// when Background alone is set to a light colour. Text colours are
	// nudged towards black or white until they contrast 4.5:1 with the
	// background.
	Background, Foreground, Accent string

	Format string // "png" (default) or "jpeg"
}

// The card's size in pixels: 1.91:1, the large-image preview of Facebook,
// LinkedIn, X, Mastodon and Bluesky.
const Width, Height = 1200, 630

// MaxBytes bounds every card: Bluesky refuses a link-card thumbnail of
// more than 1,000,000 bytes, and the other platforms allow 5 MB or more.
const MaxBytes = 1_000_000

// version changes whenever the same Spec would draw different pixels
// (layout, fonts, palette, encoder settings), so caches built by an older
// relais miss instead of serving stale cards. The golden test fails when
// the goldens change under an unchanged version.
const version = "relais-card/1"

// jpegQuality is the starting quality of JPEG cards. PNG is the better
// default: it keeps text crisp, and a card with fewer than 256 colours
// (always without a logo, usually with a flat one) is saved as an 8-bit
// palette PNG of 8 to 35 kB, encoded with BestSpeed in about 3 ms, four to
// seven times faster than the same card in truecolour. JPEG takes 25 to
// 40 kB and 10 ms, and blurs the edges of coloured text.
const jpegQuality = 85

// Draw renders s. The result is the same bytes for the same Spec, and
// always fewer than MaxBytes. A PNG card holds flat colours, anti-aliased
// text and a logo of at most 240×72 pixels, so it stays far below the limit
// (115 kB with a logo of pure noise, the worst case); should one ever
// exceed it, Draw returns a JPEG instead (quality 85, lowered until it
// fits), and Ext tells which. Errors name the bad field:
// `background "#12": want "#RRGGBB"`, `logo: not a PNG or JPEG image …`.
func Draw(s Spec) ([]byte, error) {
	if s.Format != "" && s.Format != "png" && s.Format != "jpeg" {
		return nil, fmt.Errorf("format %q: want \"png\" or \"jpeg\"", s.Format)
	}
	pal, err := newPalette(s)
	if err != nil {
		return nil, err
	}
	var logo *image.RGBA
	if len(s.Logo) > 0 {
		if logo, err = scaledLogo(s.Logo); err != nil {
			return nil, err
		}
	}
	return encode(makePlan(s, pal, logo).render(), s.Format)
}

func encode(img *image.RGBA, format string) ([]byte, error) {
	var buf bytes.Buffer
	if format != "jpeg" {
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		var src image.Image = img
		if p, ok := palettize(img); ok {
			src = p
		}
		if err := enc.Encode(&buf, src); err != nil {
			return nil, fmt.Errorf("png: %w", err)
		}
		if buf.Len() < MaxBytes {
			return buf.Bytes(), nil
		}
	}
	for q := jpegQuality; q >= 30; q -= 10 {
		buf.Reset()
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
			return nil, fmt.Errorf("jpeg: %w", err)
		}
		if buf.Len() < MaxBytes {
			return buf.Bytes(), nil
		}
	}
	return nil, errors.New("cannot encode the card in fewer than 1,000,000 bytes") // 1200×630 at quality 30 is ~150 kB even for noise
}

// palettize returns img as an 8-bit palette image when it has at most 256
// colours, which cards without a photo-like logo do: the PNG is then a
// third of the size, lossless all the same. The palette lists colours in
// the order the rows meet them, so the bytes stay deterministic.
func palettize(img *image.RGBA) (*image.Paletted, bool) {
	out := image.NewPaletted(img.Rect, make(color.Palette, 0, 256))
	index := make(map[uint32]uint8, 256)
	last, li := ^uint32(0), uint8(0)
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		p := img.Pix[i : i+4 : i+4]
		if p[3] != 0xff {
			return nil, false // cards are opaque; keep RGBA if one is not
		}
		c := uint32(p[0])<<16 | uint32(p[1])<<8 | uint32(p[2])
		if c != last { // runs of one colour are most of a card
			k, ok := index[c]
			if !ok {
				if len(out.Palette) == 256 {
					return nil, false
				}
				k = uint8(len(out.Palette))
				index[c] = k
				out.Palette = append(out.Palette, color.RGBA{p[0], p[1], p[2], 0xff})
			}
			last, li = c, k
		}
		out.Pix[j] = li
	}
	return out, true
}

// Ext is the file extension of a drawn card, "png" or "jpg", read from its
// first bytes: name the file with it, and og:image:type follows.
func Ext(data []byte) string {
	if bytes.HasPrefix(data, []byte("\xff\xd8\xff")) {
		return "jpg"
	}
	return "png"
}

// Key is the cache key of s: the hex SHA-256 of the drawing version and
// every field, logo bytes included. Each field is length-prefixed, so
// moving text from one field to the next changes the key.
func Key(s Spec) string {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	field := func(b []byte) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(b)))])
		h.Write(b)
	}
	for _, f := range []string{version, s.Title, s.Site, s.Date, s.Kicker} {
		field([]byte(f))
	}
	field(s.Logo)
	for _, f := range []string{s.Background, s.Foreground, s.Accent, s.Format} {
		field([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}
