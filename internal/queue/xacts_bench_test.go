package queue

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
)

// Shape of the transactions benchmark: articles spread over hosts, each
// host behind the database's host gate, so every fetch takes and releases
// its host as in production, with an interval short enough for a quick
// run and long enough that workers of one process wait for a host in
// memory, as with the default of a second, not by polling the database.
const (
	xactHosts        = 64
	xactHostInterval = 100 * time.Millisecond
	xactStatsSettle  = 1500 * time.Millisecond // pg_stat_database is flushed about each second
)

// BenchmarkQueue_PostgresTransactionsPerCheck runs b.N unchanged checks
// (each answered 304) as River jobs on PostgreSQL, from the scheduler's
// insert to the job's completion, and reports the database's committed and
// rolled-back transactions per check (pg_stat_database): River's fetches,
// completions and maintenance, the host gate, the article's re-read and
// the check's record, everything the worker process asks of the database.
func BenchmarkQueue_PostgresTransactionsPerCheck(b *testing.B) {
	ctx := context.Background()
	e, url := newPostgresEngine(b)
	e.Policy = everyHour()
	e.Fetch = fetch.New(fetch.Config{AllowPrivate: true, HostInterval: xactHostInterval, Gate: e.Store.HostGate(0)})
	arts := unchangedArticles(b, e, b.N)
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	// The articles come due again: the engine's clock moves past their
	// next check.
	e.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	q, err := New(ctx, e, Config{Database: url, Tick: MinTick})
	if err != nil {
		b.Fatal(err)
	}
	checks0 := checkRows(b, db)
	x0 := xactCount(b, db)
	b.ResetTimer()
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	polls := 0
	waitFor(b, "every check", func() bool {
		polls++
		return checkRows(b, db)-checks0 >= len(arts)
	})
	if err := q.Stop(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	time.Sleep(xactStatsSettle)
	x1 := xactCount(b, db)
	checks := checkRows(b, db) - checks0
	// Leave out this benchmark's own statements: each poll and the first
	// count of transactions (two statements) and the counts of checks.
	own := int64(polls + 2 + 2)
	b.ReportMetric(float64(x1-x0-own)/float64(checks), "xacts/check")
	b.ReportMetric(float64(checks), "checks")
}

// everyHour checks each article once an hour, so each is checked once in
// a benchmark's pass.
func everyHour() schedule.Policy {
	p := everySecond()
	p.Tiers[0].Every = time.Hour
	return p
}

// unchangedArticles tracks n articles spread over xactHosts servers that
// answer 304 to the ETag they sent, and checks each once, so that the
// next check of each is an unchanged one.
func unchangedArticles(b *testing.B, e *jobs.Engine, n int) []model.Article {
	ctx := context.Background()
	o, err := e.Store.EnsureOutlet(ctx, "bench", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	srvs := make([]*httptest.Server, xactHosts)
	for i := range srvs {
		srvs[i] = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			fmt.Fprint(w, page("Council story "+r.URL.Path, "The council approved item "+r.URL.Path+" on Monday.", 1))
		}))
		b.Cleanup(srvs[i].Close)
	}
	arts := make([]model.Article, n)
	for i := range arts {
		now := e.Now().UTC()
		a, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("%s/a/%d", srvs[i%xactHosts].URL, i),
			FirstSeen: now, NextCheck: now, State: model.StateActive})
		if err != nil {
			b.Fatal(err)
		}
		res, err := e.CheckArticle(ctx, a)
		if err != nil || res.Version == nil {
			b.Fatalf("first check of %s: %s, %v", a.URL, res.Outcome, err)
		}
		arts[i] = res.Article
	}
	return arts
}

func checkRows(b *testing.B, db *sql.DB) int {
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM checks`).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// xactCount is the database's committed and rolled-back transactions so
// far: every statement outside a transaction counts as one.
func xactCount(b *testing.B, db *sql.DB) int64 {
	if _, err := db.Exec(`SELECT pg_stat_clear_snapshot()`); err != nil {
		b.Fatal(err)
	}
	var n int64
	err := db.QueryRow(`SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()`).Scan(&n)
	if err != nil {
		b.Fatal(err)
	}
	return n
}
