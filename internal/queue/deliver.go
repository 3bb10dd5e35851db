package queue

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
)

// KindDeliver is the job that sends one change, or one lifecycle event,
// to one subscription.
const KindDeliver = "deliver_change"

// DeliverArgs asks for one change (a version) or one lifecycle event to
// be sent to one subscription; the other id is 0. A failed send fails the
// job, and River retries it with back-off; the deliveries table keeps
// each attempt.
type DeliverArgs struct {
	SubscriptionID int64 `json:"subscription_id"`
	VersionID      int64 `json:"version_id"`
	EventID        int64 `json:"event_id,omitempty"`
}

// Kind implements river.JobArgs.
func (DeliverArgs) Kind() string { return KindDeliver }

// InsertOpts makes a delivery unique while pending: a change queued twice
// is sent once.
func (DeliverArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

type deliverWorker struct {
	river.WorkerDefaults[DeliverArgs]
	d *jobs.Deliverer
}

// Work makes one attempt; an error makes River retry it with back-off.
func (w *deliverWorker) Work(ctx context.Context, job *river.Job[DeliverArgs]) error {
	return w.d.Deliver(ctx, jobs.Delivery{SubscriptionID: job.Args.SubscriptionID, VersionID: job.Args.VersionID,
		EventID: job.Args.EventID})
}

// EnqueueDeliveries queues one delivery job per subscription a newly
// recorded version matches; it suits Engine.OnVersion. It runs after the
// check's transaction committed and only inserts jobs, so the check never
// waits for a subscriber. A failure to queue is logged: the version is
// recorded whatever happens to its notifications.
func (q *Queue) EnqueueDeliveries(ctx context.Context, a model.Article, v model.Version) {
	d := q.cfg.Deliver
	if d == nil {
		return
	}
	due, err := d.Due(ctx, v)
	// One insert per job, as the scheduler does: a batch would lock the
	// rows of jobs already pending in its own order (see enqueue.go).
	for _, dl := range due {
		if err != nil {
			break
		}
		_, err = q.client.Insert(ctx, DeliverArgs{SubscriptionID: dl.SubscriptionID, VersionID: dl.VersionID}, nil)
	}
	if err != nil {
		q.countError()
		q.eng.Log.Warn("notifications not queued", "url", a.URL, "version", v.ID, "err", err)
	}
}

// EnqueueEventDeliveries queues one delivery job per subscription a newly
// recorded lifecycle event matches; it suits Engine.OnEvent and, like
// EnqueueDeliveries, never makes the check wait.
func (q *Queue) EnqueueEventDeliveries(ctx context.Context, a model.Article, ev model.Event) {
	d := q.cfg.Deliver
	if d == nil {
		return
	}
	due, err := d.DueEvent(ctx, a, ev)
	for _, dl := range due {
		if err != nil {
			break
		}
		_, err = q.client.Insert(ctx, DeliverArgs{SubscriptionID: dl.SubscriptionID, EventID: dl.EventID}, nil)
	}
	if err != nil {
		q.countError()
		q.eng.Log.Warn("notifications not queued", "url", a.URL, "event", ev.ID, "err", err)
	}
}
