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
		{"You may also like...", true},
		{"[Related: Cloud Keynote Draws Protesters]", true},
		{"Get the latest updates right in your inbox. Subscribe to our newsletters.", true},
		{"Write to Jane Doe at jane.doe@example.com", true},
		{"Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", true},
		{"(Reporting by Jane Doe; Editing by John Roe)", true},
		{"Fox News' Jane Doe contributed to this report.", true},
		{"Copyright ©2019 Example Media, Inc. All Rights Reserved", true},
		{"Filed under: Politics |", true},
		{"https://news.example.com/a/story-123", true},
		{"Tempo de leitura: 2 minutos", true},
		{"5 min read", true},
		// Real paragraphs that merely mention the same words.
		{"Write to your senator, the campaign urged, before the vote on Tuesday.", false},
		{"The source said the talks would resume at 9:30 on Monday.", false},
		{"Reporters who follow the case on Twitter saw the filing first.", false},
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
