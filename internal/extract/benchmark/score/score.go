// Package score is a Go port of the article-extraction-benchmark scorer
// (evaluate.py): 4-token shingles counted with repeats, per-page tp/fp/fn
// normalised to sum to 1, precision and recall averaged over pages, F1 from
// those two means, and accuracy as the share of pages whose tokens match
// exactly. Reimplementing it lets the benchmark run without Python; the
// test holds it to evaluate.py's published numbers.
package score

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
)

// ShingleSize is evaluate.py's ngram_n.
const ShingleSize = 4

// Bootstraps is how many resamples give the ± figures (evaluate.py's default).
const Bootstraps = 1000

// ErrKeys means the prediction does not cover exactly the ground truth's pages.
var ErrKeys = errors.New("score: prediction keys do not match ground truth")

// Page is one page's normalised shingle counts.
type Page struct{ TP, FP, FN float64 }

// Metrics is a scored run.
type Metrics struct {
	F1, Precision, Recall, Accuracy             float64
	F1Std, PrecisionStd, RecallStd, AccuracyStd float64
	Pages                                       []Page
}

// Tokens returns text's words as Python's re \w+ finds them: runs of
// letters, numbers and '_' (Go's \w is ASCII only).
func Tokens(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

// shingles counts the ShingleSize-token windows of tokens; a text shorter
// than a window is one shingle of all its tokens, as in evaluate.py.
func shingles(tokens []string) map[string]int {
	out := make(map[string]int, len(tokens))
	for i := 0; i < max(1, len(tokens)-ShingleSize+1); i++ {
		w := tokens[i:min(i+ShingleSize, len(tokens))]
		if len(w) > 0 {
			out[strings.Join(w, " ")]++
		}
	}
	return out
}

// Match scores one page: tp/fp/fn over shingles, normalised to sum to 1 so
// long pages do not weigh more.
func Match(truth, pred string) Page {
	ts, ps := shingles(Tokens(truth)), shingles(Tokens(pred))
	var p Page
	for k, tc := range ts {
		pc := ps[k]
		p.TP += float64(min(tc, pc))
		p.FN += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		p.FP += float64(max(0, pc-ts[k]))
	}
	if s := p.TP + p.FP + p.FN; s > 0 {
		p.TP, p.FP, p.FN = p.TP/s, p.FP/s, p.FN/s
	}
	return p
}

// Exact reports whether both texts have the same tokens (evaluate.py's
// accuracy for one page).
func Exact(truth, pred string) bool {
	a, b := Tokens(truth), Tokens(pred)
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Evaluate scores predictions against the ground truth (both keyed by page
// id, values the article body). seed fixes the bootstrap resampling.
func Evaluate(truth, pred map[string]string, seed uint64) (Metrics, error) {
	if len(truth) != len(pred) {
		return Metrics{}, fmt.Errorf("%w: %d pages, %d predictions", ErrKeys, len(truth), len(pred))
	}
	var m Metrics
	acc := make([]float64, 0, len(truth))
	for id, t := range truth {
		p, ok := pred[id]
		if !ok {
			return Metrics{}, fmt.Errorf("%w: no prediction for %s", ErrKeys, id)
		}
		m.Pages = append(m.Pages, Match(t, p))
		acc = append(acc, boolFloat(Exact(t, p)))
	}
	m.Precision, m.Recall, m.F1 = pooled(m.Pages)
	m.Accuracy = mean(acc)
	m.bootstrap(acc, rand.New(rand.NewPCG(seed, seed)))
	return m, nil
}

// pooled averages precision over pages that predicted something and recall
// over pages that have a truth, then takes F1 of the two means.
func pooled(pages []Page) (precision, recall, f1 float64) {
	var ps, rs []float64
	for _, p := range pages {
		if p.TP+p.FP > 0 {
			ps = append(ps, ratio(p.TP, p.FP, p))
		}
		if p.TP+p.FN > 0 {
			rs = append(rs, ratio(p.TP, p.FN, p))
		}
	}
	precision, recall = mean(ps), mean(rs)
	if precision+recall > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

// ratio is evaluate.py's precision_score/recall_score: tp/(tp+miss), with a
// page that has neither false positives nor false negatives scoring 1.
func ratio(tp, miss float64, p Page) float64 {
	switch {
	case p.FP == 0 && p.FN == 0:
		return 1
	case tp == 0 && miss == 0:
		return 0
	}
	return tp / (tp + miss)
}

func (m *Metrics) bootstrap(acc []float64, r *rand.Rand) {
	n := len(m.Pages)
	if n == 0 {
		return
	}
	var f1s, precs, recs, accs []float64
	sample := make([]Page, n)
	sampleAcc := make([]float64, n)
	for range Bootstraps {
		for i := range sample {
			j := r.IntN(n)
			sample[i], sampleAcc[i] = m.Pages[j], acc[j]
		}
		p, rc, f := pooled(sample)
		f1s, precs, recs = append(f1s, f), append(precs, p), append(recs, rc)
		accs = append(accs, mean(sampleAcc))
	}
	m.F1Std, m.PrecisionStd, m.RecallStd, m.AccuracyStd = stdev(f1s), stdev(precs), stdev(recs), stdev(accs)
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// stdev is the sample standard deviation, as Python's statistics.stdev.
func stdev(xs []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	mu, s := mean(xs), 0.0
	for _, x := range xs {
		s += (x - mu) * (x - mu)
	}
	return math.Sqrt(s / float64(len(xs)-1))
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
