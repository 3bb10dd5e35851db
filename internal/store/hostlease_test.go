package store

import (
	"context"
	"errors"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// Two handles stand in for two processes: their requests to one host must
// never overlap and must start at least the interval after the previous
// one ended.
func TestHostGate_TwoProcessesNeverOverlapAndKeepTheInterval(t *testing.T) {
	const (
		perHandle = 6
		interval  = 15 * time.Millisecond
	)
	forEachDialect(t, func(t *testing.T, s1 *Store, reopen func() (*Store, error)) {
		s2, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		type span struct{ start, end time.Time }
		var (
			mu    sync.Mutex
			spans []span
			wg    sync.WaitGroup
		)
		for _, s := range []*Store{s1, s2, s1, s2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				g := s.HostGate(0)
				for range perHandle / 2 {
					release, err := g.Wait(context.Background(), "news.example:443", interval)
					if err != nil {
						t.Error(err)
						return
					}
					sp := span{start: time.Now()}
					time.Sleep(time.Millisecond)
					sp.end = time.Now()
					mu.Lock()
					spans = append(spans, sp)
					mu.Unlock()
					release()
				}
			}()
		}
		wg.Wait()
		sort.Slice(spans, func(i, j int) bool { return spans[i].start.Before(spans[j].start) })
		for i := 1; i < len(spans); i++ {
			if gap := spans[i].start.Sub(spans[i-1].end); gap < interval {
				t.Errorf("request %d started %v after the previous ended, want ≥ %v", i, gap, interval)
			}
		}
		if n, err := s1.HostLeases(context.Background()); err != nil || n != 1 {
			t.Errorf("host leases = %d, %v; want 1", n, err)
		}
	})
}

func TestHostGate_ExpiredLeaseOfADeadHolderIsTakenOver(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		dead := s.HostGate(time.Millisecond)
		if _, err := dead.Wait(ctx, "h.example:80", time.Millisecond); err != nil {
			t.Fatal(err) // never released, as by a killed process
		}
		wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		release, err := s.HostGate(0).Wait(wctx, "h.example:80", time.Millisecond)
		if err != nil {
			t.Fatalf("lease never expired: %v", err)
		}
		release()
	})
}

func TestHostGate_CancelledWaitReturnsTheContextError(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		g := s.HostGate(time.Hour)
		if _, err := g.Wait(context.Background(), "busy.example:80", time.Hour); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := g.Wait(ctx, "busy.example:80", time.Hour); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestRecord_StaleCheckIsRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/race")
		read := a.LastChecked
		first := a
		first.LastChecked = t0
		c := model.Check{ArticleID: a.ID, At: t0, Outcome: model.OutcomeUnchanged}
		if _, err := s.Record(ctx, CheckRecord{Article: first, Check: c, IfLastChecked: &read}); err != nil {
			t.Fatal(err)
		}
		second := a
		second.LastChecked = t0.Add(time.Second)
		_, err := s.Record(ctx, CheckRecord{Article: second, Check: c, IfLastChecked: &read})
		if !errors.Is(err, ErrStale) {
			t.Fatalf("second record of the same visit: err = %v, want ErrStale", err)
		}
		checks, err := s.RecentChecks(ctx, a.ID, 10)
		if err != nil || len(checks) != 1 {
			t.Errorf("checks = %d, %v; want 1", len(checks), err)
		}
	})
}

// TestHostGate_ReleaseJoinsTheGroupCommitOfTheCheck frees a host and
// records the check of its request while the committer is busy: both are
// written by its next commit, and the host is free once it is.
func TestHostGate_ReleaseJoinsTheGroupCommitOfTheCheck(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		busy := mustArticle(t, s, o.ID, "https://d.example/busy")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		g := s.HostGate(0)
		release, err := g.Wait(ctx, "news.example:443", time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		hold, err := s.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Locks the articles (PostgreSQL) or the database (SQLite).
		if _, err := hold.ExecContext(ctx, s.d.rebind(`UPDATE articles SET errors = errors WHERE outlet_id = ?`), o.ID); err != nil {
			t.Fatal(err)
		}
		record := func(a model.Article) chan error {
			done := make(chan error, 1)
			go func() {
				_, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNotModified)})
				done <- err
			}()
			return done
		}
		first := record(busy)
		c := s.committer()
		waitFor(t, "the first commit to start", func() bool { return c.commits.Load() == 1 })
		release()
		second := record(a)
		waitFor(t, "the release and the check to queue", func() bool { return c.queued() == 2 })
		if err := hold.Rollback(); err != nil {
			t.Fatal(err)
		}
		for _, done := range []chan error{first, second} {
			if err := <-done; err != nil {
				t.Fatal(err)
			}
		}
		if commits, items := s.GroupCommits(); commits != 2 || items != 3 {
			t.Errorf("%d commits wrote %d items; want the first check, then the release with the second", commits, items)
		}
		var until int64
		if err := s.writerRow(ctx, sqlHostLease, "news.example:443").Scan(new(int64), &until); err != nil || until != 0 {
			t.Errorf("lease held until %d (%v); want freed", until, err)
		}
	})
}
