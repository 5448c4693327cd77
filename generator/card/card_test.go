package card

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testLogo draws a w×h PNG logo: a badge on a transparent ground, or,
// with noise, random opaque pixels, the worst case for PNG size.
func testLogo(t testing.TB, w, h int, noise bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			switch {
			case noise:
				img.Set(x, y, color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 0xff})
			case (x-h/2)*(x-h/2)+(y-h/2)*(y-h/2) <= h*h/4: // a disc on the left
				img.Set(x, y, color.NRGBA{0xe8, 0x4a, 0x5f, 0xff})
			case x > h*6/5 && y > h/3 && y < h*2/3: // a bar for the word mark
				img.Set(x, y, color.NRGBA{0xf6, 0xf3, 0xec, 0xff})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const longTitle = "Ceci est un titre extrêmement long qui ne tiendra jamais sur quatre lignes même avec la plus petite taille de police disponible dans relais, parce qu’il continue encore et encore avec des mots"

func goldenCards(t testing.TB) []struct {
	name string
	spec Spec
} {
	return []struct {
		name string
		spec Spec
	}{
		{"long-french-dark", Spec{
			Title: "Modération : comment garder une communauté bienveillante quand elle grandit",
			Site:  "Blog Communauté", Date: "22 novembre 2026", Kicker: "Réseaux sociaux",
		}},
		{"one-word-light", Spec{Title: "Bonjour", Site: "Le Relais", Date: "3 mars 2026", Background: "#FAF7F0"}},
		{"emoji-logo", Spec{
			Title: "« Bravo 🎉\u202f! » Nos 10 000 abonnés 🚀 fêtent l’été",
			Site:  "Asso du quartier", Date: "14 juillet 2026", Kicker: "Vie associative",
			Logo: testLogo(t, 480, 144, false),
		}},
		{"overflow-brand-colours", Spec{
			Title: longTitle, Site: "Jaune Citron", Date: "1er avril 2026", Kicker: "Marque",
			Background: "#FFFFFF", Foreground: "#FFD400", Accent: "#FFD400", // yellow on white: darkened to read
		}},
		{"cjk-title-jpeg", Spec{Title: "東京のコミュニティ", Site: "Tokyo Meetup", Date: "1 mai 2026", Format: "jpeg", Background: "#0B3D2E", Accent: "#7BD389"}},
	}
}

// TestGolden compares drawn cards with testdata/*.png, pixel by pixel
// after decoding (the PNG encoder may change, the picture must not).
// testdata/golden.sum pins the pixels of each golden to the drawing
// version: rewriting goldens that changed without bumping version fails,
// since caches would go on serving the old cards.
func TestGolden(t *testing.T) {
	sumPath := filepath.Join("testdata", "golden.sum")
	oldVersion, oldSums := readSums(t, sumPath)
	sums := map[string]string{}
	imgs := map[string]*image.RGBA{}
	for _, g := range goldenCards(t) {
		b, err := Draw(g.spec)
		if err != nil {
			t.Fatalf("Draw(%s): %v", g.name, err)
		}
		imgs[g.name] = decodeRGBA(t, b)
		sums[g.name] = pixelSum(imgs[g.name])
	}
	if *update {
		if oldVersion == version {
			for name, sum := range sums {
				if old, ok := oldSums[name]; ok && old != sum {
					t.Fatalf("golden %s changed but version is still %q: bump version in card.go, then run -update again", name, version)
				}
			}
		}
		var out bytes.Buffer
		fmt.Fprintf(&out, "version %s\n", version)
		for _, g := range goldenCards(t) {
			var buf bytes.Buffer
			var img image.Image = imgs[g.name]
			if p, ok := palettize(imgs[g.name]); ok {
				img = p // smaller files in the repository, same pixels
			}
			enc := png.Encoder{CompressionLevel: png.BestCompression}
			if err := enc.Encode(&buf, img); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join("testdata", g.name+".png"), buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "%s  %s.png\n", sums[g.name], g.name)
		}
		if err := os.WriteFile(sumPath, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if oldVersion != version {
		t.Errorf("%s is for version %q, the code draws %q: run go test -update", sumPath, oldVersion, version)
	}
	for _, g := range goldenCards(t) {
		t.Run(g.name, func(t *testing.T) {
			path := filepath.Join("testdata", g.name+".png")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			want := decodeRGBA(t, b)
			if sum := pixelSum(want); sum != oldSums[g.name] {
				t.Errorf("%s does not match %s: run go test -update", path, sumPath)
			}
			comparePixels(t, g.name, imgs[g.name], want)
		})
	}
}

func readSums(t *testing.T, path string) (string, map[string]string) {
	sums := map[string]string{}
	f, err := os.Open(path)
	if os.IsNotExist(err) && *update {
		return "", sums
	}
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	defer f.Close()
	var ver string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "version "); ok {
			ver = v
			continue
		}
		if sum, name, ok := strings.Cut(sc.Text(), "  "); ok {
			sums[strings.TrimSuffix(name, ".png")] = sum
		}
	}
	return ver, sums
}

