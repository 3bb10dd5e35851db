package store

import (
	"context"
	"fmt"
	"time"
)

// forgetWorkersAfter is how long the row of a worker that stopped without
// saying so is kept after its lease ran out, for diagnostics.
const forgetWorkersAfter = 24 * time.Hour

const (
	sqlKeepWorker = `INSERT INTO queue_workers (id, started_at, alive_until) VALUES (?1, ?2, ?3)
		ON CONFLICT (id) DO UPDATE SET alive_until = ?3`
	sqlForgetWorker      = `DELETE FROM queue_workers WHERE id = ?`
	sqlForgetDeadWorkers = `DELETE FROM queue_workers WHERE alive_until < ?`
	sqlLiveWorkers       = `SELECT id FROM queue_workers WHERE alive_until > ?`
)

// KeepWorker records that the job queue's worker id (its River client id)
// is alive until until. A worker renews it well before it runs out; every
// process sharing the database then knows that the jobs River shows
// running under id are being worked on. Times come from each process's
// clock, as for host leases.
func (s *Store) KeepWorker(ctx context.Context, id string, now, until time.Time) error {
	if _, err := s.writerExec(ctx, sqlKeepWorker, id, nanos(now), nanos(until)); err != nil {
		return s.wrap("keep worker "+id, err)
	}
	if _, err := s.writerExec(ctx, sqlForgetDeadWorkers, nanos(now.Add(-forgetWorkersAfter))); err != nil {
		return s.wrap("forget stopped workers", err)
	}
	return nil
}

// ForgetWorker drops a worker that stopped cleanly, so that no job of its
// waits for its lease to run out.
func (s *Store) ForgetWorker(ctx context.Context, id string) error {
	if _, err := s.writerExec(ctx, sqlForgetWorker, id); err != nil {
		return s.wrap("forget worker "+id, err)
	}
	return nil
}

// LiveWorkers returns the ids of the workers whose lease runs past now.
func (s *Store) LiveWorkers(ctx context.Context, now time.Time) (map[string]bool, error) {
	rows, err := s.query(ctx, sqlLiveWorkers, nanos(now))
	if err != nil {
		return nil, s.wrap("live workers", err)
	}
	defer rows.Close()
	live := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, s.wrap("live workers", err)
		}
		live[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: live workers: %w", err)
	}
	return live, nil
}
