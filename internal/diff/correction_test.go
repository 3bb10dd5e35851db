package diff

import "testing"

func TestIsCorrection_RecognisesNotices(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Correction: An earlier version misstated the date.", true},
		{"CLARIFICATION: The report was published in May.", true},
		{"Editor’s note: This story was updated.", true},
		{"An earlier version of this story gave the wrong age.", true},
		{"This article has been amended to remove a name.", true},
		{"Korrektur: Der Bürgermeister heißt Müller.", true},
		{"In einer früheren Version dieses Artikels stand ein falsches Datum.", true},
		{"Rectificatif : une précédente version de cet article indiquait 2019.", true},
		{"Cet article a été mis à jour.", true},
		{"Fe de errores: el alcalde tiene 54 años.", true},
		{"Una versión anterior de este artículo decía otra cosa.", true},
		{"Este artículo ha sido corregido.", true},
		{"The correction officer testified on Monday.", false},
		{"Prices were updated on Monday.", false},
		{"The editor resigned.", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := isCorrection(tt.in); got != tt.want {
			t.Errorf("isCorrection(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestStripCorrections_KeepsOtherText(t *testing.T) {
	tests := []struct {
		name, old, new, want string
		found                bool
	}{
		{"no_notice", "A b.", "A b. C d.", "A b. C d.", false},
		{"new_paragraph_goes_whole", "A b.", "A b.\n\nCorrection: X was wrong. It is Y.", "A b.", true},
		{"sentence_in_paragraph", "A b. C d.", "A b. This story has been corrected. C d.", "A b. C d.", true},
		{"old_notice_stays", "A b.\n\nCorrection: old one.", "A b. E f.\n\nCorrection: old one.", "A b. E f.\n\nCorrection: old one.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := stripCorrections(tt.old, tt.new, Sentences(tt.old))
			if got != tt.want || found != tt.found {
				t.Errorf("stripCorrections = %q, %v; want %q, %v", got, found, tt.want, tt.found)
			}
		})
	}
}
