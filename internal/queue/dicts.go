package queue

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// KindTrainDicts is the periodic job that trains capture dictionaries.
const KindTrainDicts = "train_capture_dicts"

const (
	// trainDictsEvery is how often outlets are looked at for a new
	// capture dictionary. A pass that finds nothing to train costs two
	// indexed counts per outlet; an outlet's first dictionary comes within
	// the hour of its first pages, which are packed without one meanwhile.
	trainDictsEvery = time.Hour
	// trainDictsPerPass bounds the outlets one pass trains (a few seconds
	// each), keeping the job well inside jobTimeout; the next pass trains
	// the rest.
	trainDictsPerPass = 16
)

// TrainDictsArgs is the periodic job that trains capture dictionaries.
// It is a job rather than a step of recording: training takes seconds,
// which no check should wait for, and a job runs on one worker of one
// process however many serve the store.
type TrainDictsArgs struct{}

// Kind implements river.JobArgs.
func (TrainDictsArgs) Kind() string { return KindTrainDicts }

// InsertOpts keeps one pass pending at a time and does not retry a failed
// one: the next tick runs a fresh pass.
func (TrainDictsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByState: pendingStates}, MaxAttempts: 1}
}

type trainDictsWorker struct {
	river.WorkerDefaults[TrainDictsArgs]
	q *Queue
}

func (w *trainDictsWorker) Work(ctx context.Context, _ *river.Job[TrainDictsArgs]) error {
	n, err := w.q.eng.Store.TrainCaptureDicts(ctx, w.q.eng.Now().UTC(), trainDictsPerPass)
	if n > 0 {
		w.q.cfg.Logger.Info("trained capture dictionaries", "outlets", n)
	}
	return err
}

func trainDictsJob() *river.PeriodicJob {
	return river.NewPeriodicJob(
		river.PeriodicInterval(trainDictsEvery),
		func() (river.JobArgs, *river.InsertOpts) { return TrainDictsArgs{}, nil },
		&river.PeriodicJobOpts{ID: KindTrainDicts, RunOnStart: true},
	)
}
