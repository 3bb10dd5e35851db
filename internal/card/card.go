package card

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"

	"github.com/errata/errata/internal/diff"
)

// Size is one of the card's two shapes.
type Size int

const (
	// Wide is 1200×630, the usual size of a link preview (og:image).
	Wide Size = iota
	// Phone is 1080×1350, a tall card readable on a phone screen.
	Phone
)

// ParseSize reads a size's name: "" or "wide" for Wide, "phone" for Phone.
func ParseSize(name string) (Size, error) {
	switch name {
	case "", "wide":
		return Wide, nil
	case "phone":
		return Phone, nil
	}
	return 0, fmt.Errorf("card: unknown size %q (want wide or phone)", name)
}

// String is the size's name, as ParseSize reads it.
func (s Size) String() string {
	if s == Phone {
		return "phone"
	}
	return "wide"
}

// geometry is one size's measures in pixels. Text sizes are chosen so a
// card shown at a phone's width stays readable.
type geometry struct {
	width, height, margin       int
	outlet, title, body, footer float32
	titleLines                  int
}

// geometries holds the measures of each Size. Immutable table.
var geometries = map[Size]geometry{
	Wide:  {width: 1200, height: 630, margin: 56, outlet: 26, title: 38, body: 30, footer: 24, titleLines: 2},
	Phone: {width: 1080, height: 1350, margin: 64, outlet: 34, title: 54, body: 42, footer: 32, titleLines: 4},
}

// Dimensions are the size's width and height in pixels.
func (s Size) Dimensions() (width, height int) {
	g := geometries[s]
	return g.width, g.height
}

// Limits on what untrusted text can cost: nothing past these many runes is
// shaped, far more than fits on a card.
const (
	maxTitleRunes = 600
	maxPieceRunes = 2400
	maxLineRunes  = 300
	// maxPieces is how many pieces are laid out at most; the rest are only
	// counted.
	maxPieces = 40
)

// Renderer draws cards. It is safe for concurrent use; the zero value is
// ready. The embedded fonts are parsed on the first card, once per
// process, so a program that never draws one never pays for them.
type Renderer struct {
	pool sync.Pool // of *typesetter
}

func (r *Renderer) typesetter() (*typesetter, error) {
	if t, ok := r.pool.Get().(*typesetter); ok {
		return t, nil
	}
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	return &typesetter{faces: newFaces(fs)}, nil
}

// Image draws the card of c at size s.
func (r *Renderer) Image(c Change, s Size) (*image.RGBA, error) {
	t, err := r.typesetter()
	if err != nil {
		return nil, err
	}
	defer r.pool.Put(t)
	g, ok := geometries[s]
	if !ok {
		g = geometries[Wide]
	}
	img := image.NewRGBA(image.Rect(0, 0, g.width, g.height))
	fill(img, img.Rect, palette.background)
	k := composer{t: t, p: &painter{img: img}, g: g, y: g.margin}
	k.compose(c)
	return img, nil
}

