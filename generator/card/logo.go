package card

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/draw"
)

// The logo box, bottom-right, centred on the footer line. A wide wordmark
// is limited by the width, a square icon by the height. Small logos are
// enlarged at most twice: a 32 px favicon blown up to fill the box would
// be blurred.
const (
	logoW, logoH = 240, 72
	logoMaxScale = 2.0
	// logoMaxPixels refuses a logo whose header claims more pixels than a
	// 50-megapixel photo before decoding it: a 40 kB PNG can declare
	// 100,000 × 100,000 and eat gigabytes.
	logoMaxPixels = 50_000_000
)

// A site has one logo and draws hundreds of cards with it: decoding and
// resampling it once per build, not once per card, is most of what a card
// with a logo costs. Entries are keyed by the logo bytes' hash.
var logos struct {
	sync.Mutex
	m map[[sha256.Size]byte]*logoEntry
}

type logoEntry struct {
	once sync.Once
	img  *image.RGBA
	err  error
}

// scaledLogo returns the logo decoded and resampled to fit the box.
func scaledLogo(b []byte) (*image.RGBA, error) {
	key := sha256.Sum256(b)
	logos.Lock()
	if logos.m == nil || len(logos.m) >= 16 { // a handful of logos per process at most; keep memory flat in a long serve
		logos.m = make(map[[sha256.Size]byte]*logoEntry)
	}
	e := logos.m[key]
	if e == nil {
		e = &logoEntry{}
		logos.m[key] = e
	}
	logos.Unlock()
	e.once.Do(func() { e.img, e.err = decodeLogo(b) })
	return e.img, e.err
}

func decodeLogo(b []byte) (*image.RGBA, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return nil, errors.New("logo: not a PNG or JPEG image (convert an SVG or WebP logo to PNG)")
		}
		return nil, fmt.Errorf("logo: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > logoMaxPixels {
		return nil, fmt.Errorf("logo: %d×%d pixels: want at most %d megapixels", cfg.Width, cfg.Height, logoMaxPixels/1_000_000)
	}
	var src image.Image
	switch format {
	case "png":
		src, err = png.Decode(bytes.NewReader(b))
	case "jpeg":
		src, err = jpeg.Decode(bytes.NewReader(b))
	default:
		return nil, fmt.Errorf("logo: %s image: want PNG or JPEG", format)
	}
	if err != nil {
		return nil, fmt.Errorf("logo: %w", err)
	}
	w, h := logoSize(cfg.Width, cfg.Height)
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// Catmull-Rom keeps a downscaled wordmark sharp; the bilinear filters
	// blur thin strokes.
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	return dst, nil
}

// logoSize fits w×h in the logo box, keeping the aspect ratio.
func logoSize(w, h int) (int, int) {
	s := math.Min(math.Min(float64(logoW)/float64(w), float64(logoH)/float64(h)), logoMaxScale)
	return max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
}
