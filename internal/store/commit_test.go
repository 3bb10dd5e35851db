package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// recordChain records n unchanged checks of a, each guarded by the visit
// the previous one recorded, and returns the article as last recorded.
func recordChain(ctx context.Context, s *Store, a model.Article, n int) (model.Article, error) {
	for i := range n {
		read := a.LastChecked
		a.LastChecked = t0.Add(time.Duration(i+1) * time.Minute)
		a.NextCheck = a.LastChecked.Add(time.Hour)
		ev := []model.Event{{Kind: model.EventBack, At: a.LastChecked, Seq: model.NoSeq}}
		rec := CheckRecord{Article: a, Check: check(0, a.LastChecked, model.OutcomeNotModified), IfLastChecked: &read, Events: ev}
		if _, err := s.Record(ctx, rec); err != nil {
			return a, err
		}
		if ev[0].ID == 0 || ev[0].CheckID == 0 {
			return a, fmt.Errorf("event not given its ids: %+v", ev[0])
		}
	}
	return a, nil
}

func TestRecord_GroupCommitKeepsEveryConcurrentCheck(t *testing.T) {
	const workers, perWorker = 12, 20
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		arts := make([]model.Article, workers)
		for i := range arts {
			arts[i] = mustArticle(t, s, o.ID, fmt.Sprintf("https://d.example/%d", i))
		}
		var wg sync.WaitGroup
		errs := make([]error, workers)
		for i := range arts {
			wg.Go(func() { arts[i], errs[i] = recordChain(ctx, s, arts[i], perWorker) })
		}
		wg.Wait()
		for i, a := range arts {
			if errs[i] != nil {
				t.Fatalf("worker %d: %v", i, errs[i])
			}
			got, err := s.Article(ctx, a.ID)
			if err != nil || !got.LastChecked.Equal(a.LastChecked) || !got.NextCheck.Equal(a.NextCheck) {
				t.Errorf("article %d = %v, %v; want last checked %v", a.ID, got.LastChecked, err, a.LastChecked)
			}
			outcomes, err := s.CheckOutcomes(ctx, a.ID)
			if err != nil || len(outcomes) != 1 || outcomes[model.OutcomeNotModified] != perWorker {
				t.Errorf("outcomes of article %d = %v, %v; want %d not modified", a.ID, outcomes, err, perWorker)
			}
			evs, err := s.Events(ctx, EventQuery{ArticleID: a.ID})
			if err != nil || len(evs) != perWorker {
				t.Errorf("events of article %d = %d, %v; want %d", a.ID, len(evs), err, perWorker)
			}
		}
	})
}

func TestRecord_GroupCommitRacingChecksOfOneVisitRecordOne(t *testing.T) {
	const articles = 10
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := make([][2]error, articles)
		ids := make([]int64, articles)
		for i := range articles {
			a := mustArticle(t, s, o.ID, fmt.Sprintf("https://d.example/race-%d", i))
			ids[i] = a.ID
			read := a.LastChecked
			for w := range 2 {
				b := a
				b.LastChecked = t0.Add(time.Duration(w+1) * time.Second)
				c := check(a.ID, b.LastChecked, model.OutcomeSameBytes)
				wg.Go(func() {
					<-start
					_, errs[i][w] = s.Record(ctx, CheckRecord{Article: b, Check: c, IfLastChecked: &read})
				})
			}
		}
		close(start)
		wg.Wait()
		for i, e := range errs {
			won := 0
			for _, err := range e {
				switch {
				case err == nil:
					won++
				case !errors.Is(err, ErrStale):
					t.Errorf("article %d: err = %v, want nil or ErrStale", ids[i], err)
				}
			}
			n, err := s.CountChecks(ctx, ids[i])
			if won != 1 || err != nil || n != 1 {
				t.Errorf("article %d: %d records succeeded, %d checks (%v); want exactly one", ids[i], won, n, err)
			}
		}
	})
}

