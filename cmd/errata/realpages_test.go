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
	t.Logf("realpages: articles %d/%d revisions %d/%d recall %.3f spurious %d text_f1 %.3f titles %.2f",
		s.Found, s.Articles, s.Matched, s.Revisions, s.Recall, s.Spurious, s.TextF1, s.Titles)
	explainMisses(t, nr, truth, got)

	if s.Found != s.Articles || len(got) != len(truth) {
		t.Errorf("tracked %d articles, found %d of %d true ones", len(got), s.Found, s.Articles)
	}
	// Every real revision and nothing else.
	if s.Matched != s.Revisions {
		t.Errorf("revision recall %.3f: %d of %d true versions recorded, want all", s.Recall, s.Matched, s.Revisions)
	}
	if s.Spurious != 0 {
		t.Errorf("%d spurious versions, want 0", s.Spurious)
	}
	if s.TextF1 < 0.98 {
		t.Errorf("final text F1 %.3f, want ≥ 0.98", s.TextF1)
	}
	if s.Titles < 0.98 {
		t.Errorf("titles %.3f, want ≥ 0.98", s.Titles)
	}
}

// explainMisses logs which churn made the spurious versions and which
// kinds of revision went unrecorded, so a failure points at its cause.
func explainMisses(t *testing.T, nr *realpages.Newsroom, truth []newsroom.TruthArticle, got []newsroom.Recorded) {
	t.Helper()
	byURL := map[string]newsroom.Recorded{}
	for _, r := range got {
		byURL[r.URL] = r
	}
	spurious, missed := map[string]int{}, map[string]int{}
	// The first few spurious versions are always shown, so a failure on a
	// machine nobody can watch still names what changed.
	const alwaysShown = 5
	shown := 0
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
				for i, tv := range a.Versions {
					var row []string
					for _, rv := range r.Versions {
						row = append(row, fmt.Sprintf("%.3f", newsroom.TokenF1(tv.Title+" "+tv.Text, rv.Title+" "+rv.Text)))
					}
					t.Logf("  true v%d (%s) %q: %s", i, tv.Kind, tv.Title, strings.Join(row, " "))
				}
				for j, rv := range r.Versions {
					t.Logf("  recorded v%d %q", j, rv.Title)
				}
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
			if shown++; os.Getenv(realpagesDebug) != "" || shown <= alwaysShown {
				prev := r.Versions[j-1]
				added, removed := realpages.ParagraphDiff(prev.Text, v.Text)
				t.Logf("spurious %s v%d %v\n  title %q -> %q\n  byline %q -> %q\n  added %q\n  removed %q",
					a.URL, j, kinds, prev.Title, v.Title, prev.Byline, v.Byline, clipAll(added), clipAll(removed))
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
