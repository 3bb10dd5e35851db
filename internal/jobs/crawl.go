package jobs

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// DefaultWorkers is how many checks a crawl runs at once. Politeness per
// host is the fetcher's job, so workers only overlap across hosts.
const DefaultWorkers = 8

// dueBatch bounds how many due articles one query loads.
const dueBatch = 1000

// CrawlStats counts what one crawl pass did.
type CrawlStats struct {
	Sources     int
	SourceErrs  int
	NewArticles int
	Checks      int
	Outcomes    map[model.Outcome]int
	// Skipped counts checks not recorded because another process (a second
	// crawl, or serve) recorded a check of the same article meanwhile.
	Skipped int
}

// Crawl makes one pass: it polls due sources (every source when all is
// set), then checks due articles (every active article when all is set),
// including those just discovered. Paused sources and paused or removed
// articles are left alone either way.
func (e *Engine) Crawl(ctx context.Context, all bool, workers int) (CrawlStats, error) {
	st := CrawlStats{Outcomes: map[model.Outcome]int{}}
	if err := e.pollSources(ctx, all, &st); err != nil {
		return st, err
	}
	if all {
		arts, err := e.Store.ActiveArticles(ctx)
		if err != nil {
			return st, err
		}
		return st, e.checkAll(ctx, arts, workers, &st)
	}
	// Every check moves its article's next check past start, so batches
	// taken against the start time drain what was due and then stop.
	start := e.now()
	for {
		batch, err := e.Store.DueArticles(ctx, start, dueBatch)
		if err != nil || len(batch) == 0 {
			return st, err
		}
		if err := e.checkAll(ctx, batch, workers, &st); err != nil {
			return st, err
		}
	}
}

func (e *Engine) pollSources(ctx context.Context, all bool, st *CrawlStats) error {
	var srcs []model.Source
	var err error
	if all {
		srcs, err = e.Store.PollableSources(ctx)
	} else {
		srcs, err = e.Store.DueSources(ctx, e.now())
	}
	if err != nil {
		return err
	}
	e.tell(CrawlEvent{PlannedSources: len(srcs)})
	for _, src := range srcs {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		res, err := e.PollSource(ctx, src)
		e.tell(CrawlEvent{Source: src.URL, Poll: res, Err: err})
		st.Sources++
		st.NewArticles += res.New
		if err != nil {
			st.SourceErrs++
			e.Log.Warn("poll failed", "source", src.URL, "err", err)
			continue
		}
		e.Log.Info("polled", "source", src.URL, "links", res.Links, "new", res.New)
	}
	return nil
}

// checkAll checks the articles that have versions first, then the new
// ones: an article that moved to a new slug must be seen redirecting
// (and absorb the new URL) before that URL, found in a feed meanwhile,
// is checked as an article of its own.
func (e *Engine) checkAll(ctx context.Context, arts []model.Article, workers int, st *CrawlStats) error {
	e.tell(CrawlEvent{PlannedChecks: len(arts)})
	var known, fresh []model.Article
	for _, a := range arts {
		if a.LastChanged.IsZero() {
			fresh = append(fresh, a)
		} else {
			known = append(known, a)
		}
	}
	due, err := e.checkPool(ctx, known, workers, st)
	if err != nil {
		return err
	}
	listed := len(fresh)
	fresh = e.stillTracked(ctx, fresh)
	e.tell(CrawlEvent{PlannedChecks: len(fresh) - listed})
	more, err := e.checkPool(ctx, fresh, workers, st)
	if err != nil {
		return err
	}
	return e.confirmAll(ctx, append(due, more...), workers, st)
}

// confirmAll runs the confirmation fetches the pass queued, each once its
// delay has passed, so that a crawl ends with every change decided. A
// confirmation never queues another, so this ends.
func (e *Engine) confirmAll(ctx context.Context, due []model.Article, workers int, st *CrawlStats) error {
	if len(due) == 0 {
		return nil
	}
	e.tell(CrawlEvent{PlannedChecks: len(due)})
	var wait time.Duration
	for _, a := range due {
		wait = max(wait, a.NextCheck.Sub(e.now()))
	}
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
	more, err := e.checkPool(ctx, due, workers, st)
	if err != nil {
		return err
	}
	return e.confirmAll(ctx, more, workers, st)
}

// stillTracked drops articles absorbed into others since they were listed.
func (e *Engine) stillTracked(ctx context.Context, arts []model.Article) []model.Article {
	out := arts[:0]
	for _, a := range arts {
		if _, err := e.Store.Article(ctx, a.ID); errors.Is(err, store.ErrNotFound) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// checkPool checks articles with a bounded pool of workers. It returns the
// articles whose check queued a confirmation.
func (e *Engine) checkPool(ctx context.Context, arts []model.Article, workers int, st *CrawlStats) ([]model.Article, error) {
	if workers <= 0 {
		workers = DefaultWorkers
	}
	work := make(chan model.Article)
	var mu sync.Mutex
	var due []model.Article
	var firstErr error
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range work {
				res, err := e.CheckArticle(ctx, a)
				mu.Lock()
				switch {
				case errors.Is(err, store.ErrStale):
					st.Skipped++
				case err != nil:
					if firstErr == nil && ctx.Err() == nil {
						firstErr = err
					}
				default:
					st.Checks++
					st.Outcomes[res.Outcome]++
					if res.Outcome == model.OutcomeConfirming {
						due = append(due, res.Article)
					}
				}
				mu.Unlock()
				e.logCheck(a, res, err)
				e.tell(CrawlEvent{Article: a.URL, Check: res, Err: err})
			}
		}()
	}
	for _, a := range arts {
		if ctx.Err() != nil {
			break
		}
		work <- a
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return due, firstErr
	}
	return due, ctx.Err()
}

// logCheck logs one check. A check another process recorded first is no
// failure: that visit is recorded once, by the other process.
func (e *Engine) logCheck(a model.Article, res CheckResult, err error) {
	switch {
	case errors.Is(err, store.ErrStale):
		e.Log.Debug("check already recorded elsewhere", "url", a.URL)
	case err != nil:
		e.Log.Error("check not recorded", "url", a.URL, "err", err)
	case res.Err != nil:
		e.Log.Warn("check failed", "url", a.URL, "err", res.Err)
	case res.Version != nil:
		e.Log.Info("new version", "url", a.URL, "seq", res.Version.Seq, "classes", res.Version.Classes)
	default:
		e.Log.Debug("checked", "url", a.URL, "outcome", res.Outcome)
	}
}