// TestRecord_GroupCommitOneBadCheckCostsOnlyItself writes a batch in which
// one check fails after part of it was written (its event names an
// article that does not exist): the transaction fails, and every check is
// written again alone, so only that one fails.
func TestRecord_GroupCommitOneBadCheckCostsOnlyItself(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		var batch []*queued
		for i := range 3 {
			a := mustArticle(t, s, o.ID, fmt.Sprintf("https://d.example/b-%d", i))
			read := a.LastChecked
			a.LastChecked = t0
			rec := CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeUnchanged), IfLastChecked: &read}
			if i == 1 {
				rec.Events = []model.Event{{ArticleID: a.ID + 1000, Kind: model.EventBack, At: t0}}
			}
			q := &queued{ctx: ctx, rec: rec, err: make(chan error, 1)}
			q.state.Store(queuedTaken)
			batch = append(batch, q)
		}
		s.committer().commit(batch)
		for i, q := range batch {
			err := <-q.err
			n, cerr := s.CountChecks(ctx, q.rec.Article.ID)
			if cerr != nil {
				t.Fatal(cerr)
			}
			switch {
			case i == 1 && (err == nil || n != 0):
				t.Errorf("bad check: err = %v, %d checks; want an error and none", err, n)
			case i != 1 && (err != nil || n != 1):
				t.Errorf("check %d: err = %v, %d checks; want nil and one", i, err, n)
			}
		}
	})
}

func TestRecord_GroupCommitOfAMissingArticleFailsAlone(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/here")
		missing := a
		missing.ID, missing.URL = a.ID+1000, "https://d.example/missing"
		read := a.LastChecked
		var batch []*queued
		for _, rec := range []CheckRecord{
			{Article: missing, Check: check(missing.ID, t0, model.OutcomeUnchanged)},
			{Article: missing, Check: check(missing.ID, t0, model.OutcomeUnchanged), IfLastChecked: &read},
			{Article: a, Check: check(a.ID, t0, model.OutcomeUnchanged), IfLastChecked: &read},
		} {
			q := &queued{ctx: ctx, rec: rec, err: make(chan error, 1)}
			q.state.Store(queuedTaken)
			batch = append(batch, q)
		}
		s.committer().commit(slices.Clone(batch)) // sorts the batch it is given
		if err := <-batch[0].err; !errors.Is(err, ErrNotFound) {
			t.Errorf("missing article: err = %v, want ErrNotFound", err)
		}
		if err := <-batch[1].err; !errors.Is(err, ErrStale) {
			t.Errorf("missing article behind a guard: err = %v, want ErrStale", err)
		}
		if err := <-batch[2].err; err != nil {
			t.Errorf("present article: err = %v", err)
		}
		if n, err := s.CountChecks(ctx, a.ID); err != nil || n != 1 {
			t.Errorf("checks = %d, %v; want 1", n, err)
		}
	})
}

