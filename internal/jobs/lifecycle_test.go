package jobs

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

func (f *fixture) events(t *testing.T) []model.Event {
	t.Helper()
	evs, err := f.st.ArticleEvents(context.Background(), f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

func kinds(evs []model.Event) string {
	var out []model.EventKind
	for _, e := range evs {
		out = append(out, e.Kind)
	}
	return fmt.Sprint(out)
}

// untilDue moves the clock to the article's next check and runs it as the
// queue would.
func (f *fixture) untilDue(t *testing.T) (CheckResult, bool) {
	t.Helper()
	if f.a.NextCheck.IsZero() {
		return CheckResult{}, false
	}
	f.now = f.a.NextCheck
	res, ok, err := f.e.CheckDue(context.Background(), f.a.ID)
	if err != nil {
		t.Fatalf("CheckDue: %v", err)
	}
	if ok {
		f.a = res.Article
	}
	return res, ok
}

func TestCheck_GoneArticleIsWatchedAndComesBack(t *testing.T) {
	var gone atomic.Bool
	title := "Council approves budget"
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			http.Error(w, "gone", http.StatusGone)
			return
		}
		fmt.Fprint(w, page(title, "The council approved the budget on Tuesday.", 1))
	})
	f.check(t)
	gone.Store(true)
	for range 3 {
		f.check(t)
	}
	if f.a.State != model.StateGone || f.a.NextCheck.IsZero() {
		t.Fatalf("after three 410s: state %s next %v; want gone, still watched", f.a.State, f.a.NextCheck)
	}
	wentAt := f.a.LastChecked
	evs := f.events(t)
	if kinds(evs) != "[gone]" || evs[0].Status != http.StatusGone || evs[0].CheckID == 0 {
		t.Fatalf("events %+v, want one gone event with status 410 and its check", evs)
	}
	// Still gone a few days on: checked about daily, no second event.
	for range 3 {
		if _, ok := f.untilDue(t); !ok {
			t.Fatal("a gone article was not checked for its return")
		}
	}
	if gap := f.a.NextCheck.Sub(f.a.LastChecked); gap < 20*time.Hour || gap > 28*time.Hour {
		t.Errorf("gone article's next check in %v, want about a day", gap)
	}
	if kinds(f.events(t)) != "[gone]" {
		t.Fatalf("events %v while still gone, want the one gone event", kinds(f.events(t)))
	}
	// Back with a new headline: back, and a new version as usual.
	gone.Store(false)
	title = "Council approves revised budget"
	res, _ := f.untilDue(t)
	if res.Outcome == model.OutcomeConfirming {
		f.now = f.now.Add(time.Second)
		res = f.fetch(t, 0)
	}
	if f.a.State != model.StateActive || res.Version == nil || res.Version.Seq != 1 {
		t.Fatalf("back: state %s outcome %s; want active and version 1", f.a.State, res.Outcome)
	}
	evs = f.events(t)
	if kinds(evs) != "[gone back]" || evs[1].Status != http.StatusOK || !evs[1].At.After(wentAt) {
		t.Fatalf("events %+v, want gone then back", evs)
	}
}

func TestCheck_GoneArticleIsNoLongerWatchedAfterFourWeeks(t *testing.T) {
	var gone atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if gone.Load() {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	f.check(t)
	gone.Store(true)
	for range 3 {
		f.check(t)
	}
	went := f.a.LastChecked
	checks := 0
	for {
		if _, ok := f.untilDue(t); !ok {
			break
		}
		if checks++; checks > 40 {
			t.Fatal("a gone article is still checked after 40 looks")
		}
	}
	if f.a.State != model.StateGone || f.a.LastChecked.Sub(went) < 27*24*time.Hour || checks < 20 {
		t.Fatalf("stopped after %d looks, %v after it went, state %s; want about 28 daily looks", checks, f.a.LastChecked.Sub(went), f.a.State)
	}
	due, err := f.st.DueArticles(context.Background(), f.now.Add(365*24*time.Hour), 0)
	if err != nil || len(due) != 0 {
		t.Fatalf("due articles a year on: %d, %v; want none", len(due), err)
	}
}

func TestCheck_PermanentRedirectWithinTheSiteIsAMovedEvent(t *testing.T) {
	var redirect atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if redirect.Load() && r.URL.Path == "/story" {
			http.Redirect(w, r, "/story-new-slug", http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	var told []model.Event
	f.e.OnEvent = func(_ context.Context, _ model.Article, ev model.Event) { told = append(told, ev) }
	f.check(t)
	old := f.a.URL
	redirect.Store(true)
	f.check(t)
	f.check(t) // the new URL is checked directly now: no second move
	evs := f.events(t)
	if kinds(evs) != "[moved]" || evs[0].OldURL != old || evs[0].NewURL != f.srv.URL+"/story-new-slug" {
		t.Fatalf("events %+v, want one move from %s to the new slug", evs, old)
	}
	if len(told) != 1 || told[0].ID != evs[0].ID || told[0].ArticleID != f.a.ID {
		t.Fatalf("OnEvent told %+v, want the move with its id", told)
	}
}

func TestCheck_FlipFlopEpisodeIsOneEvent(t *testing.T) {
	body := "The council approved the budget on Tuesday."
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", body, n.Add(1)))
	})
	a := "The council approved the budget on Tuesday."
	b := "The council approved the budget on Tuesday night after a long debate."
	f.check(t) // v0
	body = b
	f.check(t) // v1
	body = a
	f.check(t) // v0 served again: the episode opens
	body = b
	f.check(t) // v1, the latest: unchanged, the episode ends
	body = a
	f.check(t) // v0 again: a second episode
	f.check(t) // ... still the same episode
	evs := f.events(t)
	if kinds(evs) != "[flip_flop flip_flop]" || evs[0].Seq != 0 || evs[1].Seq != 0 {
		t.Fatalf("events %+v, want two flip-flop episodes, each serving version 0", evs)
	}
	page, err := f.st.Events(context.Background(), store.EventQuery{Kinds: []model.EventKind{model.EventFlipFlop}})
	if err != nil || len(page) != 2 {
		t.Fatalf("flip-flop events listed: %d, %v", len(page), err)
	}
}
