package card

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/errata/errata/internal/diff"
	"github.com/go-text/typesetting/shaping"
)

func TestCard_PNGHasTheSizesDimensions(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		size          Size
		width, height int
	}{
		{Wide, 1200, 630},
		{Phone, 1080, 1350},
	} {
		b, err := r.PNG(examples["latin"], tc.size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%v: %v", tc.size, err)
		}
		if got := img.Bounds().Size(); got != image.Pt(tc.width, tc.height) {
			t.Errorf("%v card is %v, want %dx%d", tc.size, got, tc.width, tc.height)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		name string
		want Size
		ok   bool
	}{
		{"", Wide, true}, {"wide", Wide, true}, {"phone", Phone, true},
		{"PHONE", 0, false}, {"huge", 0, false}, {"1", 0, false},
	} {
		got, err := ParseSize(tc.name)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("ParseSize(%q) = %v, %v", tc.name, got, err)
		}
	}
}

// testTypesetter is a typesetter with the embedded fonts.
func testTypesetter(t testing.TB) *typesetter {
	t.Helper()
	ts, err := newTestRenderer(t).typesetter()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// Every script the embedded fonts cover shapes without a missing glyph
// (glyph id 0, drawn as a box).
func TestLayout_CoveredScriptsHaveNoMissingGlyphs(t *testing.T) {
	ts := testTypesetter(t)
	for name, text := range map[string]string{
		"latin":      "Café déjà vu: naïve façade, Œuvre — “quoted” ½ € £ ±",
		"greek":      "Ο υπουργός παραιτήθηκε μετά τη διαμάχη",
		"cyrillic":   "Министр подал в отставку после спора о бюджете",
		"arabic":     "استقال الوزير مساء الثلاثاء بعد أسبوع من الخلاف",
		"hebrew":     "השר התפטר ביום שלישי בערב לאחר שבוע של מחלוקת",
		"chinese":    "部长在星期二晚上辞职，此前围绕预算的分歧持续了一周。",
		"japanese":   "大臣は火曜日の夜、予算をめぐる一週間の対立の末に辞任した。",
		"mixed":      "The minister (الوزير) said 部长 «no» — השר",
		"bidi marks": "abc\u200fdef\u200eghi",
	} {
		for _, bold := range []bool{false, true} {
			lines, _ := ts.layout(paragraph{spans: []span{{text, plain}}, size: 30, bold: bold, maxLines: 10, maxRunes: 1000}, 1000)
			if len(lines) == 0 {
				t.Fatalf("%s: no lines", name)
			}
			for _, l := range lines {
				for _, r := range l.runs {
					for _, g := range r.glyphs {
						if g.GlyphID == 0 {
							t.Errorf("%s (bold %v): missing glyph at rune %d", name, bold, g.ClusterIndex)
						}
					}
				}
			}
		}
	}
}

// In a right-to-left paragraph the first character read is drawn to the
// right of the last, and the line is flush with the right margin.
func TestLayout_RightToLeftIsDrawnRightToLeft(t *testing.T) {
	ts := testTypesetter(t)
	for name, text := range map[string]string{
		"arabic": "استقال الوزير",
		"hebrew": "השר התפטר",
	} {
		lines, _ := ts.layout(paragraph{spans: []span{{text, plain}}, size: 30, maxLines: 1, maxRunes: 100}, 1000)
		if len(lines) != 1 || !lines[0].rtl {
			t.Fatalf("%s: %d lines, want one right-to-left line", name, len(lines))
		}
		last := utf8.RuneCountInString(text) - 1
		xs := map[int]float32{}
		glyphsEach(lines[0], 0, 1000, func(_ run, g shaping.Glyph, x float32) { xs[g.ClusterIndex] = x })
		first, lastX := xs[0], xs[last]
		if _, ok := xs[last]; !ok {
			t.Fatalf("%s: no glyph for the last rune %d: %v", name, last, xs)
		}
		if first <= lastX {
			t.Errorf("%s: first rune at x=%v, last at x=%v: want the first to the right", name, first, lastX)
		}
		if end := lines[0].left(0, 1000) + lines[0].width; end < 999 || end > 1001 {
			t.Errorf("%s: line ends at x=%v, want flush right at 1000", name, end)
		}
	}
}

// Arabic letters take their joined forms: a beh between two others is
// not drawn with the isolated beh's glyph.
func TestLayout_ArabicLettersJoin(t *testing.T) {
	ts := testTypesetter(t)
	glyphs := func(text string) []uint32 {
		lines, _ := ts.layout(paragraph{spans: []span{{text, plain}}, size: 30, maxLines: 1, maxRunes: 100}, 1000)
		var ids []uint32
		for _, r := range lines[0].runs {
			for _, g := range r.glyphs {
				ids = append(ids, uint32(g.GlyphID))
			}
		}
		return ids
	}
	isolated := glyphs("ب")
	joined := glyphs("ببب")
	if len(isolated) != 1 || len(joined) != 3 {
		t.Fatalf("glyphs: isolated %v, joined %v", isolated, joined)
	}
	for i, id := range joined {
		if id == isolated[0] {
			t.Errorf("beh %d of ببب uses the isolated form (glyph %d)", i, id)
		}
	}
	// A style change inside a word keeps the letters joined.
	lines, _ := ts.layout(paragraph{spans: []span{{"ب", plain}, {"ب", inserted}, {"ب", plain}}, size: 30, maxLines: 1, maxRunes: 100}, 1000)
	var styled []uint32
	for _, r := range lines[0].runs {
		for _, g := range r.glyphs {
			styled = append(styled, uint32(g.GlyphID))
		}
	}
	if len(styled) != 3 || styled[1] == isolated[0] {
		t.Errorf("beh styled apart: glyphs %v, isolated %v", styled, isolated)
	}
}

// Chinese and Japanese have no spaces: lines break between characters,
// each line within the width, and no text is lost.
func TestLayout_CJKWrapsBetweenCharacters(t *testing.T) {
	ts := testTypesetter(t)
	text := strings.Repeat("部长在星期二晚上辞职此前围绕预算的分歧持续了一周", 4)
	const width = 400
	lines, cut := ts.layout(paragraph{spans: []span{{text, plain}}, size: 30, maxLines: 100, maxRunes: 1000}, width)
	if cut {
		t.Fatal("text was cut")
	}
	if len(lines) < 5 {
		t.Fatalf("%d lines, want the text wrapped over several", len(lines))
	}
	runes := 0
	for i, l := range lines {
		if l.width > width+1 {
			t.Errorf("line %d is %v wide, more than %d", i, l.width, width)
		}
		for _, r := range l.runs {
			runes += r.runes.Count
		}
	}
	if want := utf8.RuneCountInString(text); runes != want {
		t.Errorf("lines hold %d runes, want %d", runes, want)
	}
}

// inkIn counts the pixels in rect that are not the background.
func inkIn(img *image.RGBA, rect image.Rectangle) int {
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if img.RGBAAt(x, y) != palette.background {
				n++
			}
		}
	}
	return n
}

