package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// CheckDue is one check as the job queue asks for it, by article id. It
// re-reads the article, since it may have been checked, stopped, paused,
// removed or absorbed into another since the job was enqueued, and checks it only
// when it is still due; it logs the check. A check another worker
// recorded first (a reclaimed job whose first run still finished) is
// nothing to redo. It reports whether a check was recorded; an error
// means one could not be.
func (e *Engine) CheckDue(ctx context.Context, id int64) (CheckResult, bool, error) {
	a, err := e.Store.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return CheckResult{}, false, nil
	}
	if err != nil {
		e.countError(stageStore)
		return CheckResult{}, false, fmt.Errorf("jobs: check article %d: %w", id, err)
	}
	if !watched(a) || a.Hold != model.HoldNone || a.NextCheck.After(e.now()) {
		return CheckResult{}, false, nil
	}
	res, err := e.CheckArticle(ctx, a)
	e.logCheck(a, res, err)
	if errors.Is(err, store.ErrStale) {
		return CheckResult{}, false, nil
	}
	return res, err == nil, err
}

// PollDue is one poll as the job queue asks for it, by source id: it
// polls the source when it still exists, is not paused and is due. A failed poll is no
// error: PollSource has counted it and pushed the next poll back, and the
// scheduler enqueues the source again when it is due.
func (e *Engine) PollDue(ctx context.Context, id int64) error {
	src, err := e.sourceByID(ctx, id)
	if err != nil || src == nil {
		return err
	}
	if src.Paused || src.NextPoll.After(e.now()) {
		return nil
	}
	res, err := e.PollSource(ctx, *src)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		e.Log.Warn("poll failed", "source", src.URL, "err", err)
		return nil
	}
	e.Log.Info("polled", "source", src.URL, "links", res.Links, "new", res.New)
	return nil
}

// sourceByID returns the source with an id, or nil when it no longer
// exists.
func (e *Engine) sourceByID(ctx context.Context, id int64) (*model.Source, error) {
	src, err := e.Store.Source(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		e.countError(stageStore)
		return nil, fmt.Errorf("jobs: poll source %d: %w", id, err)
	}
	return &src, nil
}

// watched reports whether an article's state has it checked: active, or
// gone and still watched for its return (it has a next check).
func watched(a model.Article) bool {
	return a.State == model.StateActive || (a.State == model.StateGone && !a.NextCheck.IsZero())
}
