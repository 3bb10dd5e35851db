package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivertype"
)

// Worker leases. A worker that dies (kill -9, a lost machine) leaves its
// jobs running in River's table, the unique scheduler job among them, which
// blocks every scheduler pass until River's rescuer takes them
// (RescueAfter). Each worker therefore renews a lease in the store under
// its River client id, and every worker reclaims the running jobs of
// client ids whose lease ran out: at start, and then on every renewal.
const (
	// workerBeat is how often a worker renews its lease and looks for a
	// stopped worker's jobs.
	workerBeat = 5 * time.Second
	// workerLease is how long a lease lasts: several beats, so that a
	// worker slowed by a loaded machine or a busy database is not taken
	// for stopped. A stopped worker's jobs wait at most about this long.
	workerLease = 4 * workerBeat
	// forgetTimeout bounds dropping the lease on Stop, which runs even
	// when Stop's context has ended.
	forgetTimeout = 5 * time.Second
	// reclaimSlack is added to a job's attempt time to fence the update:
	// a reclaim only touches the attempt it saw, never a newer one that
	// another worker started meanwhile. River stores attempt times to the
	// millisecond on SQLite.
	reclaimSlack = time.Millisecond
)

// keepAlive renews this worker's lease.
func (q *Queue) keepAlive(ctx context.Context) error {
	now := time.Now()
	if err := q.eng.Store.KeepWorker(ctx, q.client.ID(), now, now.Add(workerLease)); err != nil {
		return fmt.Errorf("queue: worker lease: %w", err)
	}
	return nil
}

// forget drops this worker's lease once it runs no job any more.
func (q *Queue) forget(ctx context.Context) {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), forgetTimeout)
	defer cancel()
	if err := q.eng.Store.ForgetWorker(fctx, q.client.ID()); err != nil {
		q.cfg.Logger.Warn("worker lease not dropped; it runs out by itself", "err", err)
	}
}

// tend renews the lease and reclaims stopped workers' jobs every
// workerBeat until ctx ends.
func (q *Queue) tend(ctx context.Context) {
	defer close(q.tendDone)
	t := time.NewTicker(workerBeat)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := q.keepAlive(ctx); err != nil {
			if ctx.Err() == nil {
				q.countError()
				q.cfg.Logger.Warn("worker lease not renewed", "err", err)
			}
			continue
		}
		q.reclaimAndLog(ctx)
	}
}

// reclaimAndLog reclaims and says so in one line.
func (q *Queue) reclaimAndLog(ctx context.Context) {
	n, owners, err := q.reclaim(ctx)
	if err != nil && ctx.Err() == nil {
		q.countError()
		q.cfg.Logger.Warn("jobs of stopped workers not reclaimed", "err", err)
	}
	if n > 0 {
		q.cfg.Logger.Info("reclaimed jobs left running by a stopped worker", "jobs", n, "workers", owners)
	}
}

// reclaim makes the jobs River shows running under a stopped worker
// available again, so that they run now rather than once River's rescuer
// finds them. A worker is stopped when it has no lease running: it ran
// out, or the worker never wrote one (an older errata). Jobs of this
// worker and of live peers are left alone. It returns how many jobs it
// reclaimed and from which workers.
func (q *Queue) reclaim(ctx context.Context) (int, []string, error) {
	res, err := q.client.JobList(ctx, river.NewJobListParams().States(rivertype.JobStateRunning).First(maxDepthCount))
	if err != nil {
		return 0, nil, fmt.Errorf("queue: running jobs: %w", err)
	}
	if len(res.Jobs) == 0 {
		return 0, nil, nil
	}
	now := time.Now()
	live, err := q.eng.Store.LiveWorkers(ctx, now)
	if err != nil {
		return 0, nil, fmt.Errorf("queue: live workers: %w", err)
	}
	var owners []string
	n := 0
	for _, j := range res.Jobs {
		owner, ok := attemptOwner(j)
		if !ok || owner == q.client.ID() || live[owner] {
			continue
		}
		if err := q.makeAvailable(ctx, j, owner, now); err != nil {
			return n, owners, err
		}
		n++
		if !slices.Contains(owners, owner) {
			owners = append(owners, owner)
		}
	}
	return n, owners, nil
}

// attemptOwner is the client id of the worker running a job's current
// attempt: the last one River recorded.
func attemptOwner(j *rivertype.JobRow) (string, bool) {
	if len(j.AttemptedBy) == 0 || j.AttemptedAt == nil {
		return "", false
	}
	return j.AttemptedBy[len(j.AttemptedBy)-1], true
}

// makeAvailable puts a running job back in line to run now, noting the
// reclaim among its errors, through the driver's rescue statement (the
// one River's rescuer runs). The update applies only while the job is
// still running the attempt seen, so two workers reclaiming at once, or a
// worker that already picked the job up again, change nothing.
func (q *Queue) makeAvailable(ctx context.Context, j *rivertype.JobRow, owner string, now time.Time) error {
	note, err := json.Marshal(rivertype.AttemptError{
		At: now.UTC(), Attempt: j.Attempt, Error: "reclaimed: worker " + owner + " stopped while running it",
	})
	if err != nil {
		return fmt.Errorf("queue: reclaim job %d: %w", j.ID, err)
	}
	_, err = q.exec.JobRescueMany(ctx, &riverdriver.JobRescueManyParams{
		ID:           []int64{j.ID},
		Error:        [][]byte{note},
		FinalizedAt:  []*time.Time{nil},
		ScheduledAt:  []time.Time{now.UTC()},
		State:        []string{string(rivertype.JobStateAvailable)},
		StuckHorizon: j.AttemptedAt.Add(reclaimSlack),
	})
	if err != nil {
		return fmt.Errorf("queue: reclaim job %d: %w", j.ID, err)
	}
	return nil
}
