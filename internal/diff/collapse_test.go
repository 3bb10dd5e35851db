package diff

import (
	"slices"
	"testing"
)

// changes builds a changed-paragraph mask from a picture: 'x' changed,
// '.' unchanged.
func changes(pic string) []bool {
	out := make([]bool, len(pic))
	for i, c := range pic {
		out[i] = c == 'x'
	}
	return out
}

func TestCollapse_FoldsLongUnchangedStretchesKeepingContext(t *testing.T) {
	tests := []struct {
		name string
		pic  string
		want []Stretch
	}{
		{"empty", "", nil},
		{"all_changed", "xxx", []Stretch{{0, 3, false}}},
		{"short_stretch_stays_open", "x....x", []Stretch{{0, 6, false}}},
		// Five unchanged between two changes: one of context on each side,
		// three folded.
		{"middle_folded", "x.....x", []Stretch{{0, 2, false}, {2, 5, true}, {5, 7, false}}},
		{"leading_folded", "....x", []Stretch{{0, 3, true}, {3, 5, false}}},
		{"trailing_folded", "x....", []Stretch{{0, 2, false}, {2, 5, true}}},
		{"just_below_threshold", "...x...", []Stretch{{0, 7, false}}},
		{"nothing_changed", ".....", []Stretch{{0, 5, true}}},
		{"nothing_changed_short", "..", []Stretch{{0, 2, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Collapse(changes(tt.pic))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Collapse(%q) = %v, want %v", tt.pic, got, tt.want)
			}
			end := 0
			for _, s := range got {
				if s.Start != end || s.Len() <= 0 {
					t.Errorf("stretches do not cover the view in order: %v", got)
				}
				end = s.End
			}
			if end != len(tt.pic) {
				t.Errorf("stretches end at %d, want %d", end, len(tt.pic))
			}
		})
	}
}
