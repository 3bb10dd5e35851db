package store

import (
	"context"
	"database/sql"
)

// maxWriteAttempts bounds how often a write transaction is retried after
// losing a race to another writer. Only PostgreSQL retries: SQLite
// serialises writers on its file lock, so its writes never race.
const maxWriteAttempts = 4

// write runs fn in one write transaction (immediate on SQLite), retrying
// on PostgreSQL when a concurrent writer made it fail: a serialization
// failure, a deadlock, or a unique key another process inserted between
// this transaction's check and its insert. A retry sees the other
// writer's row and takes the "already there" path.
func (s *Store) write(ctx context.Context, op string, fn func(tx *wtx) error) error {
	for attempt := 1; ; attempt++ {
		err := s.writeOnce(ctx, fn)
		if err == nil || attempt >= maxWriteAttempts || !s.retryable(err) || ctx.Err() != nil {
			return s.wrap(op, err)
		}
	}
}

func (s *Store) writeOnce(ctx context.Context, fn func(tx *wtx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	w := &wtx{tx: tx, cache: s.wc, prelog: s.prelog}
	if err := fn(w); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := w.finish(ctx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// retryable reports whether err means "another writer won; run again".
func (s *Store) retryable(err error) bool {
	if s.d != dialectPostgres {
		return false
	}
	switch pgCode(err) {
	case pgSerializationFailure, pgDeadlock, pgUniqueViolation:
		return true
	}
	return false
}

// beginWrite starts a transaction on the writer for callers that manage
// it themselves (migrations, Copy).
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	return s.w.BeginTx(ctx, nil)
}