// Text is drawn where the layout puts it: a short left-to-right headline
// near the left margin only, a right-to-left one near the right margin
// only, and the footer's mark in the bottom right corner.
func TestCard_InkWhereTheTextIs(t *testing.T) {
	r := newTestRenderer(t)
	for _, tc := range []struct {
		title       string
		inkOnRight  bool
		description string
	}{
		{"Short", false, "latin"},
		{"قصير", true, "arabic"},
		{"קצר", true, "hebrew"},
		{"短い", false, "japanese"},
	} {
		for _, size := range []Size{Wide, Phone} {
			g := geometries[size]
			img, err := r.Image(Change{NewTitle: tc.title, OldTitle: tc.title}, size)
			if err != nil {
				t.Fatal(err)
			}
			// The headline's line: below the header line, one title line high.
			top := g.margin + lineHeight(g.outlet) + int(g.outlet*0.6)
			band := image.Rect(0, top, g.width, top+lineHeight(g.title))
			left := inkIn(img, image.Rect(0, band.Min.Y, g.width/2, band.Max.Y))
			right := inkIn(img, image.Rect(g.width/2, band.Min.Y, g.width, band.Max.Y))
			if tc.inkOnRight && (right == 0 || left != 0) || !tc.inkOnRight && (left == 0 || right != 0) {
				t.Errorf("%s %v: headline ink left %d, right %d", tc.description, size, left, right)
			}
			mark := image.Rect(g.width-g.margin-int(g.footer*4), g.height-g.margin-lineHeight(g.footer), g.width-g.margin, g.height-g.margin)
			if inkIn(img, mark) == 0 {
				t.Errorf("%s %v: no footer mark in %v", tc.description, size, mark)
			}
			if n := inkIn(img, image.Rect(0, 0, g.width, g.margin/2)); n != 0 {
				t.Errorf("%s %v: %d pixels of ink in the top margin", tc.description, size, n)
			}
		}
	}
}