func decodeRGBA(t testing.TB, b []byte) *image.RGBA {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

func pixelSum(img *image.RGBA) string {
	h := sha256.New()
	binary.Write(h, binary.BigEndian, [2]int32{int32(img.Rect.Dx()), int32(img.Rect.Dy())})
	h.Write(img.Pix)
	return hex.EncodeToString(h.Sum(nil))
}

// comparePixels fails when the pictures differ visibly. It forgives the
// last bits of anti-aliasing: the rasterizer's float arithmetic may round
// differently on another CPU (fused multiply-add on arm64), while a moved
// line or a changed colour shifts thousands of pixels by far more.
func comparePixels(t *testing.T, name string, got, want *image.RGBA) {
	t.Helper()
	if got.Rect != want.Rect {
		t.Fatalf("%s: %v; want %v", name, got.Rect, want.Rect)
	}
	var differ, worst int
	for i := range got.Pix {
		d := int(got.Pix[i]) - int(want.Pix[i])
		if d < 0 {
			d = -d
		}
		if d > 0 && i%4 == 0 {
			differ++
		}
		worst = max(worst, d)
	}
	if worst > 8 || differ > len(got.Pix)/4/1000 {
		out := filepath.Join(os.TempDir(), "relais-card-"+name+".png")
		var buf bytes.Buffer
		png.Encode(&buf, got)
		os.WriteFile(out, buf.Bytes(), 0o644)
		t.Errorf("%s: %d pixels differ, by up to %d; got written to %s (go test -update to accept)", name, differ, worst, out)
	}
}

func TestDrawDeterministic(t *testing.T) {
	for _, g := range goldenCards(t) {
		a, err := Draw(g.spec)
		if err != nil {
			t.Fatal(err)
		}
		Draw(Spec{Title: "un autre entre-temps", Logo: testLogo(t, 64, 64, true)})
		b, _ := Draw(g.spec)
		if !bytes.Equal(a, b) {
			t.Errorf("Draw(%s) gave different bytes twice", g.name)
		}
	}
}

func TestDrawFormats(t *testing.T) {
	tests := []struct {
		format, ext, mime string
	}{
		{"", "png", "png"},
		{"png", "png", "png"},
		{"jpeg", "jpg", "jpeg"},
	}
	for _, tt := range tests {
		b, err := Draw(Spec{Title: "Format", Format: tt.format})
		if err != nil {
			t.Fatal(err)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if format != tt.mime || cfg.Width != Width || cfg.Height != Height {
			t.Errorf("Draw(Format %q) = %s %d×%d; want %s %d×%d", tt.format, format, cfg.Width, cfg.Height, tt.mime, Width, Height)
		}
		if got := Ext(b); got != tt.ext {
			t.Errorf("Ext(Draw(Format %q)) = %q; want %q", tt.format, got, tt.ext)
		}
	}
}

// TestSizeWorstCase draws the heaviest card relais can make: four full
// title lines, every footer field, and a logo of pure noise filling the
// whole logo box. It must stay a PNG, under Bluesky's limit.
func TestSizeWorstCase(t *testing.T) {
	logo := testLogo(t, logoW*4, logoH*4, true)
	for _, format := range []string{"png", "jpeg"} {
		s := Spec{Title: longTitle, Site: "Le blog de l’association des community managers", Date: "22 novembre 2026", Kicker: "Réseaux sociaux", Logo: logo, Format: format}
		b, err := Draw(s)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("worst case %s: %d bytes", format, len(b))
		if len(b) >= MaxBytes {
			t.Errorf("worst case %s: %d bytes; want fewer than %d", format, len(b), MaxBytes)
		}
		if want := map[string]string{"png": "png", "jpeg": "jpg"}[format]; Ext(b) != want {
			t.Errorf("worst case %s: Ext = %q; want %q", format, Ext(b), want)
		}
	}
}

// TestEncodeFallback feeds the encoder what no card contains, a whole
// picture of noise, to check the JPEG fallback keeps the promise.
func TestEncodeFallback(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	b, err := encode(img, "png")
	if err != nil {
		t.Fatal(err)
	}
	if len(b) >= MaxBytes || Ext(b) != "jpg" {
		t.Errorf("encode(noise, png) = %d bytes of %s; want a JPEG under %d", len(b), Ext(b), MaxBytes)
	}
	if _, err := jpeg.Decode(bytes.NewReader(b)); err != nil {
		t.Errorf("fallback is not a valid JPEG: %v", err)
	}
}

func TestDrawErrors(t *testing.T) {
	var gifLogo bytes.Buffer
	gif.Encode(&gifLogo, image.NewPaletted(image.Rect(0, 0, 8, 8), color.Palette{color.Black}), nil)
	tests := []struct {
		name string
		spec Spec
		want string
	}{
		{"short colour", Spec{Background: "#12"}, `background "#12": want "#RRGGBB"`},
		{"named colour", Spec{Foreground: "red"}, `foreground "red": want "#RRGGBB"`},
		{"not hex", Spec{Accent: "#GG0000"}, `accent "#GG0000": want "#RRGGBB" with hexadecimal digits`},
		{"format", Spec{Format: "webp"}, `format "webp": want "png" or "jpeg"`},
		{"format spelling", Spec{Format: "jpg"}, `format "jpg": want "png" or "jpeg"`},
		{"logo not an image", Spec{Logo: []byte("<svg></svg>")}, "logo: not a PNG or JPEG image (convert an SVG or WebP logo to PNG)"},
		{"logo GIF", Spec{Logo: gifLogo.Bytes()}, "logo: gif image: want PNG or JPEG"},
		{"logo bomb", Spec{Logo: pngHeader(100_000, 100_000)}, "logo: 100000×100000 pixels: want at most 50 megapixels"},
		{"logo truncated", Spec{Logo: testLogo(t, 32, 32, true)[:200]}, "logo: png: *"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.Title = "Titre"
			b, err := Draw(tt.spec)
			// A trailing * matches any end: the decoder's own words.
			prefix, loose := strings.CutSuffix(tt.want, "*")
			if err == nil || (!loose && err.Error() != tt.want) || (loose && !strings.HasPrefix(err.Error(), prefix)) {
				t.Errorf("Draw(%s) error = %v; want %q", tt.name, err, tt.want)
			}
			if b != nil {
				t.Errorf("Draw(%s) returned %d bytes with an error", tt.name, len(b))
			}
		})
	}
}

// pngHeader is the start of a PNG that claims w×h pixels.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0)
	chunk := append([]byte("IHDR"), ihdr...)
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)))
	b = append(b, chunk...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(chunk))
}

