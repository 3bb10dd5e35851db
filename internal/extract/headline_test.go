package extract

import "testing"

func TestChooseHeadline_AgreementBeatsOutliers(t *testing.T) {
	const h = "Storm Closes Coastal Road"
	for _, c := range []struct {
		name  string
		cands []headlineCandidate
		want  string
	}{
		{"generic og:title", []headlineCandidate{
			{"Harbor Times — News, Sport and Weather", fromOpenGraph}, {h, fromHeading}, {h, fromTitle}}, h},
		{"title of another page", []headlineCandidate{
			{h, fromHeading}, {"Simple Survival Kit for Hikers", fromTitle}}, h},
		{"seo headline agreed by og and title", []headlineCandidate{
			{"Coastal road shut as storm hits", fromJSONLD}, {h, fromHeading},
			{"Coastal road shut as storm hits", fromOpenGraph}, {"Coastal road shut as storm hits", fromTitle}},
			"Coastal road shut as storm hits"},
		{"section suffix shared with heading", []headlineCandidate{
			{h + " | Transport", fromTitle}, {h, fromHeading}}, h},
		{"no agreement: the heading wins the tie", []headlineCandidate{
			{"Weather", fromHeading}, {"Weather warning issued for the coast", fromTitle}},
			"Weather"},
		{"nothing", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := chooseHeadline(c.cands); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