// Long changes are cut to what fits, with the rest counted; nothing is
// drawn over the footer.
func TestCard_LongChangeIsCutAboveTheFooter(t *testing.T) {
	r := newTestRenderer(t)
	var pieces []Piece
	for range 30 {
		pieces = append(pieces, Piece{Segments: []diff.Segment{
			{Op: diff.Equal, Text: "The minister said "},
			{Op: diff.Insert, Text: strings.Repeat("a good deal more than before ", 10)},
		}})
	}
	c := Change{Outlet: "Example", NewTitle: "Title", OldTitle: "Title", Pieces: pieces}
	for _, size := range []Size{Wide, Phone} {
		ts, err := r.typesetter()
		if err != nil {
			t.Fatal(err)
		}
		g := geometries[size]
		img := image.NewRGBA(image.Rect(0, 0, g.width, g.height))
		k := composer{t: ts, p: &painter{img: img}, g: g, y: g.margin}
		k.bottom = k.footer(c)
		k.header(c)
		k.headline(c)
		shown := k.pieces(c.Pieces)
		if shown == 0 || shown == len(pieces) {
			t.Errorf("%v: %d of %d pieces shown, want some but not all", size, shown, len(pieces))
		}
		if k.y > k.bottom {
			t.Errorf("%v: body ends at y=%d, below its bottom %d", size, k.y, k.bottom)
		}
	}
}

func TestPieces_OnePerSentenceEdit(t *testing.T) {
	r := diff.Compare(
		diff.Doc{Byline: "By A", Text: "One fine day. Two birds sang. Three cats slept. Gone soon."},
		diff.Doc{Byline: "By B", Text: "Three cats slept. One fine morning. Two birds sang. New sentence here."},
	)
	ps := Pieces(r)
	if len(ps) != len(r.Edits)+1 {
		t.Fatalf("%d pieces for %d edits and a byline", len(ps), len(r.Edits))
	}
	if ps[0].Label != labelByline {
		t.Errorf("first piece label %q, want the byline", ps[0].Label)
	}
	for i, e := range r.Edits {
		p := ps[i+1]
		if got := diff.Side(p.Segments, diff.Delete); e.Action != diff.Added && got != e.OldText {
			t.Errorf("edit %d (%s): old side %q, want %q", i, e.Action, got, e.OldText)
		}
		if got := diff.Side(p.Segments, diff.Insert); e.Action != diff.Deleted && got != e.NewText {
			t.Errorf("edit %d (%s): new side %q, want %q", i, e.Action, got, e.NewText)
		}
		if (e.Action == diff.Moved) != (p.Label == labelMoved) {
			t.Errorf("edit %d (%s): label %q", i, e.Action, p.Label)
		}
	}
}

func TestElideContext_KeepsTheChangeAndItsNeighbours(t *testing.T) {
	long := strings.Repeat("word ", 40) // 200 runes
	for _, tc := range []struct {
		name string
		segs []diff.Segment
		want []string
	}{
		{"short stays whole",
			[]diff.Segment{{Op: diff.Equal, Text: "The mayor "}, {Op: diff.Delete, Text: "resigned"}, {Op: diff.Insert, Text: "quit"}, {Op: diff.Equal, Text: " today."}},
			[]string{"The mayor ", "resigned", "quit", " today."}},
		{"long lead keeps its end",
			[]diff.Segment{{Op: diff.Equal, Text: "Start " + long}, {Op: diff.Insert, Text: "new"}},
			[]string{"…" + strings.Repeat("word ", 12), "new"}},
		{"long tail keeps its start",
			[]diff.Segment{{Op: diff.Insert, Text: "new"}, {Op: diff.Equal, Text: long + "end"}},
			[]string{"new", strings.TrimSpace(strings.Repeat("word ", 12)) + "…"}},
		{"long middle keeps both ends",
			[]diff.Segment{{Op: diff.Insert, Text: "a"}, {Op: diff.Equal, Text: " " + long}, {Op: diff.Delete, Text: "b"}},
			[]string{"a", " " + strings.TrimSpace(strings.Repeat("word ", 12)) + "… " + strings.Repeat("word ", 12), "b"}},
		{"unchanged piece stays whole",
			[]diff.Segment{{Op: diff.Equal, Text: long}},
			[]string{long}},
		{"no spaces: cut by runes",
			[]diff.Segment{{Op: diff.Equal, Text: strings.Repeat("部", 100)}, {Op: diff.Insert, Text: "长"}},
			[]string{"…" + strings.Repeat("部", 60), "长"}},
	} {
		got := elideContext(tc.segs, 60)
		var texts []string
		for i, s := range got {
			texts = append(texts, s.Text)
			if s.Op != tc.segs[i].Op {
				t.Errorf("%s: segment %d op changed", tc.name, i)
			}
		}
		if strings.Join(texts, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, texts, tc.want)
		}
	}
}

