package queue

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for a session of our own
	"github.com/riverqueue/river"

	"github.com/errata/errata/internal/model"
)

// waitForLockWait waits until a session other than the caller's waits for
// a lock in the database db is connected to.
func waitForLockWait(t *testing.T, db *sql.DB) {
	t.Helper()
	waitFor(t, "a session waiting for a lock", func() bool {
		var n int
		err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n > 0
	})
}

// TestSchedule_NeverHoldsAJobRowWhileWaitingForAnother: River's completer
// (in another worker process) holds the row of job B while it completes
// it, and then wants job A's. The scheduler finds both jobs pending; it
// must not hold A's row while it waits for B's, or the two deadlock. The
// completer's part is played here by a transaction that locks B, lets the
// scheduler reach B, and then updates A; its lock timeout only stops the
// test from hanging when A is held.
func TestSchedule_NeverHoldsAJobRowWhileWaitingForAnother(t *testing.T) {
	ctx := context.Background()
	e, url := newPostgresEngine(t)
	q := newQueue(t, e, Config{})
	defer q.close()
	o, err := e.Store.EnsureOutlet(ctx, "test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	jobOf := map[string]int64{}
	for _, name := range []string{"a", "b"} { // due together: scheduled in this order
		a, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "http://127.0.0.1:1/" + name,
			FirstSeen: e.Now().UTC(), NextCheck: e.Now().UTC().Add(-time.Minute), State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
		res, err := q.client.Insert(ctx, CheckArgs{ArticleID: a.ID}, checkOpts(a))
		if err != nil {
			t.Fatal(err)
		}
		jobOf[name] = res.Job.ID
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	completer, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer completer.Rollback()
	if _, err := completer.Exec(`SELECT id FROM river_job WHERE id = $1 FOR UPDATE`, jobOf["b"]); err != nil {
		t.Fatal(err)
	}

	done := make(chan error, 1)
	go func() {
		n, err := q.Schedule(ctx)
		if err == nil && n.Duplicates != 2 {
			t.Errorf("scheduled %+v, want both checks found pending", n)
		}
		done <- err
	}()
	waitForLockWait(t, db)
	if _, err := completer.Exec(`SET LOCAL lock_timeout = '200ms'`); err != nil {
		t.Fatal(err)
	}
	if _, err := completer.Exec(`UPDATE river_job SET metadata = metadata WHERE id = $1`, jobOf["a"]); err != nil {
		t.Fatalf("job a's row is held by the scheduler while it waits for job b's: %v", err)
	}
	if err := completer.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Schedule: %v", err)
	}
}

// TestQueue_FailedSchedulerPassesAreNotBackedOff: the scheduler fails a
// few passes (its table of sources is gone for a while). River would
// retry the failed job after 1 s, 16 s, 81 s..., and, unique, it kept the
// next ticks from running a pass meanwhile; once the table is back, the
// due article must be checked at the next tick.
func TestQueue_FailedSchedulerPassesAreNotBackedOff(t *testing.T) {
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
	disk, err := sql.Open("sqlite", "file:"+e.Store.Path()+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	if _, err := disk.Exec(`ALTER TABLE sources RENAME TO sources_away`); err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, e, Config{})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	waitFor(t, "three failed scheduler passes", func() bool { return schedulerFailures(t, q) >= 3 })
	if _, err := disk.Exec(`ALTER TABLE sources_away RENAME TO sources`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the article checked once the scheduler can run", func() bool { return countChecks(t, e, a) >= 1 })
}

// schedulerFailures counts the failed attempts of every scheduler job.
func schedulerFailures(t *testing.T, q *Queue) int {
	t.Helper()
	res, err := q.client.JobList(context.Background(), river.NewJobListParams().Kinds(KindScheduler).First(maxDepthCount))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, j := range res.Jobs {
		n += len(j.Errors)
	}
	return n
}