func TestLogoSize(t *testing.T) {
	tests := []struct{ w, h, wantW, wantH int }{
		{480, 144, 240, 72}, // a wordmark, halved
		{1000, 1000, 72, 72},
		{2000, 100, 240, 12},
		{32, 32, 64, 64}, // a favicon, enlarged at most twice
		{1, 1, 2, 2},
	}
	for _, tt := range tests {
		if w, h := logoSize(tt.w, tt.h); w != tt.wantW || h != tt.wantH {
			t.Errorf("logoSize(%d, %d) = %d, %d; want %d, %d", tt.w, tt.h, w, h, tt.wantW, tt.wantH)
		}
	}
}

func TestExt(t *testing.T) {
	for in, want := range map[string]string{"\xff\xd8\xff\xe0": "jpg", "\x89PNG\r\n": "png", "": "png"} {
		if got := Ext([]byte(in)); got != want {
			t.Errorf("Ext(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	base := Spec{
		Title: "Titre", Site: "Site", Date: "1 mai 2026", Kicker: "Tag", Logo: []byte{1, 2, 3},
		Background: "#000000", Foreground: "#FFFFFF", Accent: "#FF0000", Format: "png",
	}
	k := Key(base)
	if len(k) != 64 || strings.Trim(k, "0123456789abcdef") != "" {
		t.Fatalf("Key = %q; want 64 hex digits", k)
	}
	same := base
	same.Logo = slices.Clone(base.Logo)
	if got := Key(same); got != k {
		t.Errorf("Key(equal spec) = %s; want %s", got, k)
	}
	// Every field counts, including any added later: reflection walks them.
	seen := map[string]string{k: "base"}
	v := reflect.ValueOf(base)
	for i := range v.NumField() {
		s := base
		f := reflect.ValueOf(&s).Elem().Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(f.String() + "x")
		case reflect.Slice:
			f.SetBytes(append(slices.Clone(f.Bytes()), 4))
		default:
			t.Fatalf("field %s: kind %v not covered by this test", v.Type().Field(i).Name, f.Kind())
		}
		got := Key(s)
		if prev, dup := seen[got]; dup {
			t.Errorf("changing %s gives the key of %s", v.Type().Field(i).Name, prev)
		}
		seen[got] = v.Type().Field(i).Name
	}
	// Text moved from one field to the next is a different card.
	if Key(Spec{Title: "ab"}) == Key(Spec{Title: "a", Site: "b"}) {
		t.Error("Key(Title ab) = Key(Title a, Site b)")
	}
	if Key(Spec{Logo: []byte{}}) != Key(Spec{}) {
		t.Error("Key(empty logo) != Key(no logo), though both draw no logo")
	}
}

func BenchmarkDraw(b *testing.B) {
	for _, g := range goldenCards(b) {
		b.Run(g.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				out, err := Draw(g.spec)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "bytes/card")
		})
	}
}

func BenchmarkLayout(b *testing.B) {
	s := goldenCards(b)[0].spec
	pal, _ := newPalette(s)
	for b.Loop() {
		makePlan(s, pal, nil)
	}
}

func BenchmarkRender(b *testing.B) {
	s := goldenCards(b)[0].spec
	pal, _ := newPalette(s)
	p := makePlan(s, pal, nil)
	for b.Loop() {
		p.render()
	}
}

func BenchmarkEncodePNG(b *testing.B) {
	s := goldenCards(b)[0].spec
	pal, _ := newPalette(s)
	img := makePlan(s, pal, nil).render()
	for b.Loop() {
		encode(img, "png")
	}
}
