package store

import (
	"context"
	"time"
)

// Instance names one store: made with it, never changed.
type Instance struct {
	ID      string // 32 lower-case hex digits
	Created time.Time
}

const (
	sqlInstance    = `SELECT id, created_at FROM instance`
	sqlSetInstance = `UPDATE instance SET id = ?, created_at = ?`
)

// Instance returns the store's name.
func (s *Store) Instance(ctx context.Context) (Instance, error) {
	var in Instance
	var created int64
	err := s.queryRow(ctx, sqlInstance).Scan(&in.ID, &created)
	in.Created = time.Unix(0, created).UTC()
	return in, s.wrap("instance", err)
}
