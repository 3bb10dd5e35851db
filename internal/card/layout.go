package card

import (
	"sort"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// style is how a stretch of text is drawn.
type style uint8

const (
	plain    style = iota
	muted          // secondary text: times, labels, counts
	accent         // the outlet's name and the footer's mark
	deleted        // struck through on a red-ish ground
	inserted       // on a green-ish ground
)

// span is a stretch of text in one style.
type span struct {
	text string
	st   style
}

// paragraph is text laid out as one block: all its spans share a size and
// weight, and it takes at most maxLines lines (the last one ends in "…"
// when the text is longer).
type paragraph struct {
	spans    []span
	size     float32 // pixels per em
	bold     bool
	maxLines int
	maxRunes int // untrusted text beyond this many runes is never shaped
}

// line is one wrapped line, ready to draw: its runs in visual order, left
// to right.
type line struct {
	runs  []run
	width float32 // pixels
	rtl   bool    // the paragraph reads right to left: align right
}

// run is a shaped stretch of one line in one face and style.
type run struct {
	glyphs   []shaping.Glyph
	face     *font.Face
	size     float32
	advance  float32
	st       style
	runes    shaping.Range // in the paragraph's text
	embolden bool          // bold asked for, in a face that has none
}

// typesetter holds the shaping state of one renderer; it is not safe for
// concurrent use.
type typesetter struct {
	faces   faces
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
}

// ellipsis ends a paragraph cut to its line limit.
const ellipsis = "…"

// layout shapes p and wraps it to width pixels. The second result says
// whether text was left out (cut to maxLines or maxRunes).
func (t *typesetter) layout(p paragraph, width int) ([]line, bool) {
	text, styles, cut := p.runes()
	if len(text) == 0 {
		return nil, cut
	}
	fm := t.faces.regular
	if p.bold {
		fm = t.faces.bold
	}
	dir := di.DirectionLTR
	if rightToLeft(text) {
		dir = di.DirectionRTL
	}
	in := shaping.Input{
		Text: text, RunEnd: len(text), Direction: dir, Face: fm[0],
		Size: fixed.Int26_6(p.size * 64),
	}
	var outs []shaping.Output
	for _, r := range t.seg.Split(in, fm) {
		for _, part := range splitStyles(r, styles) {
			outs = append(outs, t.shaper.Shape(part))
		}
	}
	cfg := shaping.WrapConfig{Direction: dir, TruncateAfterLines: p.maxLines}
	trunc := in
	trunc.Text = []rune(ellipsis)
	trunc.RunEnd = len(trunc.Text)
	cfg = cfg.WithTruncator(&t.shaper, trunc)
	wrapped, truncated := t.wrapper.WrapParagraph(cfg, width, text, shaping.NewSliceIterator(outs))
	lines := make([]line, 0, len(wrapped))
	for i, l := range wrapped {
		last := i == len(wrapped)-1 && truncated > 0
		ln := toLine(l, styles, p.size, dir == di.DirectionRTL, last)
		for j := range ln.runs {
			// Fallback fonts have no bold: such runs are emboldened when drawn.
			ln.runs[j].embolden = p.bold && ln.runs[j].face != fm[0]
		}
		lines = append(lines, ln)
	}
	return lines, cut || truncated > 0
}

// runes flattens the spans into cleaned text and the style of each rune.
func (p paragraph) runes() (text []rune, styles []style, cut bool) {
	for _, s := range p.spans {
		rs, c := clean(s.text, p.maxRunes-len(text))
		text = append(text, rs...)
		for range rs {
			styles = append(styles, s.st)
		}
		if c {
			return text, styles, true
		}
	}
	return text, styles, false
}

// splitStyles cuts a segmented run where the style changes, so each shaped
// run has one style. The parts keep the whole text as context, so Arabic
// letters still join across a style change.
func splitStyles(in shaping.Input, styles []style) []shaping.Input {
	var parts []shaping.Input
	start := in.RunStart
	for i := in.RunStart + 1; i <= in.RunEnd; i++ {
		if i == in.RunEnd || styles[i] != styles[start] {
			part := in
			part.RunStart, part.RunEnd = start, i
			parts = append(parts, part)
			start = i
		}
	}
	return parts
}

// toLine copies a wrapped line (the wrapper reuses its buffers) into runs
// sorted left to right. On a cut last line the truncator, which the
// wrapper appends as the last logical run, is drawn plain.
func toLine(l shaping.Line, styles []style, size float32, rtl, cutLast bool) line {
	out := line{runs: make([]run, 0, len(l)), rtl: rtl}
	order := make([]int32, 0, len(l))
	for i, o := range l {
		st := plain
		if off := o.Runes.Offset; off >= 0 && off < len(styles) {
			st = styles[off]
		}
		if cutLast && i == len(l)-1 {
			st = plain
		}
		out.runs = append(out.runs, run{
			glyphs: append([]shaping.Glyph(nil), o.Glyphs...), face: o.Face, size: size,
			advance: float32(o.Advance) / 64, st: st, runes: o.Runes,
		})
		order = append(order, o.VisualIndex)
		out.width += float32(o.Advance) / 64
	}
	sort.Stable(byVisual{out.runs, order})
	return out
}

// byVisual sorts a line's runs by their visual index.
type byVisual struct {
	runs  []run
	order []int32
}

func (b byVisual) Len() int           { return len(b.runs) }
func (b byVisual) Less(i, j int) bool { return b.order[i] < b.order[j] }
func (b byVisual) Swap(i, j int) {
	b.runs[i], b.runs[j] = b.runs[j], b.runs[i]
	b.order[i], b.order[j] = b.order[j], b.order[i]
}

// rightToLeft applies the Unicode bidi rule for a paragraph's direction:
// the first strong character decides (P2, P3).
func rightToLeft(text []rune) bool {
	for _, r := range text {
		p, _ := bidi.LookupRune(r)
		switch p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}