// PNG draws the card of c at size s and encodes it.
func (r *Renderer) PNG(c Change, s Size) ([]byte, error) {
	img, err := r.Image(c, s)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("card: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// composer places the parts of one card from the top down; the footer is
// drawn at the bottom first so the body knows where to stop.
type composer struct {
	t      *typesetter
	p      *painter
	g      geometry
	y      int // top of the next line
	bottom int // the body stops above this
}

func (k *composer) compose(c Change) {
	k.bottom = k.footer(c)
	k.header(c)
	k.headline(c)
	k.pieces(c.Pieces)
}

// contentWidth is the width between the margins.
func (k *composer) contentWidth() int { return k.g.width - 2*k.g.margin }

// put lays out p, draws its lines from k.y down and advances k.y.
func (k *composer) put(p paragraph) {
	lines, _ := k.t.layout(p, k.contentWidth())
	k.draw(lines, p.size)
}

// draw draws lines of text of one size from k.y down and advances k.y.
func (k *composer) draw(lines []line, size float32) {
	for _, l := range lines {
		k.p.drawLine(l, k.g.margin, k.contentWidth(), k.y)
		k.y += lineHeight(size)
	}
}

// header is the outlet's name and the time of the change.
func (k *composer) header(c Change) {
	spans := []span{{c.Outlet, accent}}
	if !c.At.IsZero() {
		if c.Outlet != "" {
			spans = append(spans, span{"  ·  ", muted})
		}
		// The left-to-right mark keeps the date's leading day number with
		// the date when the outlet's name reads right to left.
		spans = append(spans, span{"\u200e" + c.At.UTC().Format("2 Jan 2006, 15:04 UTC"), muted})
	}
	top := k.y
	k.put(paragraph{spans: spans, size: k.g.outlet, bold: true, maxLines: 1, maxRunes: maxLineRunes})
	// The header keeps its line when empty, so headlines sit at one height.
	k.y = top + lineHeight(k.g.outlet) + int(k.g.outlet*0.6)
}

// titleScales are the headline's sizes, as fractions of the geometry's,
// tried in turn until it fits. Immutable table.
var titleScales = []float32{1, 0.85, 0.72}

// headline is the new headline, as a word diff of the old one when it
// changed.
func (k *composer) headline(c Change) {
	var spans []span
	if c.OldTitle != c.NewTitle {
		// Capped first: diffing a page's megabyte "title" would be slow.
		spans = segmentSpans(diff.Words(headOf(c.OldTitle, maxTitleRunes), headOf(c.NewTitle, maxTitleRunes)))
	} else {
		spans = []span{{c.NewTitle, plain}}
	}
	// A changed headline shows both versions: rather than cut it, smaller
	// sizes are tried within the same height.
	height := k.g.titleLines * lineHeight(k.g.title)
	p := paragraph{spans: spans, bold: true, maxRunes: maxTitleRunes}
	var lines []line
	for _, scale := range titleScales {
		p.size = k.g.title * scale
		p.maxLines = height / lineHeight(p.size)
		var cut bool
		if lines, cut = k.t.layout(p, k.contentWidth()); !cut {
			break
		}
	}
	top := k.y
	k.draw(lines, p.size)
	k.y = max(k.y, top+lineHeight(k.g.title)) + int(k.g.title*0.5)
	fill(k.p.img, image.Rect(k.g.margin, k.y, k.g.width-k.g.margin, k.y+2), palette.rule)
	k.y += int(k.g.body * 0.7)
}

// pieces draws as many pieces as fit above the footer, the last one cut
// to the lines left, then says how many more there are. It returns how
// many it drew.
func (k *composer) pieces(ps []Piece) int {
	lh := lineHeight(k.g.body)
	gap := lh / 3
	shown := 0
	for i, pc := range ps {
		if i == maxPieces {
			break
		}
		reserve := 0
		if i < len(ps)-1 {
			reserve = lh // for "… N more changes"
		}
		lines := (k.bottom - reserve - k.y) / lh
		if lines < 1 {
			break
		}
		spans := segmentSpans(elideContext(pc.Segments, contextRunes))
		if pc.Label != "" {
			spans = append([]span{{pc.Label + ": ", muted}}, spans...)
		}
		k.put(paragraph{spans: spans, size: k.g.body, maxLines: lines, maxRunes: maxPieceRunes})
		shown++
		k.y += gap
	}
	if more := len(ps) - shown; more > 0 {
		k.put(paragraph{spans: []span{{"… " + plural(more, "more change"), muted}}, size: k.g.body, maxLines: 1, maxRunes: maxLineRunes})
	}
	if len(ps) == 0 {
		k.put(paragraph{spans: []span{{"No change in the text.", muted}}, size: k.g.body, maxLines: 1, maxRunes: maxLineRunes})
	}
	return shown
}

// footer draws the counts and classes on the left and the errata mark on
// the right, along the bottom; it returns the top of its rule.
func (k *composer) footer(c Change) int {
	lh := lineHeight(k.g.footer)
	top := k.g.height - k.g.margin - lh
	rule := top - int(k.g.footer*0.6)
	fill(k.p.img, image.Rect(k.g.margin, rule, k.g.width-k.g.margin, rule+2), palette.rule)

	mark, _ := k.t.layout(paragraph{spans: []span{{"errata", accent}}, size: k.g.footer, bold: true, maxLines: 1, maxRunes: maxLineRunes}, k.contentWidth())
	markWidth := 0
	for _, l := range mark {
		markWidth = int(l.width) + 1
		k.p.drawLine(l, k.g.width-k.g.margin-markWidth, markWidth, top)
	}
	info := wordCounts(c.Added, c.Removed)
	if len(c.Classes) > 0 {
		info += "  ·  " + strings.Join(c.Classes, ", ")
	}
	width := k.contentWidth() - markWidth - int(k.g.footer)
	lines, _ := k.t.layout(paragraph{spans: []span{{info, muted}}, size: k.g.footer, maxLines: 1, maxRunes: maxLineRunes}, width)
	for _, l := range lines {
		l.rtl = false // the counts stay on the left, whatever the class names' script
		k.p.drawLine(l, k.g.margin, width, top)
	}
	return rule - int(k.g.body*0.4)
}
