package revise

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

var (
	textA = "The council voted on Tuesday.\n\nThe mayor welcomed the result."
	textB = textA + "\n\nUpdate: The vote will be certified on Friday."
	t0    = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
)

// stored is a version as the store would return it.
func stored(seq int, text string) model.Version {
	return model.Version{
		ID: int64(seq + 1), ArticleID: 42, Seq: seq, Title: "Vote held", Byline: "Jane Doe",
		Text: text, Hash: Hash("Vote held", "Jane Doe", text),
	}
}

// candidate is a fresh extraction as the caller passes it.
func candidate(text string) model.Version {
	return model.Version{
		Title: "Vote held", Byline: "Jane Doe", Text: text,
		FetchedAt: t0, CaptureHash: "cafe", Extractor: "x1",
	}
}

func flipFlop(text string) model.Check {
	return model.Check{ArticleID: 42, Outcome: model.OutcomeFlipFlop, Hash: Hash("Vote held", "Jane Doe", text)}
}

func TestDecide(t *testing.T) {
	unchanged := model.Check{ArticleID: 42, Outcome: model.OutcomeUnchanged, Hash: Hash("Vote held", "Jane Doe", textB)}
	tests := []struct {
		name     string
		versions []model.Version
		recent   []model.Check
		cand     model.Version
		outcome  model.Outcome
		seq      int
		classes  []string
	}{
		{"first_version", nil, nil, candidate(textA), model.OutcomeNewVersion, 0, nil},
		{"unchanged", []model.Version{stored(0, textA)}, nil, candidate(textA), model.OutcomeUnchanged, 0, nil},
		{"whitespace_churn_is_unchanged", []model.Version{stored(0, textA)}, nil,
			candidate("  The council voted  on Tuesday.\n\n\n\nThe mayor welcomed the result.\n"), model.OutcomeUnchanged, 0, nil},
		{"paragraph_added", []model.Version{stored(0, textA)}, nil, candidate(textB), model.OutcomeNewVersion, 1, []string{"text_added"}},
		{"flip_flop_back_to_earlier", []model.Version{stored(0, textA), stored(1, textB)}, []model.Check{unchanged},
			candidate(textA), model.OutcomeFlipFlop, 0, nil},
		{"second_flip_flop_still_flip_flop", []model.Version{stored(0, textA), stored(1, textB)},
			[]model.Check{flipFlop(textA), unchanged}, candidate(textA), model.OutcomeFlipFlop, 0, nil},
		{"third_consistent_serving_is_revert", []model.Version{stored(0, textA), stored(1, textB)},
			[]model.Check{flipFlop(textA), flipFlop(textA), unchanged}, candidate(textA), model.OutcomeNewVersion, 2, []string{"text_removed", "stealth"}},
		{"interrupted_flip_flops_are_no_revert", []model.Version{stored(0, textA), stored(1, textB)},
			[]model.Check{flipFlop(textA), unchanged, flipFlop(textA)}, candidate(textA), model.OutcomeFlipFlop, 0, nil},
		{"flip_flops_to_another_hash_are_no_revert", []model.Version{stored(0, textA), stored(1, textB), stored(2, textA+" More.")},
			[]model.Check{flipFlop(textB), flipFlop(textA)}, candidate(textA), model.OutcomeFlipFlop, 0, nil},
		{"headline_change", []model.Version{stored(0, textA)}, nil,
			func() model.Version { c := candidate(textA); c.Title = "Vote held, result disputed"; return c }(),
			model.OutcomeNewVersion, 1, []string{"headline"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.versions, tt.recent, tt.cand)
			if d.Outcome != tt.outcome {
				t.Fatalf("outcome = %s, want %s", d.Outcome, tt.outcome)
			}
			if tt.outcome != model.OutcomeNewVersion {
				if d.Version != nil {
					t.Errorf("version = %+v, want nil", d.Version)
				}
				return
			}
			v := d.Version
			if v == nil {
				t.Fatal("no version")
			}
			if v.Seq != tt.seq || !slices.Equal(v.Classes, tt.classes) {
				t.Errorf("seq, classes = %d, %v; want %d, %v", v.Seq, v.Classes, tt.seq, tt.classes)
			}
			if v.Hash != Hash(tt.cand.Title, tt.cand.Byline, tt.cand.Text) {
				t.Errorf("hash not filled: %q", v.Hash)
			}
			if v.FetchedAt != t0 || v.CaptureHash != "cafe" || v.Extractor != "x1" {
				t.Errorf("caller fields lost: %+v", v)
			}
			if len(tt.versions) > 0 && v.ArticleID != 42 {
				t.Errorf("article id = %d, want 42", v.ArticleID)
			}
		})
	}
}

