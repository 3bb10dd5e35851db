package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

const (
	sourceCols = `id, outlet_id, url, kind, etag, last_modified, last_polled, next_poll, errors, created_at,
		paused, last_error`
	sqlSourceByURL   = `SELECT ` + sourceCols + ` FROM sources WHERE url = ?`
	sqlSourceByID    = `SELECT ` + sourceCols + ` FROM sources WHERE id = ?`
	sqlSources       = `SELECT ` + sourceCols + ` FROM sources ORDER BY id`
	sqlOutletSources = `SELECT ` + sourceCols + ` FROM sources WHERE outlet_id = ? ORDER BY id`
	sqlDueSources    = `SELECT ` + sourceCols + ` FROM sources WHERE paused = 0 AND next_poll <= ? ORDER BY next_poll, id`
	sqlPollable      = `SELECT ` + sourceCols + ` FROM sources WHERE paused = 0 ORDER BY id`
	sqlInsertSource  = `INSERT INTO sources (outlet_id, url, kind, etag, last_modified, last_polled, next_poll, errors, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// Paused is left out: only a person changes it (SetSourcePaused), so a
	// poll finishing after a pause cannot undo it.
	sqlUpdateSource = `UPDATE sources SET outlet_id = ?, url = ?, kind = ?, etag = ?, last_modified = ?,
		last_polled = ?, next_poll = ?, errors = ?, last_error = ? WHERE id = ?`
)

func scanSource(sc scanner) (model.Source, error) {
	var src model.Source
	var kind string
	var polled, next, created, paused int64
	err := sc.Scan(&src.ID, &src.OutletID, &src.URL, &kind, &src.ETag, &src.LastModified,
		&polled, &next, &src.Errors, &created, &paused, &src.LastError)
	if err != nil {
		return src, noRows(err)
	}
	src.Kind = model.SourceKind(kind)
	src.Paused = paused != 0
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

// Source returns one source by id.
func (s *Store) Source(ctx context.Context, id int64) (model.Source, error) {
	src, err := scanSource(s.queryRow(ctx, sqlSourceByID, id))
	return src, s.wrap(fmt.Sprintf("source %d", id), err)
}

// SourceByURL returns the source at a URL, as stored (canonical).
func (s *Store) SourceByURL(ctx context.Context, url string) (model.Source, error) {
	src, err := scanSource(s.queryRow(ctx, sqlSourceByURL, url))
	return src, s.wrap("source "+url, err)
}

// PollableSources returns every source that is not paused, by id.
func (s *Store) PollableSources(ctx context.Context) ([]model.Source, error) {
	return s.querySources(ctx, "pollable sources", sqlPollable)
}

// DueSources returns the sources not paused whose next poll is at or
// before now, soonest first.
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

// UpdateSource persists src's mutable fields (everything but CreatedAt
// and Paused, which SetSourcePaused changes).
func (s *Store) UpdateSource(ctx context.Context, src model.Source) error {
	return s.write(ctx, fmt.Sprintf("update source %d", src.ID), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlUpdateSource, src.OutletID, src.URL, string(src.Kind),
			src.ETag, src.LastModified, nanos(src.LastPolled), nanos(src.NextPoll), src.Errors,
			src.LastError, src.ID))
	})
}

// SourceSummary is a source with what its list row shows.
type SourceSummary struct {
	model.Source
	OutletName string
	Articles   int // articles it found
}

// SourceQuery pages through sources in id order.
type SourceQuery struct {
	AfterID int64 // 0: from the first
	Limit   int   // capped at MaxPage; <= 0 means MaxPage
}

// sqlSourceSummaries reads each source's count of articles from
// source_stats, kept as articles are written (migration 0016).
const sqlSourceSummaries = `SELECT s.id, s.outlet_id, s.url, s.kind, s.etag, s.last_modified, s.last_polled,
		s.next_poll, s.errors, s.created_at, s.paused, s.last_error, o.name, coalesce(st.articles, 0)
	FROM sources s JOIN outlets o ON o.id = s.outlet_id LEFT JOIN source_stats st ON st.source_id = s.id
	WHERE s.id > ? ORDER BY s.id LIMIT ?`

// SourceSummaries pages through sources with their outlet's name and the
// number of articles each found.
func (s *Store) SourceSummaries(ctx context.Context, q SourceQuery) ([]SourceSummary, error) {
	rows, err := s.query(ctx, sqlSourceSummaries, q.AfterID, pageLimit(q.Limit))
	if err != nil {
		return nil, s.wrap("source summaries", err)
	}
	ss, err := collect(rows, func(sc scanner) (SourceSummary, error) {
		var sum SourceSummary
		src, err := scanSource(scanFunc(func(dest ...any) error {
			return sc.Scan(append(dest, &sum.OutletName, &sum.Articles)...)
		}))
		sum.Source = src
		return sum, err
	})
	return ss, s.wrap("source summaries", err)
}

// scanFunc lets a scan of more columns reuse a scanner of fewer.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
