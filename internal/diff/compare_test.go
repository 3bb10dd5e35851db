package diff

import (
	"slices"
	"testing"
)

func TestCompare_Classes(t *testing.T) {
	tests := []struct {
		name string
		edit func(t *testing.T, d Doc) Doc
		want []Class
	}{
		{"unchanged", func(t *testing.T, d Doc) Doc { return d }, nil},
		{"headline_changed", func(t *testing.T, d Doc) Doc {
			d.Title = "Council approves harbour budget after heated debate"
			return d
		}, []Class{Headline}},
		{"byline_second_author", func(t *testing.T, d Doc) Doc {
			d.Byline = "Maria Lopez and Tom Becker"
			return d
		}, []Class{Byline}},
		{"paragraph_appended", func(t *testing.T, d Doc) Doc {
			d.Text += "\n\nUpdate, 3:45 p.m.: The mayor's office said the vote would be certified on Friday."
			return d
		}, []Class{TextAdded}},
		{"sentence_removed", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, " The plan includes $4.5 million for flood defences.", "")
			return d
		}, []Class{TextRemoved, Stealth}},
		{"quote_changed", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, `"We were told our voices would be heard,"`, `"Nobody listened to us,"`)
			return d
		}, []Class{TextRewritten, Stealth}},
		{"typo_fixed", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "environmental review", "enviromental review")
			return d
		}, []Class{Minor}},
		{"punctuation_and_case_fixed", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "bus routes and a public", "bus routes, and a Public")
			return d
		}, []Class{Minor}},
		{"number_changed_is_not_minor", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "more than 60 residents", "more than 80 residents")
			return d
		}, []Class{TextRewritten, Stealth}},
		{"many_typos_are_not_minor", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "The budget also funds two new bus routes", "The budjet also fund two nwe bus route")
			return d
		}, []Class{TextRewritten}},
		{"correction_appended", func(t *testing.T, d Doc) Doc {
			d.Text += "\n\nCorrection: An earlier version of this article misstated the number of council members who voted against the budget. It was two."
			return d
		}, []Class{Correction}},
		{"correction_with_other_addition", func(t *testing.T, d Doc) Doc {
			d.Text = replace(t, d.Text, "next month.", "next month. The mayor will sign it the same day.")
			d.Text += "\n\nThis article has been updated to correct the mayor's title."
			return d
		}, []Class{TextAdded, Correction}},
		{"german_correction", func(t *testing.T, d Doc) Doc {
			d.Text += "\n\nKorrektur: In einer früheren Version dieses Artikels stand ein falsches Datum."
			return d
		}, []Class{Correction}},
		{"paragraphs_swapped", func(t *testing.T, d Doc) Doc {
			d.Text = swapParagraphs(d.Text, 3, 4)
			return d
		}, []Class{TextRewritten}},
		{"rewrite", func(t *testing.T, d Doc) Doc {
			d.Title = "Harbour budget passes"
			d.Text = "The harbour budget passed on Tuesday.\n\nThe mayor welcomed it; residents did not."
			return d
		}, []Class{Headline, TextRewritten, Stealth}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := baseDoc(t)
			got := Compare(old, tt.edit(t, old)).Classes
			if !slices.Equal(got, tt.want) {
				t.Errorf("classes = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompare_CountsWordsNotPunctuation(t *testing.T) {
	tests := []struct {
		name         string
		old, new     Doc
		added, remov int
	}{
		{"identical", Doc{Text: "A b."}, Doc{Text: "A b."}, 0, 0},
		{"punctuation_only", Doc{Text: "A b."}, Doc{Text: "A, b!"}, 0, 0},
		{"title_byline_text", Doc{Title: "T one", Byline: "By x", Text: "Some text."}, Doc{Title: "T two", Byline: "By x y", Text: "Some more text."}, 3, 1},
		{"joined_words_count_once", Doc{Text: "It cost 1,000 dollars."}, Doc{Text: "It cost 1,500 well-known dollars."}, 2, 1},
		{"from_empty", Doc{}, Doc{Title: "Title here", Byline: "Jane Doe", Text: "One two three."}, 7, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Compare(tt.old, tt.new)
			if r.Added != tt.added || r.Removed != tt.remov {
				t.Errorf("added, removed = %d, %d; want %d, %d", r.Added, r.Removed, tt.added, tt.remov)
			}
		})
	}
}

func TestCompare_UnchangedHasNoEdits(t *testing.T) {
	d := baseDoc(t)
	r := Compare(d, d)
	if HasChanges(r.Text) || len(r.Edits) != 0 || len(r.Classes) != 0 || r.Added+r.Removed != 0 {
		t.Errorf("unchanged compare = %+v", r)
	}
}
