package diff

import (
	"slices"
	"strconv"
	"strings"
	"testing"
)

// movedText is five distinct paragraphs; cases move and edit them.
var movedText = []string{
	"The council met on Monday to discuss the harbour budget.",
	"Residents filled the hall and many had to stand outside.",
	"The mayor said the vote would take place next week.",
	"Critics argued that the plan ignores the fishing fleet entirely.",
	"The meeting ended shortly before midnight after a long debate.",
}

func joinParas(ps ...string) string { return strings.Join(ps, "\n\n") }

// moveShape describes a row or paragraph by what it shows.
type moveShape struct {
	old, new string
	move     *Move
}

func rowMoves(rows []Row) []moveShape {
	var out []moveShape
	for _, r := range rows {
		out = append(out, moveShape{Side(r.Left, Delete), Side(r.Right, Insert), r.Move})
	}
	return out
}

func paraMoves(paras []Para) []moveShape {
	var out []moveShape
	for _, p := range paras {
		out = append(out, moveShape{Side(p.Segments, Delete), Side(p.Segments, Insert), p.Move})
	}
	return out
}

func sameShapes(a, b []moveShape) bool {
	return slices.EqualFunc(a, b, func(x, y moveShape) bool {
		if x.old != y.old || x.new != y.new || (x.move == nil) != (y.move == nil) {
			return false
		}
		return x.move == nil || *x.move == *y.move
	})
}

func TestMoves_ParagraphMovedShowsOnceAtItsNewPlace(t *testing.T) {
	p := movedText
	edited := "Critics argued that the plan ignores the local fishing fleet entirely."
	tests := []struct {
		name     string
		old, new string
		want     []moveShape
	}{
		{
			name: "moved_up",
			old:  joinParas(p[0], p[1], p[2], p[3], p[4]),
			new:  joinParas(p[3], p[0], p[1], p[2], p[4]),
			want: []moveShape{{p[3], p[3], &Move{From: 3, To: 0}}, {p[0], p[0], nil}, {p[1], p[1], nil}, {p[2], p[2], nil}, {p[4], p[4], nil}},
		},
		{
			name: "moved_down",
			old:  joinParas(p[0], p[1], p[2], p[3], p[4]),
			new:  joinParas(p[1], p[2], p[3], p[0], p[4]),
			want: []moveShape{{p[1], p[1], nil}, {p[2], p[2], nil}, {p[3], p[3], nil}, {p[0], p[0], &Move{From: 0, To: 3}}, {p[4], p[4], nil}},
		},
		{
			name: "moved_and_edited",
			old:  joinParas(p[0], p[1], p[2], p[3], p[4]),
			new:  joinParas(p[0], edited, p[1], p[2], p[4]),
			want: []moveShape{{p[0], p[0], nil}, {p[3], edited, &Move{From: 3, To: 1}}, {p[1], p[1], nil}, {p[2], p[2], nil}, {p[4], p[4], nil}},
		},
		{
			name: "edited_in_place_is_not_moved",
			old:  joinParas(p[0], p[3], p[4]),
			new:  joinParas(p[0], edited, p[4]),
			want: []moveShape{{p[0], p[0], nil}, {p[3], edited, nil}, {p[4], p[4], nil}},
		},
		{
			name: "deleted_and_unrelated_added_is_not_moved",
			old:  joinParas(p[0], p[1], p[2]),
			new:  joinParas(p[3], p[0], p[2]),
			want: []moveShape{{"", p[3], nil}, {p[0], p[0], nil}, {p[1], "", nil}, {p[2], p[2], nil}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := SideBySide(tt.old, tt.new)
			if got := rowMoves(rows); !sameShapes(got, tt.want) {
				t.Errorf("side by side:\n%s\nwant\n%s", describe(got), describe(tt.want))
			}
			paras, _ := Inline(tt.old, tt.new)
			if got := paraMoves(paras); !sameShapes(got, tt.want) {
				t.Errorf("inline:\n%s\nwant\n%s", describe(got), describe(tt.want))
			}
		})
	}
}

func TestMoves_MovedAndEditedParagraphKeepsItsWordDiff(t *testing.T) {
	p := movedText
	edited := "Critics argued that the plan ignores the local fishing fleet entirely."
	rows, _ := SideBySide(joinParas(p[0], p[1], p[2], p[3]), joinParas(edited, p[0], p[1], p[2]))
	if rows[0].Move == nil {
		t.Fatalf("first row is not a move: %+v", rows[0])
	}
	if !slices.Contains(rows[0].Right, Segment{Insert, "local "}) {
		t.Errorf("moved row does not show the inserted word: %+v", rows[0].Right)
	}
}

func TestMoves_BoundedWhenManyParagraphsChange(t *testing.T) {
	// Past maxMovePairs only identical paragraphs are recognised: the
	// moved paragraph is found, the near-identical pairs are not compared.
	var old, new []string
	for i := range 300 {
		old = append(old, "Old paragraph number "+strings.Repeat("x", i%7)+" about item "+itoa(i)+".")
		new = append(new, "New text "+itoa(i)+" of a different kind entirely, "+strings.Repeat("y", i%5)+".")
	}
	// Two unchanged paragraphs anchor the texts; the moved one crosses them.
	old = append(append([]string{movedText[1]}, old...), movedText[2], movedText[0])
	new = append(append([]string{movedText[0], movedText[1]}, new...), movedText[2])
	ops, ok := paragraphDiff(old, new)
	if !ok {
		t.Fatal("paragraph diff failed")
	}
	moves := findMoves(ops)
	if len(moves) != 1 {
		t.Errorf("found %d moves, want the one identical paragraph", len(moves))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func describe(shapes []moveShape) string {
	var sb strings.Builder
	for _, s := range shapes {
		sb.WriteString("  ")
		if s.move != nil {
			sb.WriteString("moved ")
			sb.WriteString(itoa(s.move.From) + "->" + itoa(s.move.To) + " ")
		}
		sb.WriteString(strings.TrimSpace(s.old[:min(len(s.old), 20)]) + " | " + s.new[:min(len(s.new), 20)] + "\n")
	}
	return sb.String()
}
