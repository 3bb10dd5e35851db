package diff

import (
	"slices"
	"testing"
)

// rowShape describes a row by its sides' texts, for compact tables.
type rowShape struct{ left, right string }

func shapeOf(rows []Row) []rowShape {
	out := make([]rowShape, len(rows))
	for i, r := range rows {
		out[i] = rowShape{Side(r.Left, Delete), Side(r.Right, Insert)}
	}
	return out
}

func TestSideBySide_AlignsParagraphs(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []rowShape
	}{
		{"identical", "A one.\n\nB two.", "A one.\n\nB two.", []rowShape{{"A one.", "A one."}, {"B two.", "B two."}}},
		{"appended", "A one.", "A one.\n\nC three.", []rowShape{{"A one.", "A one."}, {"", "C three."}}},
		{"removed", "A one.\n\nB two.\n\nC three.", "A one.\n\nC three.", []rowShape{
			{"A one.", "A one."}, {"B two.", ""}, {"C three.", "C three."},
		}},
		{"edited_pairs", "A one.\n\nThe vote was close.\n\nC three.", "A one.\n\nThe vote was very close.\n\nC three.", []rowShape{
			{"A one.", "A one."}, {"The vote was close.", "The vote was very close."}, {"C three.", "C three."},
		}},
		{"insert_before_edit", "The vote was close.", "Breaking news here.\n\nThe vote was very close.", []rowShape{
			{"", "Breaking news here."}, {"The vote was close.", "The vote was very close."},
		}},
		{"unrelated_not_paired", "Cats purr.", "Markets fell.", []rowShape{{"Cats purr.", ""}, {"", "Markets fell."}}},
		{"empty_old", "", "New text.", []rowShape{{"", "New text."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, _ := SideBySide(tt.old, tt.new)
			if got := shapeOf(rows); !slices.Equal(got, tt.want) {
				t.Errorf("rows =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestSideBySide_SidesHoldOnlyTheirOps(t *testing.T) {
	rows, _ := SideBySide("The vote was close.", "The vote was very close.")
	if len(rows) != 1 {
		t.Fatalf("rows = %+v", rows)
	}
	for _, s := range rows[0].Left {
		if s.Op == Insert {
			t.Errorf("left side holds insert %q", s.Text)
		}
	}
	for _, s := range rows[0].Right {
		if s.Op == Delete {
			t.Errorf("right side holds delete %q", s.Text)
		}
	}
	if !HasChanges(rows[0].Right) {
		t.Error("right side shows no insertion")
	}
}

func FuzzSideBySide(f *testing.F) {
	f.Add("A one.\n\nB two.", "A one.\n\nB two!\n\nC.")
	f.Add("", "x")
	f.Add("Cats purr.\n\n\xff", "Markets fell.")
	f.Add("A one.\n\nB two.\n\nC three.\n\nD four.", "D four.\n\nA one.\n\nB two.\n\nC three.")
	f.Fuzz(func(t *testing.T, old, new string) {
		var left, right []string
		rows, cut := SideBySide(old, new)
		if cut.MoreParagraphs > 0 {
			return // a truncated view holds a prefix only
		}
		olds := paragraphs(old)
		for _, r := range rows {
			if m := r.Move; m != nil {
				// A moved paragraph shows at its new place only.
				if m.From >= len(olds) || Side(r.Left, Delete) != olds[m.From] || m.To != len(right) {
					t.Fatalf("moved row %+v does not show old paragraph %d at new place %d", r, m.From, len(right))
				}
				olds[m.From] = ""
			} else if len(r.Left) > 0 {
				left = append(left, Side(r.Left, Delete))
			}
			if len(r.Right) > 0 {
				right = append(right, Side(r.Right, Insert))
			}
		}
		olds = slices.DeleteFunc(olds, func(s string) bool { return s == "" })
		if !slices.Equal(left, olds) || !slices.Equal(right, paragraphs(new)) {
			t.Fatalf("rows do not rebuild the paragraphs:\n%q\n%q", left, right)
		}
		Compare(Doc{Text: old}, Doc{Text: new}) // must not panic
	})
}

func FuzzInline(f *testing.F) {
	f.Add("A one.\n\nB two.", "A one.\n\nB two!\n\nC.")
	f.Add("", "x")
	f.Add("A one.\n\nB two.\n\nC three.\n\nD four.", "D four!\n\nA one.\n\nB two.\n\nC three.")
	f.Fuzz(func(t *testing.T, old, new string) {
		paras, cut := Inline(old, new)
		if cut.MoreParagraphs > 0 {
			return // a truncated view holds a prefix only
		}
		olds := paragraphs(old)
		var left, right []string
		for _, p := range paras {
			o, n := Side(p.Segments, Delete), Side(p.Segments, Insert)
			if m := p.Move; m != nil {
				if m.From >= len(olds) || o != olds[m.From] || m.To != len(right) {
					t.Fatalf("moved paragraph %+v does not show old paragraph %d at new place %d", p, m.From, len(right))
				}
				olds[m.From] = ""
			} else if o != "" {
				left = append(left, o)
			}
			if n != "" {
				right = append(right, n)
			}
		}
		olds = slices.DeleteFunc(olds, func(s string) bool { return s == "" })
		if !slices.Equal(left, olds) || !slices.Equal(right, paragraphs(new)) {
			t.Fatalf("paragraphs do not rebuild the texts:\n%q\n%q", left, right)
		}
	})
}
