package card

import (
	"image"
	"image/draw"
	"math"

	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Geometry, in pixels of the 1200×630 card. A card is mostly seen about
// 500 px wide, so every size here is read at 0.42×: the 32 px footer shows
// at 13 px, the smallest title at 22 px.
const (
	band       = 20          // the accent band along the left edge
	left       = band + 76   // where text starts
	right      = Width - 80  // where text ends
	top        = 72          // top margin
	bottom     = Height - 64 // the lowest ink: the logo's bottom edge
	footerMid  = bottom - logoH/2
	textWidth  = right - left // 1024
	kickerSize = 30
	footerSize = 32
	leading    = 1.16 // title line height, in ems: tight, as display type wants
	maxLines   = 4
	gapFooter  = 48 // least space between the title block and the footer or logo
	gapLogo    = 48 // between the footer text and the logo
)

// titleSizes are tried in order: the first size where the title fits
// without cutting a word wins. 96 px holds about 20 characters a line and
// three lines, 52 px about 38 characters and four lines (some 140 in all);
// longer titles are ellipsized.
var titleSizes = []float64{96, 88, 80, 72, 64, 58, 52}

// titleBlock is a laid-out title.
type titleBlock struct {
	fc    *face
	lines []line
	lead  fixed.Int26_6 // baseline to baseline
	cut   bool          // ellipsized
}

// height runs from the top of an accented capital on the first line to
// the descenders of the last.
func (b titleBlock) height() fixed.Int26_6 {
	if len(b.lines) == 0 {
		return 0
	}
	return b.fc.accent + fixed.Int26_6(len(b.lines)-1)*b.lead + b.fc.m.Descent
}

func px(f float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(f * 64)) }

// layoutTitle sets text (cleaned for the bold font) in a box width wide and
// height high: the largest size whose lines fit with no word cut, balanced;
// else the smallest size, words cut only when wider than a line, and an
// ellipsis after the last line that fits.
func layoutTitle(text string, width, height fixed.Int26_6) titleBlock {
	loadFonts()
	for i, size := range titleSizes {
		fc := newFace(fonts.bold, size)
		b := titleBlock{fc: fc, lead: px(size * leading)}
		n := linesIn(b, height)
		ps := pieces(fc, text)
		ls, over := wrap(fc, ps, width)
		if !over && len(ls) <= n {
			if len(ls) > 1 {
				ls = balance(fc, ps, width, len(ls))
			}
			b.lines = ls
			return b
		}
		if i == len(titleSizes)-1 {
			ls, _ = wrap(fc, split(fc, ps, width), width)
			b.cut = len(ls) > n
			b.lines = ellipsize(fc, ls, n, width)
			return b
		}
	}
	panic("unreachable")
}

// linesIn is how many lines of b fit in height, from 1 to maxLines.
func linesIn(b titleBlock, height fixed.Int26_6) int {
	free := height - b.fc.accent - b.fc.m.Descent
	if free < 0 {
		return 1
	}
	return min(maxLines, 1+int(free/b.lead))
}

// plan is a card laid out, before any pixel: what goes where. Tests read
// it to check the layout without decoding images.
type plan struct {
	pal palette

	logo   *image.RGBA // nil for none
	logoAt image.Point // its top-left corner

	kf         *face
	kicker     line // empty for none
	kickerBase fixed.Int26_6

	title     titleBlock
	titleBase fixed.Int26_6 // baseline of the first line

	sf, df     *face
	site, date line // either may be empty
	footerBase fixed.Int26_6
	regionEnd  fixed.Int26_6 // the title block ends above this line
}

// makePlan lays s out with its resolved colours and scaled logo.
func makePlan(s Spec, pal palette, logo *image.RGBA) *plan {
	loadFonts()
	p := &plan{pal: pal, logo: logo}
	title := clean(fonts.bold, s.Title)
	site := clean(fonts.medium, s.Site)
	date := clean(fonts.regular, s.Date)
	if title == "" {
		// Nothing drawable in the title (Chinese, emoji only): the site
		// name, big, still tells where the link goes.
		title, site = clean(fonts.bold, s.Site), ""
	}
	kicker := clean(fonts.medium, cases.Upper(language.Und).String(s.Kicker))

	// The footer line and the logo share a centre line near the bottom.
	p.regionEnd = fixed.I(bottom)
	footerRoom := fixed.I(textWidth)
	if logo != nil {
		r := logo.Bounds()
		p.logoAt = image.Pt(right-r.Dx(), footerMid-r.Dy()/2)
		footerRoom -= fixed.I(r.Dx() + gapLogo)
		p.regionEnd = fixed.I(p.logoAt.Y - gapFooter)
	}
	p.sf, p.df = newFace(fonts.medium, footerSize), newFace(fonts.regular, footerSize)
	if site != "" || date != "" {
		p.footerBase = fixed.I(footerMid) + p.sf.m.CapHeight/2
		p.site, p.date = footer(p.sf, p.df, site, date, footerRoom)
		p.regionEnd = min(p.regionEnd, p.footerBase-p.sf.m.CapHeight-fixed.I(gapFooter))
	}

	// The kicker and the title form one group, centred in the room left.
	var kickerH fixed.Int26_6
	if kicker != "" {
		p.kf = newFace(fonts.medium, kickerSize)
		p.kf.tracking = px(kickerSize * 0.1) // capitals want letter-spacing
		p.kicker = truncate(p.kf, pieces(p.kf, kicker), fixed.I(textWidth))
		kickerH = p.kf.accent + px(kickerSize*0.8)
	}
	region := p.regionEnd - fixed.I(top)
	p.title = layoutTitle(title, fixed.I(textWidth), region-kickerH)
	y := fixed.I(top) + (region-kickerH-p.title.height())/2
	if p.kf != nil {
		p.kickerBase = y + p.kf.accent
		y += kickerH
	}
	if p.title.fc != nil {
		p.titleBase = y + p.title.fc.accent
	}
	return p
}

