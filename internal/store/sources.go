package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

const (
	sourceCols       = `id, outlet_id, url, kind, etag, last_modified, last_polled, next_poll, errors, created_at`
	sqlSourceByURL   = `SELECT ` + sourceCols + ` FROM sources WHERE url = ?`
	sqlSources       = `SELECT ` + sourceCols + ` FROM sources ORDER BY id`
	sqlOutletSources = `SELECT ` + sourceCols + ` FROM sources WHERE outlet_id = ? ORDER BY id`
	sqlDueSources    = `SELECT ` + sourceCols + ` FROM sources WHERE next_poll <= ? ORDER BY next_poll, id`
	sqlInsertSource  = `INSERT INTO sources (outlet_id, url, kind, etag, last_modified, last_polled, next_poll, errors, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlUpdateSource = `UPDATE sources SET outlet_id = ?, url = ?, kind = ?, etag = ?, last_modified = ?,
		last_polled = ?, next_poll = ?, errors = ? WHERE id = ?`
)

func scanSource(sc scanner) (model.Source, error) {
	var src model.Source
	var kind string
	var polled, next, created int64
	err := sc.Scan(&src.ID, &src.OutletID, &src.URL, &kind, &src.ETag, &src.LastModified,
		&polled, &next, &src.Errors, &created)
	if err != nil {
		return src, noRows(err)
	}
	src.Kind = model.SourceKind(kind)
	src.LastPolled, src.NextPoll, src.CreatedAt = fromNanos(polled), fromNanos(next), fromNanos(created)
	return src, nil
}

// AddSource inserts src unless its URL is known; created reports which.
// A zero CreatedAt is set to now.
func (s *Store) AddSource(ctx context.Context, src model.Source) (model.Source, bool, error) {
	created := false
	err := s.write(ctx, "add source "+src.URL, func(tx *wtx) error {
		old, err := scanSource(tx.QueryRowContext(ctx, sqlSourceByURL, src.URL))
		if err == nil {
			src = old
			return nil
		}
		if err != ErrNotFound {
			return err
		}
		if src.CreatedAt.IsZero() {
			src.CreatedAt = time.Now().UTC()
		}
		err = tx.QueryRowContext(ctx, sqlInsertSource, src.OutletID, src.URL, string(src.Kind), src.ETag,
			src.LastModified, nanos(src.LastPolled), nanos(src.NextPoll), src.Errors, nanos(src.CreatedAt)).Scan(&src.ID)
		created = err == nil
		return err
	})
	if err != nil {
		return model.Source{}, false, err
	}
	return normSource(src), created, nil
}

// normSource makes a returned source equal to what a later read yields.
func normSource(src model.Source) model.Source {
	src.LastPolled = fromNanos(nanos(src.LastPolled))
	src.NextPoll = fromNanos(nanos(src.NextPoll))
	src.CreatedAt = fromNanos(nanos(src.CreatedAt))
	return src
}

// Sources returns every source by id.
func (s *Store) Sources(ctx context.Context) ([]model.Source, error) {
	return s.querySources(ctx, "sources", sqlSources)
}

// OutletSources returns an outlet's sources by id.
func (s *Store) OutletSources(ctx context.Context, outletID int64) ([]model.Source, error) {
	return s.querySources(ctx, fmt.Sprintf("sources of outlet %d", outletID), sqlOutletSources, outletID)
}

// DueSources returns the sources whose next poll is at or before now,
// soonest first.
func (s *Store) DueSources(ctx context.Context, now time.Time) ([]model.Source, error) {
	return s.querySources(ctx, "due sources", sqlDueSources, nanos(now))
}

func (s *Store) querySources(ctx context.Context, op, query string, args ...any) ([]model.Source, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	srcs, err := collect(rows, scanSource)
	return srcs, s.wrap(op, err)
}

// UpdateSource persists src's mutable fields (everything but CreatedAt).
func (s *Store) UpdateSource(ctx context.Context, src model.Source) error {
	return s.write(ctx, fmt.Sprintf("update source %d", src.ID), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlUpdateSource, src.OutletID, src.URL, string(src.Kind),
			src.ETag, src.LastModified, nanos(src.LastPolled), nanos(src.NextPoll), src.Errors, src.ID))
	})
}
