package stories

import (
	"testing"
	"time"
)

func TestCredit(t *testing.T) {
	cases := []struct {
		name, byline string
		paras        []string
		want         string
	}{
		{"AFP dateline", "", []string{"PARIS (AFP) — The government fell on Tuesday.", "More text."}, "AFP"},
		{"Reuters dateline with date", "", []string{"LONDON, Dec 5 (Reuters) - Shares rose.", "x"}, "Reuters"},
		{"AP dateline", "", []string{"WASHINGTON (AP) — Congress voted.", "x"}, "Associated Press"},
		{"dpa lower case", "", []string{"Berlin (dpa) - Der Bundestag hat entschieden.", "x"}, "dpa"},
		{"byline", "By Jane Doe, Associated Press", []string{"Congress voted.", "x"}, "Associated Press"},
		{"closing credit line", "", []string{"Congress voted.", "More.", "The Associated Press contributed to this report."}, "Associated Press"},
		{"Reuters closing", "", []string{"Shares rose.", "(Reporting by Jane Doe; Editing by John Roe)"}, "Reuters"},
		{"agency mentioned in running text", "", []string{"The minister told the Associated Press in an interview on Tuesday that the plan, which has been debated for months, would go ahead.", "x"}, ""},
		{"AP inside a word", "", []string{"APPLE (APPL) shares rose.", "x"}, ""},
		{"PA as a state abbreviation", "", []string{"PITTSBURGH (PA) — A bridge closed.", "x"}, ""},
		{"no credit", "Jane Doe", []string{"Congress voted.", "x"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Credit(c.byline, c.paras); got != c.want {
				t.Errorf("Credit = %q, want %q", got, c.want)
			}
		})
	}
}

func TestOrigin_AgencyCopyThenEarliest(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	credited := []string{"PARIS (AFP) — x", "y"}
	group := []Copy{
		{ID: 1, Outlet: "Daily", Host: "daily.example", Paragraphs: credited, FirstSeen: t0},
		{ID: 2, Outlet: "AFP", Host: "www.afp.com", Paragraphs: credited, FirstSeen: t0.Add(time.Hour)},
		{ID: 3, Outlet: "Gazette", Host: "gazette.example", Paragraphs: credited, FirstSeen: t0.Add(2 * time.Hour)},
	}
	if ag, id := Origin(group); ag != "AFP" || id != 2 {
		t.Errorf("Origin = %q, %d; want AFP's own copy 2", ag, id)
	}
	if ag, id := Origin([]Copy{group[2], group[0]}); ag != "AFP" || id != 1 {
		t.Errorf("Origin without the agency = %q, %d; want AFP, earliest copy 1", ag, id)
	}
}
