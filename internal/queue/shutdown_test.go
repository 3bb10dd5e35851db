package queue

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
)

// gate is an article server whose pages can be held until released, to
// catch a check in flight.
type gate struct {
	srv     *httptest.Server
	hold    atomic.Bool
	release chan struct{}
	served  atomic.Int64
}

func newGate(t *testing.T) *gate {
	t.Helper()
	g := &gate{release: make(chan struct{})}
	g.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if g.hold.Load() {
			select {
			case <-g.release:
			case <-r.Context().Done():
				return
			}
		}
		n := g.served.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page("Council approves budget", "The council approved the budget on Monday after a long debate.", n)))
	}))
	t.Cleanup(g.srv.Close)
	return g
}

// addHeld tracks the gate's article, then holds its pages and starts a
// queue that will be caught checking it.
func addHeld(t *testing.T, e *jobs.Engine, g *gate, grace time.Duration) (*Queue, model.Article) {
	t.Helper()
	ctx := context.Background()
	added, err := e.AddURL(ctx, g.srv.URL+"/story", "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Store.ArticleByURL(ctx, added.URL)
	if err != nil {
		t.Fatal(err)
	}
	g.hold.Store(true)
	q := newQueue(t, e, Config{Grace: grace})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a check in flight", func() bool { return jobStates(t, q, KindCheck)["running"] == 1 })
	return q, a
}

func countChecks(t *testing.T, e *jobs.Engine, a model.Article) int {
	t.Helper()
	n, err := e.Store.CountChecks(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQueue_StopCancelsAHungCheckWhichRecordsNothingAndIsRetried(t *testing.T) {
	ctx := context.Background()
	e := newQueueEngine(t)
	g := newGate(t)
	q, a := addHeld(t, e, g, 100*time.Millisecond)
	if err := q.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if n := countChecks(t, e, a); n != 1 {
		t.Fatalf("checks after a cancelled check: %d, want 1 (the one add made)", n)
	}
	if vs := recorded(t, e.Store); len(vs) != 1 || len(vs[0].Versions) != 1 {
		t.Fatalf("store after stop: %+v, want one article with one version", vs)
	}

	// A restarted queue retries the cancelled job; the scheduler cannot
	// add a second one while it waits.
	g.hold.Store(false)
	q2 := newQueue(t, e, Config{})
	states := jobStates(t, q2, KindCheck)
	if states["retryable"]+states["available"] != 1 || len(states) != 1 {
		t.Errorf("cancelled check job states %v, want one waiting to be retried", states)
	}
	if err := q2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q2.Stop(ctx)
	waitFor(t, "the retried check", func() bool { return countChecks(t, e, a) >= 2 })
}

func TestQueue_StopLetsAnInFlightCheckFinish(t *testing.T) {
	ctx := context.Background()
	e := newQueueEngine(t)
	g := newGate(t)
	q, a := addHeld(t, e, g, waitBound)
	stopped := make(chan error, 1)
	go func() { stopped <- q.Stop(ctx) }()
	// The check is released only once Stop has begun, so it finishes
	// inside the grace period.
	time.Sleep(100 * time.Millisecond)
	close(g.release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if n := countChecks(t, e, a); n != 2 {
		t.Errorf("checks after a graceful stop: %d, want 2", n)
	}
}
