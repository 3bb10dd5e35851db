package score_test

import (
	"errors"
	"math"
	"testing"

	"github.com/errata/errata/internal/extract/benchmark"
	"github.com/errata/errata/internal/extract/benchmark/corpus"
	"github.com/errata/errata/internal/extract/benchmark/score"
)

// published are evaluate.py's figures (python3 evaluate.py in a copy of the
// corpus folder) for the outputs shipped with the corpus.
var published = []struct {
	name                       string
	f1, precision, recall, acc float64
}{
	{"AutoExtract", 0.970022, 0.984493, 0.955970, 0.469613},
	{"Diffbot", 0.950920, 0.958121, 0.943827, 0.348066},
	{"go_domdistiller", 0.927428, 0.900789, 0.955690, 0.060773},
	{"go_readability", 0.934115, 0.899966, 0.970957, 0.187845},
	{"go_readability_fork", 0.946738, 0.913952, 0.981963, 0.165746},
	{"go_trafilatura", 0.959684, 0.940304, 0.979880, 0.287293},
	{"goose3", 0.896417, 0.940276, 0.856467, 0.232044},
	{"justext", 0.803829, 0.858198, 0.755938, 0.088398},
	{"news_please", 0.948147, 0.963646, 0.933139, 0.325967},
	{"newspaper", 0.948664, 0.963877, 0.933924, 0.325967},
	{"readability", 0.922282, 0.913290, 0.931453, 0.314917},
	{"readability_js", 0.946748, 0.913944, 0.981993, 0.165746},
	{"rs_trafilatura", 0.969955, 0.951014, 0.989665, 0.287293},
	{"trafilatura", 0.957503, 0.938289, 0.977519, 0.292818},
}

func TestEvaluate_ReproducesEvaluatePy(t *testing.T) {
	c, err := corpus.Open(benchmark.FindData())
	if errors.Is(err, corpus.ErrMissing) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	truth := c.Bodies()
	for _, want := range published {
		t.Run(want.name, func(t *testing.T) {
			pred, err := c.PublishedOutput(want.name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := score.Evaluate(truth, pred, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []struct {
				field     string
				got, want float64
			}{
				{"f1", got.F1, want.f1}, {"precision", got.Precision, want.precision},
				{"recall", got.Recall, want.recall}, {"accuracy", got.Accuracy, want.acc},
			} {
				if math.Abs(f.got-f.want) > 5e-6 {
					t.Errorf("%s = %.6f, evaluate.py says %.6f", f.field, f.got, f.want)
				}
			}
		})
	}
}

func TestTokens_MatchPythonWordRegexp(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Hello, world_1!", []string{"Hello", "world_1"}},
		{"Привет мир", []string{"Привет", "мир"}},
		{"東京で会議", []string{"東京で会議"}},
		{"café ½ 42", []string{"café", "½", "42"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := score.Tokens(tt.in)
		if len(got) != len(tt.want) {
			t.Fatalf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
			}
		}
	}
}

func TestMatch_ShortAndEmptyTexts(t *testing.T) {
	tests := []struct {
		name, truth, pred string
		want              score.Page
	}{
		{"identical", "one two three four five", "one two three four five", score.Page{TP: 1}},
		{"short text is one shingle", "one two", "one two", score.Page{TP: 1}},
		{"empty prediction", "one two three four", "", score.Page{FN: 1}},
		{"both empty", "", "", score.Page{}},
		{"extra text", "a b c d", "a b c d e", score.Page{TP: 1.0 / 2, FP: 1.0 / 2}},
	}
	for _, tt := range tests {
		if got := score.Match(tt.truth, tt.pred); got != tt.want {
			t.Errorf("%s: Match = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestEvaluate_MissingKeyIsError(t *testing.T) {
	_, err := score.Evaluate(map[string]string{"a": "x"}, map[string]string{"b": "x"}, 1)
	if !errors.Is(err, score.ErrKeys) {
		t.Fatalf("err = %v, want ErrKeys", err)
	}
}
