package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// crawlWorkers is how many checks the unchanged-check benchmark runs at
// once, each against a host of its own, as a crawl runs them.
const crawlWorkers = 16

// BenchmarkCheck_UnchangedVsGet304 measures, in one run and with the same
// concurrency, the process CPU time of (a) a bare conditional GET
// answered 304 through errata's fetch client and (b) a whole check of an
// unchanged article answered 304: the fetch, the decision, the new
// schedule and the check's record in the store. It reports both per op
// (user+system CPU from getrusage, the test servers included, the same in
// both) and their ratio: what the store's bookkeeping adds to a check that
// found nothing. PostgreSQL's own CPU is in its server process, not here.
func BenchmarkCheck_UnchangedVsGet304(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) {
		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "errata.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		benchUnchangedVsGet304(b, st)
	})
	b.Run("postgres", func(b *testing.B) {
		st, err := store.OpenURL(context.Background(), postgresURL(b))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		benchUnchangedVsGet304(b, st)
	})
}

func benchUnchangedVsGet304(b *testing.B, st *store.Store) {
	ctx := context.Background()
	page := newsroomPage(b)
	fc := fetch.New(fetch.Config{AllowPrivate: true, HostInterval: 0})
	b.Cleanup(fc.CloseIdleConnections)
	e := NewEngine(st, fc, nil)
	arts := benchArticles(b, e, page)
	bare := func(w int) error {
		r, err := fc.Get(ctx, arts[w].URL, fetch.Validators{ETag: arts[w].ETag, LastModified: arts[w].LastModified})
		if err != nil || !r.NotModified() {
			return fmt.Errorf("bare GET: %v, %v", r, err)
		}
		return nil
	}
	check := func(w int) error {
		res, err := e.CheckArticle(ctx, arts[w])
		if err != nil || res.Outcome != model.OutcomeNotModified {
			return fmt.Errorf("check: outcome %s, %v", res.Outcome, err)
		}
		arts[w] = res.Article
		return nil
	}
	b.ResetTimer()
	commits0, checks0 := st.GroupCommits()
	get := cpuPerOp(b, b.N, bare)
	chk := cpuPerOp(b, b.N, check)
	b.ReportMetric(micros(get), "get304-cpu-µs/op")
	b.ReportMetric(micros(chk), "check-cpu-µs/op")
	b.ReportMetric(float64(chk)/float64(get), "ratio")
	commits1, checks1 := st.GroupCommits()
	b.ReportMetric(float64(checks1-checks0)/float64(max(commits1-commits0, 1)), "items/commit")
}

// benchArticles tracks one article per worker, each at a server of its
// own that answers 304 to the ETag it sent with the page, and checks each
// once so that it has its first version and the ETag.
func benchArticles(b *testing.B, e *Engine, page []byte) []model.Article {
	ctx := context.Background()
	o, err := e.Store.EnsureOutlet(ctx, "bench", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]model.Article, crawlWorkers)
	for i := range arts {
		page := revisedPage(page, int64(i)) // one article each, not copies merged into one
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write(page)
		}))
		b.Cleanup(srv.Close)
		now := e.now()
		a, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: srv.URL + "/article", FirstSeen: now, NextCheck: now, State: model.StateActive})
		if err != nil {
			b.Fatal(err)
		}
		res, err := e.CheckArticle(ctx, a)
		if err != nil || res.Version == nil || res.Article.ETag == "" {
			b.Fatalf("first check: %s, %v", res.Outcome, err)
		}
		arts[i] = res.Article
	}
	return arts
}

// cpuPerOp runs n ops on crawlWorkers goroutines, worker w always passing
// w, and returns the process's CPU time per op.
func cpuPerOp(b *testing.B, n int, op func(w int) error) time.Duration {
	runtime.GC()
	var next atomic.Int64
	var failed atomic.Value
	before := cpuTime(b)
	var wg sync.WaitGroup
	for w := range crawlWorkers {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				if err := op(w); err != nil {
					failed.CompareAndSwap(nil, err)
					return
				}
			}
		})
	}
	wg.Wait()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	return (cpuTime(b) - before) / time.Duration(max(n, 1))
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func micros(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }
