package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// maxDepthCount caps how many waiting jobs of one kind a depth sample
// counts: beyond it the gauge saturates rather than the sample growing
// with the backlog.
const maxDepthCount = 10000

// waitingStates are the states of jobs that have not run yet.
var waitingStates = []rivertype.JobState{
	rivertype.JobStateAvailable, rivertype.JobStateScheduled, rivertype.JobStateRetryable,
	rivertype.JobStatePending,
}

// Depth counts the jobs waiting to run, by kind (capped at maxDepthCount).
func (q *Queue) Depth(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, kind := range []string{KindCheck, KindConfirm, KindPoll, KindScheduler} {
		res, err := q.client.JobList(ctx, river.NewJobListParams().
			Kinds(kind).States(waitingStates...).First(maxDepthCount))
		if err != nil {
			return nil, fmt.Errorf("queue: depth: %w", err)
		}
		out[kind] = len(res.Jobs)
	}
	return out, nil
}

// sampleDepth sets the queue depth gauge every DepthEvery until ctx ends.
// Sampling is local to each process, so it runs outside River.
func (q *Queue) sampleDepth(ctx context.Context) {
	defer close(q.depthDone)
	t := time.NewTicker(q.cfg.DepthEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			q.sampleDepthOnce(ctx)
		}
	}
}

func (q *Queue) sampleDepthOnce(ctx context.Context) {
	depth, err := q.Depth(ctx)
	if err != nil {
		if ctx.Err() == nil {
			q.countError()
			q.cfg.Logger.Warn("queue depth not sampled", "err", err)
		}
		return
	}
	for kind, n := range depth {
		q.cfg.Metrics.QueueDepth.WithLabelValues(kind).Set(float64(n))
	}
}