func TestDecide_FirstVersionCountsAllWords(t *testing.T) {
	d := Decide(nil, nil, candidate(textA))
	// 2 title + 2 byline + 10 text words.
	if d.Version.Added != 14 || d.Version.Removed != 0 || len(d.Version.Classes) != 0 {
		t.Errorf("first version stats = +%d -%d %v", d.Version.Added, d.Version.Removed, d.Version.Classes)
	}
}

func TestDecide_NewVersionCountsChangedWords(t *testing.T) {
	d := Decide([]model.Version{stored(0, textA)}, nil, candidate(textB))
	if d.Version.Added != 8 || d.Version.Removed != 0 {
		t.Errorf("stats = +%d -%d, want +8 -0", d.Version.Added, d.Version.Removed)
	}
}

func TestDecide_MissingStoredHashIsComputed(t *testing.T) {
	v := stored(0, textA)
	v.Hash = ""
	if d := Decide([]model.Version{v}, nil, candidate(textA)); d.Outcome != model.OutcomeUnchanged {
		t.Errorf("outcome = %s, want unchanged", d.Outcome)
	}
}

func TestHash_SeparatesFieldsAndIgnoresWhitespace(t *testing.T) {
	tests := []struct {
		name      string
		a, b      [3]string
		wantEqual bool
	}{
		{"same", [3]string{"T", "B", "X"}, [3]string{"T", "B", "X"}, true},
		{"field_boundary", [3]string{"T", "BX", ""}, [3]string{"TB", "X", ""}, false},
		{"spaces_collapsed", [3]string{" T  t ", "B", "a  b\n\n\n\nc "}, [3]string{"T t", "B", "a b\n\nc"}, true},
		{"nfc", [3]string{"Cafe\u0301", "", ""}, [3]string{"Café", "", ""}, true},
		{"paragraph_break_matters", [3]string{"T", "", "a\n\nb"}, [3]string{"T", "", "a b"}, false},
		{"case_matters", [3]string{"T", "", "a"}, [3]string{"T", "", "A"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ha, hb := Hash(tt.a[0], tt.a[1], tt.a[2]), Hash(tt.b[0], tt.b[1], tt.b[2])
			if (ha == hb) != tt.wantEqual {
				t.Errorf("equal = %v, want %v", ha == hb, tt.wantEqual)
			}
			if len(ha) != 64 {
				t.Errorf("hash %q is not SHA-256 hex", ha)
			}
		})
	}
}

func TestSudden_LargeChangesWaitForTheNextCheck(t *testing.T) {
	para := func(w string, n int) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	base := model.Version{Title: "T", Text: para("alpha", 60) + "\n\n" + para("beta", 60) + "\n\n" + para("gamma", 60)}
	rewritten := model.Version{Title: "T", Text: para("alpha", 60) + "\n\n" + para("delta", 60) + "\n\n" + para("gamma", 60)}
	swapped := model.Version{Title: "T", Text: para("gamma", 60) + "\n\n" + para("beta", 60) + "\n\n" + para("alpha", 60)}
	cut := model.Version{Title: "T", Text: para("alpha", 60)}
	appended := model.Version{Title: "T", Text: base.Text + "\n\nUpdate: the council will vote again on Friday."}
	rewritten.Text += "\n\n3 / 4"
	swapped.Text += "\n\n3 / 4"
	appended.Text += "\n\n3 / 4"
	base.Text += "\n\n3 / 4"
	counted := func(n int) model.Version {
		return model.Version{Title: "T", Text: strings.TrimSuffix(base.Text, "3 / 4") + fmt.Sprintf("%d / 4", n)}
	}
	served := func(o model.Outcome, v model.Version) []model.Check {
		return []model.Check{{Outcome: o, Hash: Hash(v.Title, v.Byline, v.Text)}}
	}
	tests := []struct {
		name   string
		cand   model.Version
		recent []model.Check
		want   model.Outcome
	}{
		{"a third replaced", rewritten, nil, model.OutcomeLargeChange},
		{"a third replaced, served again", rewritten, served(model.OutcomeLargeChange, rewritten), model.OutcomeNewVersion},
		{"a different large change before", rewritten, served(model.OutcomeLargeChange, cut), model.OutcomeLargeChange},
		{"paragraphs moved", swapped, nil, model.OutcomeNewVersion},
		{"two thirds cut", cut, nil, model.OutcomeLargeLoss},
		{"two thirds cut, served again", cut, served(model.OutcomeLargeLoss, cut), model.OutcomeNewVersion},
		{"a sentence appended", appended, nil, model.OutcomeNewVersion},
		{"a counter ticked", counted(4), nil, model.OutcomeNumbersOnly},
		{"a counter ticked, then the same served", counted(4), served(model.OutcomeNumbersOnly, counted(4)), model.OutcomeNewVersion},
		{"a counter ticked again", counted(5), served(model.OutcomeNumbersOnly, counted(4)), model.OutcomeNumbersOnly},
	}
	for _, tt := range tests {
		if got := Sudden(base, tt.cand, tt.recent); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
