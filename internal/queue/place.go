package queue

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
)

// KindPlace is the job that places an article into copies and stories.
const KindPlace = "place_story"

// placeQueue is the River queue placements run in, one at a time.
const placeQueue = "stories"

// PlaceArgs asks for one article to be placed by its latest version,
// after the version VersionID was recorded.
type PlaceArgs struct {
	ArticleID int64 `json:"article_id"`
	VersionID int64 `json:"version_id"`
}

// Kind implements river.JobArgs.
func (PlaceArgs) Kind() string { return KindPlace }

// InsertOpts makes a placement unique per version while pending, so a
// version queued twice is placed once; a version recorded while its
// article's placement runs gets a job of its own and is not missed.
func (PlaceArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: placeQueue, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: pendingStates}}
}

type placeWorker struct {
	river.WorkerDefaults[PlaceArgs]
	p *jobs.Placer
}

// Work places the article; an error makes River retry it with back-off.
func (w *placeWorker) Work(ctx context.Context, job *river.Job[PlaceArgs]) error {
	return w.p.Place(ctx, job.Args.ArticleID)
}

// EnqueuePlacement queues the placement of a newly recorded version's
// article; it suits Engine.OnVersion. Like deliveries, it only inserts a
// job, after the check's transaction committed.
func (q *Queue) EnqueuePlacement(ctx context.Context, a model.Article, v model.Version) {
	if q.cfg.Place == nil {
		return
	}
	if _, err := q.client.Insert(ctx, PlaceArgs{ArticleID: a.ID, VersionID: v.ID}, nil); err != nil {
		q.countError()
		q.eng.Log.Warn("story placement not queued", "url", a.URL, "version", v.ID, "err", err)
	}
}

// Recorded queues everything a newly recorded version asks for: its
// notifications and its article's placement. It suits Engine.OnVersion.
func (q *Queue) Recorded(ctx context.Context, a model.Article, v model.Version) {
	q.EnqueueDeliveries(ctx, a, v)
	q.EnqueuePlacement(ctx, a, v)
}
