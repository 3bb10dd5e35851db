package store

import (
	"strings"
	"testing"
)

func TestExcerpt_MarksQueryWordsInTheBestWindow(t *testing.T) {
	long := strings.Repeat("filler words here. ", 20)
	for _, c := range []struct {
		name, text string
		query      []string
		want       string
	}{
		{"short text whole", "Body of https://one.example/a, edition 1.", []string{"body"},
			"\x01Body\x02 of https://one.example/a, edition 1."},
		{"case and accents folded both ways", "The Café opened; CAFE owners cheered.", []string{"cafe"},
			"The \x01Café\x02 opened; \x01CAFE\x02 owners cheered."},
		{"accented query", "Le cafe est ouvert.", []string{"Café"}, "Le \x01cafe\x02 est ouvert."},
		{"not a prefix match", "Councillors met the council.", []string{"council"},
			"Councillors met the \x01council\x02."},
		{"cut on both sides around the densest place", long + "the harbour council voted " + long,
			[]string{"harbour", "council"},
			"…here. filler words here. filler words here. filler words here. the \x01harbour\x02 \x01council\x02 voted filler words here. filler words here. filler words here. filler…"},
		{"the first place holding every word, not a later denser one",
			"Harbour news. " + long + "harbour harbour harbour harbour.", []string{"harbour", "harbour"},
			"\x01Harbour\x02 news. filler words here. filler words here. filler words here. filler words here. filler words here. filler words here. filler words here. filler…"},
		{"every word beats more matches of one", "council " + long + "council vote " + long,
			[]string{"council", "vote"},
			"…words here. filler words here. filler words here. filler words here. \x01council\x02 \x01vote\x02 filler words here. filler words here. filler words here. filler words…"},
		{"no match in the text", "Only the title matched this one.", []string{"zebra"},
			"Only the title matched this one."},
		{"empty text", "", []string{"x"}, ""},
	} {
		if got := excerpt(c.text, c.query); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestExcerpt_EveryWindowHoldsAtMostItsWords(t *testing.T) {
	text := strings.Repeat("alpha beta gamma delta ", 100) + "omega"
	got := excerpt(text, []string{"omega", "alpha"})
	words := strings.FieldsFunc(got, func(r rune) bool { return !isWordRune(r) })
	if len(words) != excerptWords || !strings.HasSuffix(got, "\x01omega\x02") || !strings.HasPrefix(got, "…") {
		t.Errorf("excerpt %q: %d words; want %d ending at the match", got, len(words), excerptWords)
	}
}
