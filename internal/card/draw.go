package card

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// palette is the card's colours. Immutable table.
var palette = struct {
	background, text, muted, accent, rule  color.RGBA
	delText, delGround, insText, insGround color.RGBA
}{
	background: color.RGBA{0xff, 0xff, 0xff, 0xff},
	text:       color.RGBA{0x1c, 0x1c, 0x1e, 0xff},
	muted:      color.RGBA{0x5f, 0x63, 0x68, 0xff},
	accent:     color.RGBA{0x0b, 0x57, 0xa8, 0xff},
	rule:       color.RGBA{0xd7, 0xd9, 0xdc, 0xff},
	delText:    color.RGBA{0x9b, 0x11, 0x1e, 0xff},
	delGround:  color.RGBA{0xfd, 0xe0, 0xe0, 0xff},
	insText:    color.RGBA{0x0a, 0x5c, 0x24, 0xff},
	insGround:  color.RGBA{0xd3, 0xf2, 0xd9, 0xff},
}

func (s style) ink() color.RGBA {
	switch s {
	case muted:
		return palette.muted
	case accent:
		return palette.accent
	case deleted:
		return palette.delText
	case inserted:
		return palette.insText
	}
	return palette.text
}

// ground is the colour behind a style's text; ok is false for none.
func (s style) ground() (c color.RGBA, ok bool) {
	switch s {
	case deleted:
		return palette.delGround, true
	case inserted:
		return palette.insGround, true
	}
	return color.RGBA{}, false
}

const (
	// lineSpacing is a line's height in ems. It is fixed rather than taken
	// from the fonts so lines mixing scripts (whose fonts disagree on
	// ascent) stay evenly spaced.
	lineSpacing = 1.32
	// ascentEms places the baseline within a line, from its top.
	ascentEms = 1.0
	// strikeEms is the strike-through's height above the baseline.
	strikeEms = 0.3
	// strikeThicknessEms is the strike-through's thickness.
	strikeThicknessEms = 0.07
	// emboldenEms is how far a glyph is drawn a second time, to the right,
	// to make bold text in a font without a bold face.
	emboldenEms = 0.035
)

// lineHeight is the height in pixels of a line of text of size px.
func lineHeight(size float32) int { return int(math.Ceil(float64(size * lineSpacing))) }

// painter draws lines of text; it reuses one rasterizer.
type painter struct {
	img *image.RGBA
	ras vector.Rasterizer
}

// left is where l starts in the box [x0, x0+width): at x0, or flush right
// when it reads right to left.
func (l line) left(x0, width int) float32 {
	if l.rtl {
		return float32(x0+width) - l.width
	}
	return float32(x0)
}

// drawLine draws l with its top at y inside the box [x0, x0+width), left
// aligned, or right aligned when it reads right to left.
func (p *painter) drawLine(l line, x0, width, y int) {
	x := l.left(x0, width)
	for _, r := range l.runs {
		p.drawRun(r, x, y)
		x += r.advance
	}
}

func (p *painter) drawRun(r run, x float32, top int) {
	h := lineHeight(r.size)
	left, right := int(math.Floor(float64(x))), int(math.Ceil(float64(x+r.advance)))
	if c, ok := r.st.ground(); ok {
		fill(p.img, image.Rect(left, top, right, top+h), c)
	}
	baseline := float32(top) + r.size*ascentEms
	p.drawGlyphs(r, x, baseline, image.Rect(left-h, top, right+h, top+h))
	if r.st == deleted {
		thick := max(1, int(math.Round(float64(r.size*strikeThicknessEms))))
		sy := int(baseline - r.size*strikeEms)
		fill(p.img, image.Rect(left, sy-thick/2, right, sy-thick/2+thick), r.st.ink())
	}
}

// drawGlyphs rasterises a run's outlines within box (the line's height,
// widened for glyphs that overhang their advance) in the run's ink.
func (p *painter) drawGlyphs(r run, x, baseline float32, box image.Rectangle) {
	box = box.Intersect(p.img.Bounds())
	if box.Empty() {
		return
	}
	p.ras.Reset(box.Dx(), box.Dy())
	scale := r.size / float32(r.face.Upem())
	ox, oy := x-float32(box.Min.X), baseline-float32(box.Min.Y)
	for _, g := range r.glyphs {
		gx := ox + float32(g.XOffset)/64
		gy := oy - float32(g.YOffset)/64
		if o, ok := r.face.GlyphData(g.GlyphID).(font.GlyphOutline); ok {
			p.outline(o, gx, gy, scale)
			if r.embolden {
				p.outline(o, gx+max(1, r.size*emboldenEms), gy, scale)
			}
		}
		ox += float32(g.Advance) / 64
	}
	p.ras.Draw(p.img, box, image.NewUniform(r.st.ink()), image.Point{})
}

// outline adds one glyph's contours; font units have y going up.
func (p *painter) outline(o font.GlyphOutline, x, y, scale float32) {
	pt := func(a opentype.SegmentPoint) (float32, float32) { return x + a.X*scale, y - a.Y*scale }
	open := false
	for _, s := range o.Segments {
		switch s.Op {
		case opentype.SegmentOpMoveTo:
			if open {
				p.ras.ClosePath()
			}
			p.ras.MoveTo(pt(s.Args[0]))
			open = true
		case opentype.SegmentOpLineTo:
			p.ras.LineTo(pt(s.Args[0]))
		case opentype.SegmentOpQuadTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			p.ras.QuadTo(bx, by, cx, cy)
		case opentype.SegmentOpCubeTo:
			bx, by := pt(s.Args[0])
			cx, cy := pt(s.Args[1])
			dx, dy := pt(s.Args[2])
			p.ras.CubeTo(bx, by, cx, cy, dx, dy)
		}
	}
	if open {
		p.ras.ClosePath()
	}
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}
