package diff

import (
	"reflect"
	"slices"
	"testing"
)

func TestSentenceEdits_Actions(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []SentenceEdit
	}{
		{"unchanged", "A b c. D e f.", "A b c. D e f.", nil},
		{"added", "One two three.", "One two three. Four five six.", []SentenceEdit{
			{Added, -1, 1, "", "Four five six."},
		}},
		{"deleted", "One two three. Four five six. Seven eight nine.", "One two three. Seven eight nine.", []SentenceEdit{
			{Deleted, 1, -1, "Four five six.", ""},
		}},
		{"edited", "The mayor said the vote was fair.", "The mayor said the vote was unfair.", []SentenceEdit{
			{Edited, 0, 0, "The mayor said the vote was fair.", "The mayor said the vote was unfair."},
		}},
		{"moved", "Alpha one. Beta two. Gamma three.", "Gamma three. Alpha one. Beta two.", []SentenceEdit{
			{Moved, 2, 0, "Gamma three.", "Gamma three."},
		}},
		{"moved_and_edited_reports_moved", "Alpha one two. Beta two three. Gamma three four five.", "Gamma three four six. Alpha one two. Beta two three.", []SentenceEdit{
			{Moved, 2, 0, "Gamma three four five.", "Gamma three four six."},
		}},
		{"replaced_is_delete_and_add", "Cats purr softly.", "Markets fell sharply.", []SentenceEdit{
			{Deleted, 0, -1, "Cats purr softly.", ""},
			{Added, -1, 0, "", "Markets fell sharply."},
		}},
		{"duplicates_match_in_order", "Yes. No. Yes.", "Yes. Yes.", []SentenceEdit{
			{Deleted, 1, -1, "No.", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceEdits(Sentences(tt.old), Sentences(tt.new))
			if !slices.Equal(got, tt.want) {
				t.Errorf("edits =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestCompare_ParagraphsSwappedAreMoved(t *testing.T) {
	old := baseDoc(t)
	new := old
	new.Text = swapParagraphs(old.Text, 3, 4)
	edits := Compare(old, new).Edits
	if len(edits) == 0 {
		t.Fatal("no edits")
	}
	for _, e := range edits {
		if e.Action != Moved || e.OldText != e.NewText {
			t.Errorf("edit %+v, want only unchanged moved sentences", e)
		}
	}
}

func TestLIS_FindsLongestIncreasingRun(t *testing.T) {
	tests := []struct {
		seq  []int
		want int
	}{
		{nil, 0}, {[]int{1}, 1}, {[]int{3, 1, 2}, 2}, {[]int{0, 1, 2}, 3}, {[]int{2, 3, 0, 1}, 2},
	}
	for _, tt := range tests {
		got := lis(tt.seq)
		if len(got) != tt.want {
			t.Errorf("lis(%v) = %v, want length %d", tt.seq, got, tt.want)
		}
		for i := 1; i < len(got); i++ {
			if got[i] <= got[i-1] || tt.seq[got[i]] <= tt.seq[got[i-1]] {
				t.Errorf("lis(%v) = %v is not increasing", tt.seq, got)
			}
		}
	}
}

func TestEdits_MatchCompareAndNoneForEqualTexts(t *testing.T) {
	old := "The mayor resigned. The council met."
	new := "The mayor resigned on Tuesday. The council met. A vote follows."
	want := Compare(Doc{Text: old}, Doc{Text: new}).Edits
	if got := Edits(old, new); !reflect.DeepEqual(got, want) || len(got) != 2 {
		t.Errorf("Edits = %+v, want %+v", got, want)
	}
	if got := Edits(old, old); got != nil {
		t.Errorf("Edits of equal texts = %+v", got)
	}
}

func TestAlign_EverySentenceOnce(t *testing.T) {
	old := "The mayor resigned. The vote was close. She thanked staff. Nothing else."
	nw := "The vote was close. The mayor resigned on Tuesday. She thanked staff. A new line."
	al := Align(old, nw)
	seenOld, seenNew := map[int]int{}, map[int]int{}
	actions := map[Action]int{}
	for _, e := range al {
		actions[e.Action]++
		if e.Old >= 0 {
			seenOld[e.Old]++
		}
		if e.New >= 0 {
			seenNew[e.New]++
		}
	}
	if len(seenOld) != 4 || len(seenNew) != 4 {
		t.Fatalf("alignment covers %d old and %d new sentences, want 4 and 4: %+v", len(seenOld), len(seenNew), al)
	}
	for i, n := range seenOld {
		if n != 1 {
			t.Errorf("old sentence %d appears %d times", i, n)
		}
	}
	for i, n := range seenNew {
		if n != 1 {
			t.Errorf("new sentence %d appears %d times", i, n)
		}
	}
	// "The vote was close." and "She thanked staff." stay in order; the
	// mayor sentence, edited, now comes after the vote: moved.
	if actions[Unchanged] != 2 || actions[Added] != 1 || actions[Deleted] != 1 || actions[Moved] != 1 {
		t.Errorf("actions %v", actions)
	}
	// Edits is the alignment without the unchanged pairs.
	var changed []SentenceEdit
	for _, e := range al {
		if e.Action != Unchanged {
			changed = append(changed, e)
		}
	}
	if got := Edits(old, nw); len(got) != len(changed) {
		t.Errorf("Edits has %d, the alignment %d changed", len(got), len(changed))
	}
}
