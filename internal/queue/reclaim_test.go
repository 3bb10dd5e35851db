package queue

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
)

// syncBuffer is a log sink the queue's goroutines may write to while the
// test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// claimAsKilledWorker takes every available job as a worker with client
// id owner would (River's own claim) and leaves them running: what a
// worker killed mid-job leaves in River's table.
func claimAsKilledWorker(t *testing.T, q *Queue, owner string) {
	t.Helper()
	res, err := q.exec.JobGetAvailable(context.Background(), &riverdriver.JobGetAvailableParams{
		ClientID: owner, MaxAttemptedBy: 100, MaxToLock: 100, Queue: river.QueueDefault,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Jobs) == 0 {
		t.Fatal("no job to claim")
	}
}

// TestQueue_RestartReclaimsJobsOfAKilledWorkerAtOnce: a worker was killed
// while it ran the scheduler pass and a check. Its jobs stay running in
// River's table; before, a restarted worker waited for River's rescuer (an
// hour by default): the running scheduler job blocked every pass and the
// running check blocked the article. Now the restarted worker reclaims
// them at start, says so, and the article is checked.
func TestQueue_RestartReclaimsJobsOfAKilledWorkerAtOnce(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page("Council approves budget", "The council approved the budget on Monday.", 1)))
	}))
	defer srv.Close()
	e := newQueueEngine(t)
	o, err := e.Store.EnsureOutlet(ctx, "test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: srv.URL + "/story",
		FirstSeen: e.Now().UTC(), NextCheck: e.Now().UTC(), State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}

	killed := newQueue(t, e, Config{})
	for _, args := range []river.JobArgs{SchedulerArgs{}, CheckArgs{ArticleID: a.ID}} {
		if _, err := killed.client.Insert(ctx, args, nil); err != nil {
			t.Fatal(err)
		}
	}
	claimAsKilledWorker(t, killed, "killed-worker")
	if err := killed.close(); err != nil {
		t.Fatal(err)
	}

	var log syncBuffer
	q := newQueue(t, e, Config{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	waitFor(t, "the article checked after the restart", func() bool { return countChecks(t, e, a) >= 1 })
	want := `msg="reclaimed jobs left running by a stopped worker" jobs=2 workers=[killed-worker]`
	if !strings.Contains(log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, log.String())
	}
}

// TestQueue_ReclaimLeavesALivePeersJobs: two workers share the database;
// one is running a check (held by the server). The other must not take
// that job while its worker's lease runs, and takes it once the lease is
// gone, as when that worker is killed.
func TestQueue_ReclaimLeavesALivePeersJobs(t *testing.T) {
	forEachEngine(t, func(t *testing.T, e *jobs.Engine) {
		ctx := context.Background()
		g := newGate(t)
		busy, _ := addHeld(t, e, g, 100*time.Millisecond)
		defer func() {
			close(g.release)
			busy.Stop(ctx)
		}()
		peer := newQueue(t, e, Config{})
		defer peer.close()
		if n, _, err := peer.reclaim(ctx); err != nil || n != 0 {
			t.Fatalf("reclaim beside a live worker: %d jobs, %v; want none", n, err)
		}
		if s := jobStates(t, peer, KindCheck); s["running"] != 1 {
			t.Fatalf("check jobs %v, want the live worker's still running", s)
		}
		if err := e.Store.ForgetWorker(ctx, busy.client.ID()); err != nil {
			t.Fatal(err)
		}
		n, owners, err := peer.reclaim(ctx)
		if err != nil || n == 0 || len(owners) != 1 || owners[0] != busy.client.ID() {
			t.Fatalf("reclaim once the worker's lease is gone: %d jobs from %v, %v; want its jobs", n, owners, err)
		}
		if s := jobStates(t, peer, KindCheck); s["available"] != 1 {
			t.Errorf("check jobs %v, want the reclaimed one available", s)
		}
	})
}
