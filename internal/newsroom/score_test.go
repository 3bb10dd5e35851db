package newsroom

import "testing"

func TestScoreAgainst_CountsSpuriousAndMissedVersions(t *testing.T) {
	v := func(title, text string) TruthVersion { return TruthVersion{Title: title, Text: text} }
	base := "the council approved the budget on tuesday after a long debate about roads schools and parks in the city"
	edit := base + " and the mayor said she was pleased"
	truth := []TruthArticle{
		{URL: "http://a/1", Versions: []TruthVersion{v("A", base), v("A", edit)}},
		{URL: "http://a/2", Aliases: []string{"http://a/2-new"}, Versions: []TruthVersion{v("B", base)}},
		{URL: "http://a/3", Versions: []TruthVersion{v("C", base)}},
	}
	got := []Recorded{
		{URL: "http://a/1", Versions: []TruthVersion{v("A", base), v("A", base+" most read"), v("A", edit)}},
		{URL: "http://a/2-new", Versions: []TruthVersion{v("B!", base)}},
	}
	s := ScoreAgainst(truth, got)
	if s.Articles != 3 || s.Found != 2 || s.Revisions != 4 {
		t.Fatalf("articles/found/revisions = %d/%d/%d", s.Articles, s.Found, s.Revisions)
	}
	if s.Matched != 3 || s.Spurious != 1 {
		t.Errorf("matched %d spurious %d, want 3 and 1", s.Matched, s.Spurious)
	}
	if s.Recall != 0.75 {
		t.Errorf("recall %.2f, want 0.75", s.Recall)
	}
	if s.Titles != 2.0/3 {
		t.Errorf("titles %.2f, want 0.67", s.Titles)
	}
}

func TestTokenF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"a b c", "a b c", 1},
		{"a b c d", "a b", 2 * 1 * 0.5 / 1.5},
		{"", "", 1},
		{"a", "", 0},
		{"a a b", "a b b", 2.0 / 3},
	}
	for _, tt := range tests {
		if got := TokenF1(tt.a, tt.b); got < tt.want-1e-9 || got > tt.want+1e-9 {
			t.Errorf("TokenF1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestScoreAgainst_ExtractionOffByOneBlockStillPairsEachRevision(t *testing.T) {
	v := func(title, text string) TruthVersion { return TruthVersion{Title: title, Text: text} }
	base := "the council approved the budget on tuesday after a long debate about roads schools and parks"
	edit := base + " and the mayor said she was pleased"
	// The tracker keeps an embedded post the truth leaves out, in every
	// version: each is below matchF1 of its true one, yet each stands for
	// exactly one.
	post := " thread follows one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
	truth := []TruthArticle{{URL: "http://a/1", Versions: []TruthVersion{v("A", base), v("A2", base), v("A2", edit)}}}
	got := []Recorded{{URL: "http://a/1", Versions: []TruthVersion{v("A", base+post), v("A2", base+post), v("A2", edit+post)}}}
	if s := ScoreAgainst(truth, got); s.Matched != 3 || s.Spurious != 0 {
		t.Errorf("matched %d spurious %d, want 3 and 0", s.Matched, s.Spurious)
	}
	// A churn version in between still counts as spurious: it is nobody's
	// nearest.
	got[0].Versions = []TruthVersion{v("A", base+post), v("A", base+post+" most read today"), v("A2", base+post), v("A2", edit+post)}
	if s := ScoreAgainst(truth, got); s.Matched != 3 || s.Spurious != 1 {
		t.Errorf("with churn: matched %d spurious %d, want 3 and 1", s.Matched, s.Spurious)
	}
	// A text that is not the article is never paired.
	got[0].Versions = []TruthVersion{v("Cookies", "we use cookies to improve your experience accept all")}
	if s := ScoreAgainst(truth, got); s.Matched != 0 {
		t.Errorf("a cookie wall paired with %d true versions", s.Matched)
	}
}

func TestScoreAgainst_HeadlineWordsElsewhereInTheTextDoNotMisalign(t *testing.T) {
	v := func(title, text string) TruthVersion { return TruthVersion{Title: title, Text: text} }
	base := "the council approved the budget on tuesday after a long debate about roads schools and parks"
	// The truth keeps an embedded post the tracker drops; the new
	// headline's words also appear in the post.
	post := " as questions mount residents ask who pays one two three four five six seven eight nine"
	truth := []TruthArticle{{URL: "http://a/1", Versions: []TruthVersion{v("Budget passes", base+post), v("Budget passes as questions mount", base+post)}}}
	got := []Recorded{{URL: "http://a/1", Versions: []TruthVersion{v("Budget passes", base), v("Budget passes as questions mount", base)}}}
	if s := ScoreAgainst(truth, got); s.Matched != 2 || s.Spurious != 0 {
		t.Errorf("matched %d spurious %d, want 2 and 0", s.Matched, s.Spurious)
	}
}
