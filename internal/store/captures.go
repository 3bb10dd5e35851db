package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	sqlCapture = `SELECT hash, url, status, header, fetched_at, size FROM captures WHERE hash = ?`
	// Content-addressed: the same hash is the same bytes, so a second insert
	// is a no-op rather than an update (which the trigger would refuse).
	sqlInsertCapture = `INSERT INTO captures (hash, url, status, header, fetched_at, size, body, base)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
	sqlCaptureBody = `SELECT body FROM captures WHERE hash = ?`
)

// CaptureBody returns the body of the capture stored under hash as it
// is stored: packed whole (see archive.Unpack) or as a delta. Readers of
// the body call CaptureContent.
func (s *Store) CaptureBody(ctx context.Context, hash string) ([]byte, error) {
	var body []byte
	err := s.queryRow(ctx, sqlCaptureBody, hash).Scan(&body)
	return body, s.wrap("capture body "+hash, noRows(err))
}

// Capture returns the capture stored under hash.
func (s *Store) Capture(ctx context.Context, hash string) (model.Capture, error) {
	var c model.Capture
	var header string
	var fetched int64
	err := s.queryRow(ctx, sqlCapture, hash).Scan(&c.Hash, &c.URL, &c.Status, &header, &fetched, &c.Size)
	if err != nil {
		return model.Capture{}, s.wrap("capture "+hash, noRows(err))
	}
	c.FetchedAt = fromNanos(fetched)
	if err := fromJSON(header, &c.Header); err != nil {
		return model.Capture{}, s.wrap("capture "+hash, err)
	}
	return c, nil
}

// insertCapture stores c and appends its log leaf, unless its hash is
// already stored.
func insertCapture(ctx context.Context, tx *wtx, c *model.Capture) error {
	header, err := toJSON(c.Header)
	if err != nil {
		return err
	}
	body := c.Body
	if body == nil {
		body = []byte{}
	}
	if err := checkCaptureBase(ctx, tx, c); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, sqlInsertCapture, c.Hash, c.URL, c.Status, header, nanos(c.FetchedAt), c.Size, body, c.Base)
	if err != nil {
		return fmt.Errorf("insert capture: %w", err)
	}
	// A capture already stored was logged when it was first inserted.
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return logCapture(ctx, tx, c)
}
