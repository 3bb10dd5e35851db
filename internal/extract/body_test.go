package extract

import (
	"slices"
	"testing"
)

func TestIsDateLine_OnlyBareDates(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"NOVEMBER 20, 2019 10:43", true},
		{"UPDATED: Tue., Nov. 19, 2019", true},
		{"segunda-feira, 22 de janeiro de 2018 às 0:13", true},
		{"Published 18 November 2019", true},
		{"Mis à jour le 3 mars 2024 à 10h12", true},
		{"The vote is on November 20, 2019.", false},
		{"2019 was a hard year", false},
		{"November", false},
	}
	for _, tt := range tests {
		if got := isDateLine(tt.line); got != tt.want {
			t.Errorf("isDateLine(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestCleanBody_DropsRepeatedHeaderOnlyAtTheTop(t *testing.T) {
	body := []string{
		"https://news.example.com/storm",
		"Storm Hits Coast",
		"By JANE DOE STAFF",
		"NOVEMBER 20, 2019 10:43",
		"The storm reached the coast at dawn.",
		"By noon the river had burst its banks.",
		"Storm Hits Coast",
	}
	want := []string{
		"The storm reached the coast at dawn.",
		"By noon the river had burst its banks.",
		"Storm Hits Coast",
	}
	if got := cleanBody(body, "Jane Doe", "Storm Hits Coast"); !slices.Equal(got, want) {
		t.Errorf("cleanBody = %q, want %q", got, want)
	}
}