// TestRecord_GroupCommitDecidesEachCheckOfABatch writes one batch of plain
// checks, which PostgreSQL sends as one pipeline: a fresh check, one whose
// visit another check recorded first, one that moves its article to a new
// URL, one of an article that is gone, and a host lease freed. Each gets
// its own result, exactly as written one by one.
func TestRecord_GroupCommitDecidesEachCheckOfABatch(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		fresh := mustArticle(t, s, o.ID, "https://d.example/fresh")
		stale := mustArticle(t, s, o.ID, "https://d.example/stale")
		moved := mustArticle(t, s, o.ID, "https://d.example/moved")
		gone := mustArticle(t, s, o.ID, "https://d.example/gone")
		if _, err := s.HostGate(0).Wait(ctx, "news.example:443", time.Millisecond); err != nil {
			t.Fatal(err)
		}
		var holder int64
		if err := s.writerRow(ctx, `SELECT holder FROM host_leases WHERE host = ?`, "news.example:443").Scan(&holder); err != nil {
			t.Fatal(err)
		}
		read := fresh.LastChecked
		other := stale
		other.LastChecked = t0.Add(time.Second)
		if _, err := s.Record(ctx, CheckRecord{Article: other, Check: check(stale.ID, other.LastChecked, model.OutcomeNotModified), IfLastChecked: &read}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.PurgeArticle(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		visit := func(a model.Article) CheckRecord {
			a.LastChecked, a.NextCheck, a.ETag = t0.Add(time.Minute), t0.Add(time.Hour), `"e2"`
			return CheckRecord{Article: a, Check: check(a.ID, a.LastChecked, model.OutcomeNotModified), IfLastChecked: &read}
		}
		movedTo := moved
		movedTo.URL = "https://d.example/moved-to"
		recs := []CheckRecord{visit(fresh), visit(stale), visit(movedTo), visit(gone)}
		var batch []*queued
		for _, rec := range recs {
			batch = append(batch, &queued{ctx: ctx, rec: rec, err: make(chan error, 1)})
		}
		batch = append(batch, &queued{ctx: ctx, release: &hostRelease{host: "news.example:443", holder: holder}, err: make(chan error, 1)})
		for _, q := range batch {
			q.state.Store(queuedTaken)
		}
		c := s.committer()
		pipelined := c.pipelined.Load()
		c.commit(slices.Clone(batch))
		if got, want := c.pipelined.Load()-pipelined, int64(0); s.d == dialectPostgres && got != 1 || s.d != dialectPostgres && got != want {
			t.Errorf("%d batches pipelined on %v", got, s.d)
		}
		wants := []struct {
			err    error
			checks int
		}{{nil, 1}, {ErrStale, 1}, {nil, 1}, {ErrStale, 0}}
		for i, w := range wants {
			err := <-batch[i].err
			if w.err == nil && err != nil || w.err != nil && !errors.Is(err, w.err) {
				t.Errorf("check of %s: err = %v, want %v", recs[i].Article.URL, err, w.err)
			}
			if n, err := s.CountChecks(ctx, recs[i].Article.ID); err != nil || n != w.checks {
				t.Errorf("check of %s: %d checks (%v), want %d", recs[i].Article.URL, n, err, w.checks)
			}
		}
		if err := <-batch[4].err; err != nil {
			t.Errorf("release: %v", err)
		}
		for _, want := range []model.Article{recs[0].Article, recs[2].Article} {
			got, err := s.Article(ctx, want.ID)
			if err != nil || got.URL != want.URL || !got.LastChecked.Equal(want.LastChecked) || got.ETag != want.ETag {
				t.Errorf("article %d = %s checked %v etag %s (%v); want %s checked %v etag %s",
					want.ID, got.URL, got.LastChecked, got.ETag, err, want.URL, want.LastChecked, want.ETag)
			}
		}
		var until int64
		if err := s.writerRow(ctx, sqlHostLease, "news.example:443").Scan(new(int64), &until); err != nil || until != 0 {
			t.Errorf("lease held until %d (%v); want freed", until, err)
		}
	})
}

// TestStore_CloseWritesQueuedChecks holds the writer while one check is
// being written, so that the others queue up behind it, closes the store
// meanwhile, and finds every check in the database.
func TestStore_CloseWritesQueuedChecks(t *testing.T) {
	const callers = 16
	forEachDialect(t, func(t *testing.T, s *Store, reopen func() (*Store, error)) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		arts := make([]model.Article, callers)
		for i := range arts {
			arts[i] = mustArticle(t, s, o.ID, fmt.Sprintf("https://d.example/c-%d", i))
		}
		hold, err := s.beginWrite(ctx)
		if err != nil {
			t.Fatal(err)
		}
		// Locks every article (PostgreSQL) or the database (SQLite).
		if _, err := hold.ExecContext(ctx, s.d.rebind(`UPDATE articles SET errors = errors WHERE outlet_id = ?`), o.ID); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, callers)
		record := func(i int) {
			wg.Go(func() {
				_, errs[i] = s.Record(ctx, CheckRecord{Article: arts[i], Check: check(arts[i].ID, t0, model.OutcomeNotModified)})
			})
		}
		record(0)
		c := s.committer()
		waitFor(t, "the first check's commit to start", func() bool { return c.commits.Load() == 1 })
		for i := 1; i < callers; i++ {
			record(i)
		}
		waitFor(t, "the other checks to queue", func() bool { return c.queued() == callers-1 })
		closed := make(chan error, 1)
		go func() { closed <- s.Close() }()
		waitFor(t, "Close to start", func() bool {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.closed
		})
		if err := hold.Rollback(); err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if err := <-closed; err != nil {
			t.Fatal(err)
		}
		if _, err := s.Record(ctx, CheckRecord{Article: arts[0], Check: check(arts[0].ID, t0, model.OutcomeNotModified)}); err == nil {
			t.Error("Record after Close succeeded")
		}
		s2, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		for i, a := range arts {
			n, err := s2.CountChecks(ctx, a.ID)
			if errs[i] != nil || err != nil || n != 1 {
				t.Errorf("article %d: Record err = %v; %d checks stored (%v), want 1", a.ID, errs[i], n, err)
			}
		}
	})
}

// waitFor waits until cond holds, failing the test after a generous bound.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}
