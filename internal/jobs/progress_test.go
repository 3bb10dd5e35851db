package jobs

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/errata/errata/internal/model"
)

// TestCrawl_TellsEachStepToOnCrawl: every poll and check of a pass is
// told as it happens, and the checks announced add up to the checks made,
// confirmations included, so a caller can show done/total.
func TestCrawl_TellsEachStepToOnCrawl(t *testing.T) {
	var n int64
	var nmu sync.Mutex
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			http.Error(w, "down", http.StatusInternalServerError)
		case "/gone":
			http.NotFound(w, r)
		default:
			nmu.Lock()
			n++ // a new paragraph on every fetch after the first: a change to confirm
			body := "The council approved the budget on Tuesday."
			if n > 1 {
				body += fmt.Sprintf(" It was debated for %d hours.", n)
			}
			nmu.Unlock()
			fmt.Fprint(w, page("Council approves budget", body, 1))
		}
	})
	ctx := context.Background()
	f.check(t)
	if _, _, err := f.st.AddSource(ctx, model.Source{OutletID: f.a.OutletID, URL: f.srv.URL + "/feed.xml", Kind: model.SourceFeed, NextPoll: f.now}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.st.AddArticle(ctx, model.Article{OutletID: f.a.OutletID, URL: f.srv.URL + "/gone", FirstSeen: f.now, NextCheck: f.now, State: model.StateActive}); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var events []CrawlEvent
	f.e.OnCrawl = func(ev CrawlEvent) {
		mu.Lock()
		defer mu.Unlock()
		events = append(events, ev)
	}
	stats, err := f.e.Crawl(ctx, true, 2)
	if err != nil {
		t.Fatal(err)
	}
	var plannedSources, plannedChecks, polled, checked int
	outcomes := map[model.Outcome]int{}
	for _, ev := range events {
		plannedSources += ev.PlannedSources
		plannedChecks += ev.PlannedChecks
		if ev.Source != "" {
			polled++
			if ev.Err == nil || ev.Source != f.srv.URL+"/feed.xml" {
				t.Errorf("poll of %s told with error %v, want the server's error", ev.Source, ev.Err)
			}
		}
		if ev.Article != "" {
			checked++
			outcomes[ev.Check.Outcome]++
			if ev.Check.Outcome == model.OutcomeGone && ev.Check.Status != http.StatusNotFound {
				t.Errorf("gone check told with status %d, want 404", ev.Check.Status)
			}
		}
	}
	if plannedSources != 1 || polled != 1 {
		t.Errorf("sources: %d planned, %d told; want 1 and 1", plannedSources, polled)
	}
	if plannedChecks != checked || checked != stats.Checks {
		t.Errorf("checks: %d planned, %d told, %d in the stats; want all equal", plannedChecks, checked, stats.Checks)
	}
	if outcomes[model.OutcomeConfirming] != 1 || outcomes[model.OutcomeGone] != 1 {
		t.Errorf("outcomes told %v; want a confirmation fetch and a gone check among them", outcomes)
	}
}
