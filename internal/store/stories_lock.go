package store

import (
	"context"
	"fmt"
)

// placementLockKey is the PostgreSQL advisory lock placements hold: it
// spells "errata" + "st" in ASCII, apart from the migration lock.
const placementLockKey = 0x6572726174617374

// LockPlacement makes placements one at a time across every process
// sharing the database, so two copies placed at once by two workers see
// each other: a placement reads candidates, decides and saves while
// holding it. On SQLite, where one process writes, it costs nothing and
// the queue already runs placements one at a time. Call the returned
// function to release the lock.
func (s *Store) LockPlacement(ctx context.Context) (func(), error) {
	if s.d != dialectPostgres {
		return func() {}, nil
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return nil, s.wrap("lock placement", err)
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(placementLockKey)); err != nil {
		_ = conn.Close()
		return nil, s.wrap("lock placement", fmt.Errorf("advisory lock: %w", err))
	}
	return func() {
		_, _ = conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(placementLockKey))
		_ = conn.Close()
	}, nil
}
