package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
)

// page renders a small news article; churn varies on every call.
func page(title, body string, churn int64) string {
	return fmt.Sprintf(`<!doctype html><html><head><title>%s</title></head><body>
<div class="ad-slot" id="ad-%d">Advertisement</div>
<article><h1>%s</h1>
<p>%s</p>
<p>The council will meet again next month to discuss the remaining items on its agenda, officials said.</p>
<p>Residents can read the full plan on the city's website and comment until the end of the year.</p>
</article>
<aside class="most-read"><a href="/x%d">Most read story %d</a></aside>
</body></html>`, title, churn, title, body, churn, churn)
}

type fixture struct {
	e   *Engine
	st  *store.Store
	srv *httptest.Server
	a   model.Article
	now time.Time
}

func newFixture(t *testing.T, h http.HandlerFunc) *fixture {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	f := &fixture{st: st, srv: srv, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	f.e = NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	f.e.Now = func() time.Time { return f.now }
	o, err := st.EnsureOutlet(ctx, "test", strings.TrimPrefix(srv.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	f.a, _, err = st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: srv.URL + "/story", FirstSeen: f.now, NextCheck: f.now, State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// check runs one check an hour after the previous one and, when it asks
// for one, its confirmation a second later; it returns the last result.
func (f *fixture) check(t *testing.T) CheckResult {
	t.Helper()
	res := f.fetch(t, time.Hour)
	if res.Outcome == model.OutcomeConfirming {
		res = f.fetch(t, time.Second)
	}
	return res
}

// fetch runs one check after d.
func (f *fixture) fetch(t *testing.T, d time.Duration) CheckResult {
	t.Helper()
	f.now = f.now.Add(d)
	res, err := f.e.CheckArticle(context.Background(), f.a)
	if err != nil {
		t.Fatalf("CheckArticle: %v", err)
	}
	f.a = res.Article
	return res
}

func (f *fixture) versions(t *testing.T) []model.Version {
	t.Helper()
	vs, err := f.st.Versions(context.Background(), f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func outcomes(t *testing.T, f *fixture, n int) []model.Outcome {
	t.Helper()
	var out []model.Outcome
	for range n {
		out = append(out, f.check(t).Outcome)
	}
	return out
}

func TestCheck_ChurnOnlyRecordsNoVersion(t *testing.T) {
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", n.Add(1)))
	})
	got := outcomes(t, f, 4)
	want := []model.Outcome{model.OutcomeNewVersion, model.OutcomeUnchanged, model.OutcomeUnchanged, model.OutcomeUnchanged}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
}

func TestCheck_IdenticalBytesSkipExtraction(t *testing.T) {
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	if got := outcomes(t, f, 2); got[1] != model.OutcomeSameBytes {
		t.Fatalf("second check %s, want %s", got[1], model.OutcomeSameBytes)
	}
}

func TestCheck_NotModifiedCostsNothing(t *testing.T) {
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	if got := outcomes(t, f, 2); got[1] != model.OutcomeNotModified {
		t.Fatalf("second check %s, want %s", got[1], model.OutcomeNotModified)
	}
}

func TestCheck_HeadlineChangeIsAClassifiedVersion(t *testing.T) {
	title := "Council approves budget"
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page(title, "The council approved the budget on Tuesday.", n.Add(1)))
	})
	f.check(t)
	title = "Council approves budget after late-night vote"
	res := f.check(t)
	if res.Version == nil || res.Version.Seq != 1 || len(res.Version.Classes) == 0 || res.Version.Classes[0] != "headline" {
		t.Fatalf("got %+v, want version 1 classed headline", res.Version)
	}
}

func TestCheck_FlipFlopNeedsThreeConsistentChecks(t *testing.T) {
	body := "The council approved the budget on Tuesday."
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", body, n.Add(1)))
	})
	f.check(t) // A: v0
	body = "The council approved the budget on Tuesday night."
	f.check(t) // B: v1
	body = "The council approved the budget on Tuesday."
	got := outcomes(t, f, 3) // A again, served consistently
	want := []model.Outcome{model.OutcomeFlipFlop, model.OutcomeFlipFlop, model.OutcomeNewVersion}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("outcomes %v, want %v", got, want)
	}
	if vs := f.versions(t); len(vs) != 3 || vs[2].Hash != vs[0].Hash {
		t.Fatalf("%d versions; want the revert recorded as v2 equal to v0", len(vs))
	}
}

