package queue

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/errata/errata/internal/model"
)

// dueBatch bounds how many due articles one scheduler pass enqueues; the
// next tick takes the rest.
const dueBatch = 1000

// Scheduled counts what one scheduler pass enqueued.
type Scheduled struct {
	Checks     int // check jobs inserted
	Polls      int // poll jobs inserted
	Duplicates int // due work already pending, skipped by uniqueness
}

// Schedule enqueues one poll per due source and one check per due article
// (at most dueBatch; the next tick takes the rest). Work already pending
// is skipped by River's uniqueness, so a slow check is never doubled.
func (q *Queue) Schedule(ctx context.Context) (Scheduled, error) {
	var n Scheduled
	now := q.eng.Now().UTC()
	srcs, err := q.eng.Store.DueSources(ctx, now)
	if err != nil {
		return n, fmt.Errorf("queue: schedule: %w", err)
	}
	arts, err := q.eng.Store.DueArticles(ctx, now, dueBatch)
	if err != nil {
		return n, fmt.Errorf("queue: schedule: %w", err)
	}
	params := make([]river.InsertManyParams, 0, len(srcs)+len(arts))
	for _, s := range srcs {
		params = append(params, river.InsertManyParams{Args: PollArgs{SourceID: s.ID}, InsertOpts: pollOpts()})
	}
	// Known articles first: see priorityKnown.
	slices.SortStableFunc(arts, func(a, b model.Article) int {
		return cmp.Compare(boolInt(a.LastChanged.IsZero()), boolInt(b.LastChanged.IsZero()))
	})
	for _, a := range arts {
		params = append(params, river.InsertManyParams{Args: CheckArgs{ArticleID: a.ID}, InsertOpts: checkOpts(a)})
	}
	res, err := q.insertAll(ctx, params)
	if err != nil {
		return n, fmt.Errorf("queue: schedule: %w", err)
	}
	for _, r := range res {
		switch {
		case r.UniqueSkippedAsDuplicate:
			n.Duplicates++
		case r.Job.Kind == KindPoll:
			n.Polls++
		default:
			n.Checks++
		}
	}
	return n, nil
}

// insertAll inserts a pass's jobs in one transaction: one insert per job
// was a database transaction per check. A job already pending is found by
// an insert that locks its row (River's ON CONFLICT DO UPDATE), and River's
// completer in another process updates a batch of the same rows in its
// own order: a batch holding one row while it waits for another could
// deadlock with it (40P01). On PostgreSQL the batch therefore waits for a
// row lock at most batchLockWait and then gives up; the pass then inserts
// its jobs one transaction each, where an insert never holds a lock while
// it waits for another.
func (q *Queue) insertAll(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	if len(params) == 0 {
		return nil, nil
	}
	res, err := q.insertBatch(ctx, params)
	if err == nil || ctx.Err() != nil {
		return res, err
	}
	q.cfg.Logger.Debug("scheduling one job at a time", "jobs", len(params), "err", err)
	res = make([]*rivertype.JobInsertResult, 0, len(params))
	for _, p := range params {
		r, err := q.client.Insert(ctx, p.Args, p.InsertOpts)
		if err != nil {
			return res, err
		}
		res = append(res, r)
	}
	return res, nil
}

// EnqueueCheck asks for a check of an article now. It reports false when
// a check of that article is already pending.
func (q *Queue) EnqueueCheck(ctx context.Context, a model.Article) (bool, error) {
	res, err := q.client.Insert(ctx, CheckArgs{ArticleID: a.ID}, checkOpts(a))
	if err != nil {
		return false, fmt.Errorf("queue: enqueue check of %s: %w", a.URL, err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// EnqueuePoll asks for a poll of a source now. It reports false when a
// poll of that source is already pending.
func (q *Queue) EnqueuePoll(ctx context.Context, src model.Source) (bool, error) {
	res, err := q.client.Insert(ctx, PollArgs{SourceID: src.ID}, pollOpts())
	if err != nil {
		return false, fmt.Errorf("queue: enqueue poll of %s: %w", src.URL, err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

func checkOpts(model.Article) *river.InsertOpts {
	o := CheckArgs{}.InsertOpts()
	o.Priority = priorityKnown
	return &o
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func pollOpts() *river.InsertOpts {
	o := PollArgs{}.InsertOpts()
	o.Priority = priorityKnown
	return &o
}

// enqueueConfirm schedules an article's confirmation fetch for its next
// check time. A failure to queue loses nothing: the pending fetch waits and
// the scheduler finds the article due.
func (q *Queue) enqueueConfirm(ctx context.Context, a model.Article) error {
	opts := ConfirmArgs{}.InsertOpts()
	opts.ScheduledAt = a.NextCheck
	if _, err := q.client.Insert(ctx, ConfirmArgs{ArticleID: a.ID}, &opts); err != nil {
		q.countError()
		q.cfg.Logger.Warn("confirmation not queued", "url", a.URL, "err", err)
	}
	return nil
}
