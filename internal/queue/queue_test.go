package queue

import (
	"context"
	"math"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// waitBound bounds every wait on background work in these tests; it is a
// guard against hangs, not a speed assertion.
const waitBound = 60 * time.Second

// everySecond checks every article and polls every source each second and
// never stops, so a test sees each newsroom step after a round or two.
func everySecond() schedule.Policy {
	p := schedule.DefaultPolicy()
	p.Tiers = []schedule.Tier{{MaxAge: math.MaxInt64, Every: time.Second}}
	p.Jitter = 0
	p.ErrorBase, p.ErrorMax, p.PollEvery = time.Second, time.Second, time.Second
	return p
}

// databases remembers which database each test engine's store opened,
// as a caller of New knows it.
var databases sync.Map // *jobs.Engine -> string

func databaseOf(e *jobs.Engine) string {
	db, _ := databases.Load(e)
	s, _ := db.(string)
	return s
}

// newQueueEngine opens a store in a temporary directory and wires an
// engine that may fetch from loopback, with no politeness wait.
func newQueueEngine(t testing.TB) *jobs.Engine {
	t.Helper()
	db := filepath.Join(t.TempDir(), "errata.db")
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := jobs.NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	e.Policy = everySecond()
	databases.Store(e, db)
	return e
}

// newQueue builds a queue on the engine's database that ticks every
// second.
func newQueue(t *testing.T, e *jobs.Engine, cfg Config) *Queue {
	t.Helper()
	cfg.Tick, cfg.Database = MinTick, databaseOf(e)
	q, err := New(context.Background(), e, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// waitFor polls cond until it holds, failing the test after waitBound.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitBound)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkedSince reports whether every active article was checked after t.
func checkedSince(t *testing.T, st *store.Store, since time.Time) bool {
	t.Helper()
	arts, err := st.ActiveArticles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if !a.LastChecked.After(since) {
			return false
		}
	}
	return len(arts) > 0
}

func TestQueue_SameArticleEnqueuedTwiceIsOneJob(t *testing.T) {
	ctx := context.Background()
	e := newQueueEngine(t)
	q := newQueue(t, e, Config{})
	defer q.Stop(ctx)
	o, err := e.Store.EnsureOutlet(ctx, "test", "127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "http://127.0.0.1:1/a", FirstSeen: e.Now().UTC(), NextCheck: e.Now().UTC(), State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false} {
		inserted, err := q.EnqueueCheck(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if inserted != want {
			t.Errorf("enqueue %d: inserted %v, want %v", i+1, inserted, want)
		}
	}
	n, err := q.Schedule(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n.Checks != 0 || n.Duplicates != 1 {
		t.Errorf("scheduler with the check pending: %+v, want 0 checks and 1 duplicate", n)
	}
	depth, err := q.Depth(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if depth[KindCheck] != 1 {
		t.Errorf("check jobs waiting: %d, want 1", depth[KindCheck])
	}
}

func TestQueue_RecordsNewsroomRevisionsOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	nr := newsroom.New(newsroom.Config{Seed: 7})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	e := newQueueEngine(t)
	for _, o := range nr.Outlets() {
		if _, err := e.AddURL(ctx, o.FeedURL, ""); err != nil {
			t.Fatal(err)
		}
	}
	q := newQueue(t, e, Config{})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	const steps = 4
	for range steps {
		// Two rounds per step: the second sees only churn.
		for range 2 {
			since := time.Now()
			waitFor(t, "every article checked", func() bool { return checkedSince(t, e.Store, since) })
		}
		nr.Advance()
	}
	if err := q.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	got := recorded(t, e.Store)
	s := newsroom.ScoreAgainst(nr.Truth(), got)
	t.Logf("queue: articles %d/%d revisions %d matched %d spurious %d", s.Found, s.Articles, s.Revisions, s.Matched, s.Spurious)
	if s.Spurious != 0 {
		t.Errorf("%d spurious versions, want 0", s.Spurious)
	}
	revisions := 0
	for _, r := range got {
		revisions += max(len(r.Versions)-1, 0)
	}
	if revisions == 0 {
		t.Errorf("no revision recorded after %d newsroom steps", steps)
	}
}

// recorded reads every article's versions and asserts that none was
// recorded twice: seqs run 0, 1, 2… and neighbours differ.
func recorded(t *testing.T, st *store.Store) []newsroom.Recorded {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []newsroom.Recorded
	for _, a := range arts {
		vs, err := st.Versions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := newsroom.Recorded{URL: a.URL}
		for i, v := range vs {
			if v.Seq != i {
				t.Errorf("%s: version %d has seq %d", a.URL, i, v.Seq)
			}
			if i > 0 && v.Hash == vs[i-1].Hash {
				t.Errorf("%s: versions %d and %d are the same content", a.URL, i-1, i)
			}
			r.Versions = append(r.Versions, newsroom.TruthVersion{Title: v.Title, Byline: v.Byline, Text: v.Text})
		}
		out = append(out, r)
	}
	return out
}

// jobStates lists the states of every job of a kind.
func jobStates(t testing.TB, q *Queue, kind string) map[string]int {
	t.Helper()
	res, err := q.client.JobList(context.Background(), river.NewJobListParams().Kinds(kind).First(maxDepthCount))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, j := range res.Jobs {
		out[string(j.State)]++
	}
	return out
}
