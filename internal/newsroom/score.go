package newsroom

import (
	"strings"
)

// matchF1 is the least token F1 at which a recorded version can stand for
// a true one. Real revisions in the script change a few words of several
// hundred, so neighbouring true versions both clear it: the alignment,
// not the threshold, tells them apart.
const matchF1 = 0.9

// nearestFloor is the least token F1 at which a recorded version and a
// true one that are each other's unique nearest may stand for each other.
// It is for pages whose extraction differs from the truth by the same
// block in every version (an embedded post kept by one and not the
// other): every version then falls below matchF1, although each recorded
// version stands for exactly one true one. How far the extraction is off
// is TextF1's business, not the alignment's.
const nearestFloor = 0.5

// Recorded is what a tracker recorded of one article, for scoring.
type Recorded struct {
	URL      string
	Versions []TruthVersion // oldest first; Kind and Step are ignored
}

// Score compares what a tracker recorded with the newsroom's truth.
type Score struct {
	Articles  int     // true articles
	Found     int     // true articles the tracker knows, by URL or alias
	Revisions int     // true versions, over all articles
	Matched   int     // recorded versions aligned with a true version
	Spurious  int     // recorded versions aligned with none
	Recall    float64 // Matched / Revisions
	TextF1    float64 // mean token F1 of the latest recorded against the latest true text
	Titles    float64 // share of matched versions whose title is exactly the true one
	Bylines   float64 // share of matched versions whose byline is exactly the true one
}

// ScoreAgainst scores recorded articles against the truth. Articles are
// matched by URL or alias; versions by an order-preserving alignment on
// text similarity, so one spurious or missed version costs exactly one.
func ScoreAgainst(truth []TruthArticle, got []Recorded) Score {
	byURL := make(map[string]Recorded, len(got))
	for _, r := range got {
		byURL[r.URL] = r
	}
	var s Score
	var f1Sum float64
	var titles, bylines int
	for _, t := range truth {
		s.Articles++
		s.Revisions += len(t.Versions)
		r, ok := find(byURL, t)
		if !ok {
			continue
		}
		s.Found++
		pairs := align(t.Versions, r.Versions)
		s.Matched += len(pairs)
		s.Spurious += len(r.Versions) - len(pairs)
		for _, p := range pairs {
			if t.Versions[p[0]].Title == r.Versions[p[1]].Title {
				titles++
			}
			if t.Versions[p[0]].Byline == r.Versions[p[1]].Byline {
				bylines++
			}
		}
		if len(r.Versions) > 0 && len(t.Versions) > 0 {
			f1Sum += TokenF1(t.Versions[len(t.Versions)-1].Text, r.Versions[len(r.Versions)-1].Text)
		}
	}
	s.Recall = ratio(s.Matched, s.Revisions)
	s.TextF1 = f1Sum / float64(max(s.Articles, 1))
	s.Titles = ratio(titles, s.Matched)
	s.Bylines = ratio(bylines, s.Matched)
	return s
}

func find(byURL map[string]Recorded, t TruthArticle) (Recorded, bool) {
	if r, ok := byURL[t.URL]; ok {
		return r, true
	}
	for _, a := range t.Aliases {
		if r, ok := byURL[a]; ok {
			return r, true
		}
	}
	return Recorded{}, false
}

// align returns the longest order-preserving list of (true, recorded)
// index pairs whose texts are similar, preferring the most similar pairs
// among alignments of equal length.
func align(truth, rec []TruthVersion) [][2]int {
	n, m := len(truth), len(rec)
	type cell struct {
		count int
		sim   float64
	}
	sim := make([][]float64, n)
	for i := range truth {
		sim[i] = make([]float64, m)
		for j := range rec {
			sim[i][j] = TokenF1(truth[i].Title+" "+truth[i].Text, rec[j].Title+" "+rec[j].Text)
		}
	}
	// For the nearest test, the headline and the text are compared apart:
	// in one bag of words, a headline's new words can look nearer to a
	// text that holds them elsewhere.
	near := make([][]float64, n)
	for i := range truth {
		near[i] = make([]float64, m)
		for j := range rec {
			near[i][j] = TokenF1(truth[i].Text, rec[j].Text)
			if truth[i].Title == rec[j].Title {
				near[i][j]++
			}
		}
	}
	pairable := func(i, j int) bool {
		return sim[i][j] >= matchF1 || (sim[i][j] >= nearestFloor && nearest(near, i, j))
	}
	best := make([][]cell, n+1)
	for i := range best {
		best[i] = make([]cell, m+1)
	}
	better := func(a, b cell) bool { return a.count > b.count || (a.count == b.count && a.sim > b.sim) }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			c := best[i+1][j]
			if better(best[i][j+1], c) {
				c = best[i][j+1]
			}
			if pairable(i, j) {
				d := cell{best[i+1][j+1].count + 1, best[i+1][j+1].sim + sim[i][j]}
				if better(d, c) {
					c = d
				}
			}
			best[i][j] = c
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case pairable(i, j) && best[i][j] == (cell{best[i+1][j+1].count + 1, best[i+1][j+1].sim + sim[i][j]}):
			pairs = append(pairs, [2]int{i, j})
			i, j = i+1, j+1
		case best[i][j] == best[i+1][j]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// nearest reports whether true version i and recorded version j are each
// other's unique most similar version, by closeness (a same headline
// first, then the text's token F1).
func nearest(sim [][]float64, i, j int) bool {
	for k := range sim[i] {
		if k != j && sim[i][k] >= sim[i][j] {
			return false
		}
	}
	for k := range sim {
		if k != i && sim[k][j] >= sim[i][j] {
			return false
		}
	}
	return true
}

// TokenF1 is the bag-of-words F1 of two texts over whitespace tokens, as
// extraction benchmarks score article bodies.
func TokenF1(want, got string) float64 {
	w, g := strings.Fields(want), strings.Fields(got)
	if len(w) == 0 && len(g) == 0 {
		return 1
	}
	if len(w) == 0 || len(g) == 0 {
		return 0
	}
	counts := make(map[string]int, len(w))
	for _, t := range w {
		counts[t]++
	}
	common := 0
	for _, t := range g {
		if counts[t] > 0 {
			counts[t]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(g)), float64(common)/float64(len(w))
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Align pairs true and recorded versions as ScoreAgainst does: the
// recorded versions left unpaired are the spurious ones.
func Align(truth, rec []TruthVersion) [][2]int { return align(truth, rec) }
