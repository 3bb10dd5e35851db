package diff

import (
	"slices"
	"testing"
	"time"
)

func TestClassify_Stealth(t *testing.T) {
	may1 := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	may2 := may1.Add(3 * time.Hour)
	base := "The council voted 7 to 2 for the budget.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region."
	tests := []struct {
		name           string
		old, new       Doc
		stealth        bool
		alsoHasClasses []Class
	}{
		{"number changed, no date", Doc{Text: base},
			Doc{Text: "The council voted 6 to 3 for the budget.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region."},
			true, nil},
		{"quotation changed, same date", Doc{Text: base, Modified: may1},
			Doc{Text: "The council voted 7 to 2 for the budget.\n\nThe mayor said “we may build the bridge one day” after the vote.\n\nThe plan goes to the region.", Modified: may1},
			true, []Class{TextRewritten}},
		{"sentence removed, no date", Doc{Text: base},
			Doc{Text: "The council voted 7 to 2 for the budget.\n\nThe plan goes to the region."},
			true, []Class{TextRemoved}},
		{"same edit, page says it was modified", Doc{Text: base, Modified: may1},
			Doc{Text: "The council voted 6 to 3 for the budget.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region.", Modified: may2},
			false, nil},
		{"same edit with a correction", Doc{Text: base},
			Doc{Text: "The council voted 6 to 3 for the budget.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region.\n\nCorrection: an earlier version gave the wrong vote count."},
			false, []Class{Correction}},
		{"same edit with an update note", Doc{Text: base},
			Doc{Text: "Update: the vote count has been corrected.\n\nThe council voted 6 to 3 for the budget.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region."},
			false, nil},
		{"text only added", Doc{Text: base},
			Doc{Text: base + "\n\nThe opposition will appeal."},
			false, []Class{TextAdded}},
		{"spelling fix", Doc{Text: base},
			Doc{Text: "The council voted 7 to 2 for the budgett.\n\nThe mayor said “we will build the bridge next year” after the vote.\n\nThe plan goes to the region."},
			false, []Class{Minor}},
		{"headline only", Doc{Title: "Budget passes", Text: base}, Doc{Title: "Budget approved", Text: base}, false, []Class{Headline}},
	}
	for _, tt := range tests {
		got := Compare(tt.old, tt.new).Classes
		if slices.Contains(got, Stealth) != tt.stealth {
			t.Errorf("%s: classes %v, stealth want %v", tt.name, got, tt.stealth)
		}
		for _, c := range tt.alsoHasClasses {
			if !slices.Contains(got, c) {
				t.Errorf("%s: classes %v lack %s", tt.name, got, c)
			}
		}
	}
}

func TestQuoteChanged_UnbalancedMarkStopsAtTheParagraph(t *testing.T) {
	// A stray opening mark in one paragraph must not make an edit two
	// paragraphs later a change of quotation.
	old := "He said “hello.\n\nNothing quoted here.\n\nThe price was high."
	nw := "He said “hello.\n\nNothing quoted here.\n\nThe price was low."
	if quoteChanged(Words(old, nw)) {
		t.Error("an edit outside any quotation counted as one")
	}
	if !quoteChanged(Words(`She said "yes" today.`, `She said "no" today.`)) {
		t.Error("a change inside straight quotes was missed")
	}
}