// footerSep is the room for the dot between the site name and the date.
const footerSep = footerSize // half on each side

// footer fits "Site • date" in room. The site name is ellipsized first:
// the date is short and says when; a name so long it would leave less
// than a third of the room keeps half, and the date gets the rest.
func footer(sf, df *face, site, date string, room fixed.Int26_6) (line, line) {
	dl := truncate(df, pieces(df, date), room)
	if site == "" {
		return line{}, dl
	}
	if date == "" {
		return truncate(sf, pieces(sf, site), room), line{}
	}
	sep := fixed.I(footerSep)
	avail := room - dl.w - sep
	if avail < room/3 {
		avail = room / 2
		dl = truncate(df, pieces(df, date), room-avail-sep)
	}
	return truncate(sf, pieces(sf, site), avail), dl
}

// render paints the card.
func (p *plan) render() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(p.pal.bg), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, band, Height), image.NewUniform(p.pal.accent), image.Point{}, draw.Src)
	if p.logo != nil {
		draw.Draw(img, p.logo.Bounds().Add(p.logoAt), p.logo, image.Point{}, draw.Over)
	}
	if len(p.kicker.pieces) > 0 {
		drawLine(img, image.NewUniform(p.pal.kicker), p.kf, p.kicker, fixed.Point26_6{X: fixed.I(left), Y: p.kickerBase})
	}
	fg := image.NewUniform(p.pal.fg)
	y := p.titleBase
	for _, l := range p.title.lines {
		drawLine(img, fg, p.title.fc, l, fixed.Point26_6{X: fixed.I(left), Y: y})
		y += p.title.lead
	}
	dot := fixed.Point26_6{X: fixed.I(left), Y: p.footerBase}
	muted := image.NewUniform(p.pal.muted)
	if len(p.site.pieces) > 0 {
		dot.X += drawLine(img, fg, p.sf, p.site, dot)
		if len(p.date.pieces) > 0 {
			// A drawn dot, centred on the lowercase letters: the font's
			// middle dot sits too high and too small at this size.
			cx := dot.X + fixed.I(footerSep)/2
			cy := dot.Y - p.df.m.XHeight/2
			disc(img, muted, float32(cx)/64, float32(cy)/64, footerSize*0.09)
			dot.X += fixed.I(footerSep)
		}
	}
	drawLine(img, muted, p.df, p.date, dot)
	return img
}

// drawLine paints l with its baseline starting at dot and returns its
// width.
func drawLine(img *image.RGBA, src *image.Uniform, fc *face, l line, dot fixed.Point26_6) fixed.Int26_6 {
	x := dot.X
	for i, p := range l.pieces {
		fc.draw(img, src, fixed.Point26_6{X: x, Y: dot.Y}, p.text)
		x += p.w
		if i < len(l.pieces)-1 {
			x += p.sepW
		}
	}
	if l.tail != "" {
		x = fc.draw(img, src, fixed.Point26_6{X: x, Y: dot.Y}, l.tail).X
	}
	return x - dot.X
}

// disc paints an anti-aliased filled circle.
func disc(img *image.RGBA, src image.Image, cx, cy, r float32) {
	x0, y0 := int(cx-r)-1, int(cy-r)-1
	size := int(2*r) + 3
	z := vector.NewRasterizer(size, size)
	ox, oy := cx-float32(x0), cy-float32(y0)
	// Four cubic arcs; k places the control points of a quarter circle.
	const k = 0.5522848
	z.MoveTo(ox+r, oy)
	z.CubeTo(ox+r, oy+k*r, ox+k*r, oy+r, ox, oy+r)
	z.CubeTo(ox-k*r, oy+r, ox-r, oy+k*r, ox-r, oy)
	z.CubeTo(ox-r, oy-k*r, ox-k*r, oy-r, ox, oy-r)
	z.CubeTo(ox+k*r, oy-r, ox+r, oy-k*r, ox+r, oy)
	z.ClosePath()
	z.DrawOp = draw.Over
	z.Draw(img, image.Rect(x0, y0, x0+size, y0+size), src, image.Point{})
}
