package queue

import (
	"context"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/errata/errata/internal/model"
)

// Job kinds, as River stores them and the queue depth gauge names them.
const (
	KindScheduler = "scheduler"
	KindCheck     = "check_article"
	KindPoll      = "poll_source"
	KindConfirm   = "confirm_article"
)

// priorityKnown is the priority of checks and polls. Articles that already
// have versions and fresh ones share it: a strict order starved fresh
// articles (whose first version matters most) whenever re-checks came due
// faster than a pass. Schedule still inserts known articles first in each
// batch, and River takes equal priorities in insertion order, so a moved
// article is usually seen redirecting (and absorbs its new URL) before that
// URL, found in a feed meanwhile, is checked as an article of its own; when
// not, the first check of the new URL merges it by its text (movedHere).
const priorityKnown = 1

// pendingStates makes a job unique while it waits or runs: once it has
// completed, the same article may be enqueued again.
var pendingStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning,
	rivertype.JobStateRetryable, rivertype.JobStateScheduled,
}

// SchedulerArgs is the periodic job that enqueues due work.
type SchedulerArgs struct{}

// Kind implements river.JobArgs.
func (SchedulerArgs) Kind() string { return KindScheduler }

// InsertOpts keeps one scheduler job pending at a time, so slow passes
// never pile up. A failed pass is not retried: River would back it off
// (1 s, 16 s, 81 s, ...) while, unique, it kept the next ticks from
// inserting a pass; the next tick runs a fresh one instead.
func (SchedulerArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: pendingStates}, MaxAttempts: 1}
}

// CheckArgs asks for one check of an article.
type CheckArgs struct {
	ArticleID int64 `json:"article_id"`
}

// Kind implements river.JobArgs.
func (CheckArgs) Kind() string { return KindCheck }

// InsertOpts makes a check unique per article while pending, so an
// article is never checked twice at once.
func (CheckArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

// ConfirmArgs asks for the confirmation fetch of a check that found the
// article's text different from its latest version. It is a job of its
// own, scheduled after the host interval, so no worker waits for it.
type ConfirmArgs struct {
	ArticleID int64 `json:"article_id"`
}

// Kind implements river.JobArgs.
func (ConfirmArgs) Kind() string { return KindConfirm }

// InsertOpts makes a confirmation unique per article while pending.
func (ConfirmArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}, Priority: priorityKnown}
}

// PollArgs asks for one poll of a source.
type PollArgs struct {
	SourceID int64 `json:"source_id"`
}

// Kind implements river.JobArgs.
func (PollArgs) Kind() string { return KindPoll }

// InsertOpts makes a poll unique per source while pending.
func (PollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

type schedulerWorker struct {
	river.WorkerDefaults[SchedulerArgs]
	q *Queue
}

func (w *schedulerWorker) Work(ctx context.Context, _ *river.Job[SchedulerArgs]) error {
	n, err := w.q.Schedule(ctx)
	if err != nil {
		w.q.countError()
		return err
	}
	if n.Checks+n.Polls > 0 {
		w.q.cfg.Logger.Debug("scheduled", "checks", n.Checks, "polls", n.Polls, "duplicates", n.Duplicates)
	}
	return nil
}

type checkWorker struct {
	river.WorkerDefaults[CheckArgs]
	q *Queue
}

// Work checks the article when it is still due. Only a check that could
// not be recorded fails the job; River then retries it with back-off.
func (w *checkWorker) Work(ctx context.Context, job *river.Job[CheckArgs]) error {
	return w.q.check(ctx, job.Args.ArticleID)
}

type confirmWorker struct {
	river.WorkerDefaults[ConfirmArgs]
	q *Queue
}

// Work is a check like any other: the pending fetch kept with the article
// makes it the confirmation.
func (w *confirmWorker) Work(ctx context.Context, job *river.Job[ConfirmArgs]) error {
	return w.q.check(ctx, job.Args.ArticleID)
}

// check checks one article when it is still due, and queues the
// confirmation its check asked for.
func (q *Queue) check(ctx context.Context, id int64) error {
	res, checked, err := q.eng.CheckDue(ctx, id)
	if checked && res.Outcome == model.OutcomeConfirming {
		return q.enqueueConfirm(ctx, res.Article)
	}
	return err
}

type pollWorker struct {
	river.WorkerDefaults[PollArgs]
	q *Queue
}

// Work polls the source when it is still due (see Engine.PollDue).
func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollArgs]) error {
	return w.q.eng.PollDue(ctx, job.Args.SourceID)
}