// A changed headline too long for its lines at full size is drawn
// smaller rather than cut, so its new words show.
func TestCard_LongChangedHeadlineShrinksRatherThanCut(t *testing.T) {
	ts := testTypesetter(t)
	old := "Minister resigns after a long and bitter row over the budget and the cuts to schools"
	nv := "Minister quits after a long and bitter row over cuts to schools and hospitals, aides say"
	g := geometries[Wide]
	img := image.NewRGBA(image.Rect(0, 0, g.width, g.height))
	k := composer{t: ts, p: &painter{img: img}, g: g, y: g.margin}
	spans := segmentSpans(diff.Words(old, nv))
	full, cut := ts.layout(paragraph{spans: spans, size: g.title, bold: true, maxLines: g.titleLines, maxRunes: maxTitleRunes}, k.contentWidth())
	if !cut {
		t.Fatalf("the test headline fits at full size in %d lines; make it longer", len(full))
	}
	before := k.y
	k.headline(Change{OldTitle: old, NewTitle: nv})
	if k.y-before > g.titleLines*lineHeight(g.title)+int(g.title*0.5)+int(g.body*0.7)+2 {
		t.Errorf("headline took %d pixels, more than its lines", k.y-before)
	}
	for _, scale := range titleScales {
		if _, cut := ts.layout(paragraph{spans: spans, size: g.title * scale, bold: true, maxLines: g.titleLines * lineHeight(g.title) / lineHeight(g.title*scale), maxRunes: maxTitleRunes}, k.contentWidth()); !cut {
			return
		}
	}
	t.Error("no headline size fits the whole diff")
}

// One renderer draws cards for many requests at once, each the same as
// when drawn alone.
func TestRenderer_ConcurrentCardsAreIdentical(t *testing.T) {
	r := newTestRenderer(t)
	want, err := r.PNG(examples["arabic"], Wide)
	if err != nil {
		t.Fatal(err)
	}
	const workers = 4
	errs := make(chan error, workers)
	for range workers {
		go func() {
			for _, name := range []string{"latin", "arabic", "japanese"} {
				got, err := r.PNG(examples[name], Wide)
				if err == nil && name == "arabic" && !bytes.Equal(got, want) {
					err = fmt.Errorf("arabic card differs when drawn concurrently")
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// Bold text in a font without a bold face (the CJK fallback) is
// emboldened when drawn; text in the bold face is not.
func TestLayout_BoldWithoutABoldFaceIsEmboldened(t *testing.T) {
	ts := testTypesetter(t)
	for _, bold := range []bool{false, true} {
		lines, _ := ts.layout(paragraph{spans: []span{{"Minister 部长", plain}}, size: 30, bold: bold, maxLines: 1, maxRunes: 100}, 1000)
		sawCJK := false
		for _, r := range lines[0].runs {
			cjk := r.face == ts.faces.regular[1]
			sawCJK = sawCJK || cjk
			if want := bold && cjk; r.embolden != want {
				t.Errorf("bold %v, CJK run %v: embolden %v", bold, cjk, r.embolden)
			}
		}
		if !sawCJK {
			t.Errorf("bold %v: no run in the CJK font", bold)
		}
	}
}

// glyphsEach calls fn with the left x of each glyph of l as drawn in the
// box [x0, x0+width); tests use it to check positions.
func glyphsEach(l line, x0, width int, fn func(r run, g shaping.Glyph, x float32)) {
	x := l.left(x0, width)
	for _, r := range l.runs {
		gx := x
		for _, g := range r.glyphs {
			fn(r, g, gx)
			gx += float32(g.Advance) / 64
		}
		x += r.advance
	}
}