func TestCheck_GoneAfterThreeNotFoundKeepsVersions(t *testing.T) {
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
	for i := 1; i <= 3; i++ {
		res := f.check(t)
		wantState := model.StateActive
		if i == 3 {
			wantState = model.StateGone
		}
		if res.Outcome != model.OutcomeGone || res.Article.State != wantState {
			t.Fatalf("404 #%d: outcome %s state %s, want gone/%s", i, res.Outcome, res.Article.State, wantState)
		}
	}
	if vs := f.versions(t); len(vs) != 1 {
		t.Fatalf("%d versions after the article went, want 1 kept", len(vs))
	}
}

func TestCheck_ServerErrorBacksOff(t *testing.T) {
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "overloaded", http.StatusServiceUnavailable)
	})
	first := f.check(t)
	second := f.check(t)
	if first.Outcome != model.OutcomeError || second.Article.Errors != 2 {
		t.Fatalf("outcome %s errors %d, want error and 2 consecutive errors", first.Outcome, second.Article.Errors)
	}
	gap1 := first.Article.NextCheck.Sub(first.Article.LastChecked)
	gap2 := second.Article.NextCheck.Sub(second.Article.LastChecked)
	if gap2 <= gap1 {
		t.Errorf("back-off did not grow: %v then %v", gap1, gap2)
	}
}

func TestCheck_ExtractorUpgradeMakesNoVersion(t *testing.T) {
	html := page("Council approves budget", "The council approved the budget on Tuesday.", 1)
	var n atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", n.Add(1)))
	})
	// A version recorded by an older extractor that also kept the advert.
	ctx := context.Background()
	capHash, blob, err := archive.Pack([]byte(html))
	if err != nil {
		t.Fatal(err)
	}
	oldText := "Advertisement\n\nThe council approved the budget on Tuesday."
	v := &model.Version{Seq: 0, FetchedAt: f.now, Title: "Council approves budget", Text: oldText,
		Hash: revise.Hash("Council approves budget", "", oldText), CaptureHash: capHash, Extractor: "0"}
	capt := &model.Capture{Hash: capHash, URL: f.a.URL, Status: 200, Header: map[string][]string{"Content-Type": {"text/html"}}, FetchedAt: f.now, Body: blob}
	if _, err := f.st.Record(ctx, store.CheckRecord{Article: f.a, Check: model.Check{At: f.now, Outcome: model.OutcomeNewVersion}, Capture: capt, Version: v}); err != nil {
		t.Fatal(err)
	}
	if res := f.check(t); res.Outcome != model.OutcomeUnchanged {
		t.Fatalf("outcome %s after an extractor upgrade, want %s", res.Outcome, model.OutcomeUnchanged)
	}
}

func TestAddURL_ArticleJoinsTheOutletOfItsHost(t *testing.T) {
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	added, err := f.e.AddURL(context.Background(), f.srv.URL+"/other-story", "")
	if err != nil {
		t.Fatal(err)
	}
	if added.Outlet != "test" {
		t.Errorf("outlet %q, want the outlet already on this host", added.Outlet)
	}
}

func TestCheck_NewURLServingATrackedArticleMergesIntoIt(t *testing.T) {
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	ctx := context.Background()
	f.check(t) // the article's first version, at /story
	now := f.now
	moved, _, err := f.st.AddArticle(ctx, model.Article{OutletID: f.a.OutletID, URL: f.srv.URL + "/story-new-slug",
		FirstSeen: now, NextCheck: now, State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	res, err := f.e.CheckArticle(ctx, moved)
	if err != nil {
		t.Fatal(err)
	}
	if res.Outcome != model.OutcomeUnchanged || res.Article.ID != f.a.ID || res.Article.URL != moved.URL {
		t.Fatalf("got %s for article %d at %s; want unchanged, article %d at the new URL", res.Outcome, res.Article.ID, res.Article.URL, f.a.ID)
	}
	for _, u := range []string{f.srv.URL + "/story", moved.URL} {
		if a, err := f.st.ArticleByURL(ctx, u); err != nil || a.ID != f.a.ID {
			t.Errorf("%s is article %d (%v), want %d", u, a.ID, err, f.a.ID)
		}
	}
	if st, _ := f.st.Stats(ctx); st.Articles != 1 || st.Versions != 1 {
		t.Errorf("stats %+v: want one article with one version", st)
	}
}
