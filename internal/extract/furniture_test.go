package extract

import "testing"

func TestIsFurnitureLine_DropsOnlyFurniture(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Advertisement", true},
		{"- Advertisement -", true},
		{"ADVERTISEMENT", true},
		{"Anzeige", true},
		{"Реклама", true},
		{"Story continues below advertisement", true},
		{"You've read 3 of 5 free articles. Subscribe to continue.", true},
		{"You’ve read 2 of 5 free articles", true},
		{"Subscribe to continue reading", true},
		{"Sign up for our newsletter to get the top stories in your inbox.", true},
		{"Sign up for our Morning Briefing newsletter", true},
		{"Updated 5 minutes ago", true},
		{"Last updated: 2 hours ago", true},
		{"vor 5 Minuten aktualisiert", true},
		{"il y a 3 heures", true},
		{"Read more: How the exit poll works", true},
		{"Lesen Sie auch: Die Bahn streikt", true},
		{"Share this article", true},
		{"Click here to get live results on your phone.", true},
		// Real paragraphs that merely mention the same words.
		{"An advertisement placed in a 1979 catalogue helped investigators.", false},
		{"Readers who subscribe to the print edition will get the map on Sunday.", false},
		{"Many commuters said they would sign up for the newsletter the union promised.", false},
		{"The ad agency said it updated its campaign 5 minutes ago after complaints.", false},
		{"Share prices fell 5 percent on Monday.", false},
		{"Updated figures show 40 cases.", false},
	}
	for _, tt := range tests {
		if got := isFurnitureLine(Normalize(tt.line)); got != tt.want {
			t.Errorf("isFurnitureLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
