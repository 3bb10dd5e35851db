package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/errata/errata/internal/extract/benchmark"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/newsroom/realpages"
)

// realpagesArticles caps the pages served, one site each before any
// site's second page, so the run stays near two minutes on a small
// machine.
const realpagesArticles = 60

// realpagesDebug, when set, logs each spurious version's changed
// paragraphs.
const realpagesDebug = "REALPAGES_DEBUG"

func TestRealPages_RecordsExactlyTheRealRevisions(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	dir := benchmark.FindData()
	nr, err := realpages.Load(realpages.Config{Dir: dir, Seed: 11, Articles: realpagesArticles})
	if errors.Is(err, realpages.ErrMissing) {
		t.Skipf("realpages: benchmark data not found at %s; skipping", dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	nr.Start()
	defer nr.Close()
	kept, total := nr.Located()
	t.Logf("realpages: %d of %d pages located; %d articles over %d outlets, %d steps",
		kept, total, nr.Articles(), len(nr.Outlets()), realpages.Steps)

	data := t.TempDir()
	if d := os.Getenv("REALPAGES_DATA"); d != "" {
		data = d
	}
	for _, o := range nr.Outlets() {
		cli(t, data, "add", o.FeedURL)
	}
	for {
		for range crawlsPerStep {
			cli(t, data, "crawl", "--all")
		}
		if nr.Step() >= realpages.Steps-1 {
			break
		}
		nr.Advance()
	}
	for range finalCrawls {
		cli(t, data, "crawl", "--all")
	}

	got := exportRecorded(t, data)
	truth := nr.Truth()
	s := newsroom.ScoreAgainst(truth, got)
	t.Logf("realpages: articles %d/%d revisions %d recall %.2f spurious %d text_f1 %.3f titles %.2f",
		s.Found, s.Articles, s.Revisions, s.Recall, s.Spurious, s.TextF1, s.Titles)
	explainMisses(t, nr, truth, got)

	if s.Found != s.Articles || len(got) != len(truth) {
		t.Errorf("tracked %d articles, found %d of %d true ones", len(got), s.Found, s.Articles)
	}
	// The goal is every real revision and nothing else (recall 1.00,
	// spurious 0, text F1 and titles ≥ 0.98). What is left: two pages
	// whose extraction disagrees with the corpus's truth (embedded posts
	// kept by the truth, a company boilerplate dropped by it) by more than
	// the scorer's 0.9 text match, so their real revisions count as both
	// missed and spurious; one page where trafilatura's choice of block
	// flips with the furniture (three subheadings come and go); and one
	// where an appended correction is extracted only now and then. Until
	// they are fixed
	// the test holds the figures reached so far, with a little room for
	// the order in which concurrent checks learn an outlet's furniture, so
	// that nothing slips back unnoticed.
	if s.Recall < realpagesMinRecall {
		t.Errorf("revision recall %.3f, want ≥ %.2f (goal 1.00)", s.Recall, realpagesMinRecall)
	}
	if s.Spurious > realpagesMaxSpurious {
		t.Errorf("%d spurious versions, want ≤ %d (goal 0)", s.Spurious, realpagesMaxSpurious)
	}
	if s.TextF1 < realpagesMinTextF1 {
		t.Errorf("final text F1 %.3f, want ≥ %.3f (goal 0.98)", s.TextF1, realpagesMinTextF1)
	}
	if s.Titles < 0.98 {
		t.Errorf("titles %.3f, want ≥ 0.98", s.Titles)
	}
}

// Floors of the real-page score (see the test's closing comment).
const (
	realpagesMinRecall   = 0.95
	realpagesMaxSpurious = 14
	realpagesMinTextF1   = 0.98
)

// explainMisses logs which churn made the spurious versions and which
// kinds of revision went unrecorded, so a failure points at its cause.
func explainMisses(t *testing.T, nr *realpages.Newsroom, truth []newsroom.TruthArticle, got []newsroom.Recorded) {
	t.Helper()
	byURL := map[string]newsroom.Recorded{}
	for _, r := range got {
		byURL[r.URL] = r
	}
	spurious, missed := map[string]int{}, map[string]int{}
	for _, a := range truth {
		r := byURL[a.URL]
		pairs := newsroom.Align(a.Versions, r.Versions)
		paired, found := map[int]bool{}, map[int]bool{}
		for _, p := range pairs {
			found[p[0]], paired[p[1]] = true, true
		}
		for i, v := range a.Versions {
			if !found[i] {
				missed[string(v.Kind)]++
			}
		}
		if os.Getenv(realpagesDebug) != "" {
			logFinal(t, a, r)
			if len(pairs) != len(r.Versions) || len(pairs) != len(a.Versions) {
				t.Logf("unmatched %s: %d true, %d recorded, %d paired", a.URL, len(a.Versions), len(r.Versions), len(pairs))
			}
		}
		for j, v := range r.Versions {
			if paired[j] || j == 0 {
				continue
			}
			kinds := nr.Blame(r.Versions[j-1], v, r.Versions[:j-1])
			for _, k := range kinds {
				spurious[k]++
			}
			if os.Getenv(realpagesDebug) != "" {
				added, removed := realpages.ParagraphDiff(r.Versions[j-1].Text, v.Text)
				t.Logf("spurious %s v%d %v\n  added %q\n  removed %q", a.URL, j, kinds, clipAll(added), clipAll(removed))
			}
		}
	}
	t.Logf("realpages: spurious versions by cause: %s", counts(spurious))
	t.Logf("realpages: missed true versions by kind: %s", counts(missed))
}

// logFinal logs an article whose latest recorded title or text is off.
func logFinal(t *testing.T, a newsroom.TruthArticle, r newsroom.Recorded) {
	t.Helper()
	if len(r.Versions) == 0 {
		t.Logf("untracked %s", a.URL)
		return
	}
	want, got := a.Versions[len(a.Versions)-1], r.Versions[len(r.Versions)-1]
	if f1 := newsroom.TokenF1(want.Text, got.Text); f1 < 0.98 || want.Title != got.Title {
		t.Logf("final %s text_f1 %.3f\n  title %q\n  want  %q", a.URL, f1, got.Title, want.Title)
	}
}

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func clipAll(paras []string) []string {
	const most = 100
	var out []string
	for _, p := range paras {
		if r := []rune(p); len(r) > most {
			p = string(r[:most]) + "…"
		}
		out = append(out, p)
	}
	return out
}
