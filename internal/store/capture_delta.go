package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
)

// A capture is packed whole (PackCapture), or as a delta against an
// earlier capture of its article that is packed whole (PackCaptureAfter,
// migration 0021 on SQLite, 0020 on PostgreSQL). A page fetched again
// after an edit is the same template, scripts and navigation around a
// changed paragraph; against the page before it, it packs to a few
// hundred bytes where the outlet's dictionary leaves tens of kilobytes
// (BenchmarkStorage). As with texts, a delta's base is never a delta, so
// reading a capture reads at most one other.

const (
	// sqlLastCapture is the newest capture of an article's versions.
	sqlLastCapture = `SELECT capture_hash FROM versions WHERE article_id = ? AND capture_hash <> ''
		ORDER BY seq DESC LIMIT 1`
	sqlCaptureBlobBase = `SELECT body, base FROM captures WHERE hash = ?`
	// maxCaptureDeltaShare: a delta is kept when it is at most half of
	// the body packed whole; otherwise the body is kept whole, as the base
	// of the captures after it.
	maxCaptureDeltaShare = 2
)

// PackCaptureAfter packs a body fetched from article's page: as a delta
// against the article's newest capture (or that capture's base) when
// that is at most half the size of the body packed whole by
// PackCapture, whole otherwise. base is the hash the delta needs, ""
// for a whole body. A base that cannot be read is no reason to lose a
// version: the body is then packed whole.
func (s *Store) PackCaptureAfter(ctx context.Context, outletID, articleID int64, body []byte) (hash string, blob []byte, base string, err error) {
	hash, blob, err = s.PackCapture(ctx, outletID, body)
	if err != nil {
		return "", nil, "", err
	}
	baseHash, baseBody, err := s.captureBase(ctx, articleID)
	if err != nil {
		if ctx.Err() != nil {
			return "", nil, "", s.wrap("pack capture", err)
		}
		return hash, blob, "", nil
	}
	if baseHash == "" || baseHash == hash {
		return hash, blob, "", nil
	}
	delta, err := archive.PackDelta(baseBody, body)
	if err != nil || len(delta) > len(blob)/maxCaptureDeltaShare {
		return hash, blob, "", nil
	}
	return hash, delta, baseHash, nil
}

// captureBase is the whole capture a new capture of article would be
// packed against, with its body: its newest capture, or that one's
// base. baseHash is "" when the article has no capture.
func (s *Store) captureBase(ctx context.Context, articleID int64) (baseHash string, body []byte, err error) {
	err = s.queryRow(ctx, sqlLastCapture, articleID).Scan(&baseHash)
	if err != nil {
		if errors.Is(noRows(err), ErrNotFound) {
			return "", nil, nil
		}
		return "", nil, err
	}
	var blob []byte
	var base string
	if err := s.queryRow(ctx, sqlCaptureBlobBase, baseHash).Scan(&blob, &base); err != nil {
		return "", nil, noRows(err)
	}
	if base != "" {
		baseHash = base
	}
	body, err = s.CaptureContent(ctx, baseHash)
	return baseHash, body, err
}

// CaptureContent returns the body of the capture stored under hash,
// unpacked and checked against its hash: an archive.ErrCorrupt error
// when it no longer matches, archive.ErrNoDict when its dictionary is
// missing.
func (s *Store) CaptureContent(ctx context.Context, hash string) ([]byte, error) {
	body, err := s.captureContent(ctx, hash)
	return body, s.wrap("capture body "+hash, err)
}

func (s *Store) captureContent(ctx context.Context, hash string) ([]byte, error) {
	var blob []byte
	var base string
	if err := s.queryRow(ctx, sqlCaptureBlobBase, hash).Scan(&blob, &base); err != nil {
		return nil, noRows(err)
	}
	dicts := s.Dicts(ctx)
	if base == "" {
		return archive.Unpack(hash, blob, dicts)
	}
	var baseBlob []byte
	var baseBase string
	if err := s.queryRow(ctx, sqlCaptureBlobBase, base).Scan(&baseBlob, &baseBase); err != nil {
		return nil, fmt.Errorf("base %s: %w", base, noRows(err))
	}
	if baseBase != "" {
		return nil, fmt.Errorf("%w: base %s is itself a delta", archive.ErrCorrupt, base)
	}
	baseBody, err := archive.Unpack(base, baseBlob, dicts)
	if err != nil {
		return nil, fmt.Errorf("base %s: %w", base, err)
	}
	body, err := archive.UnpackDelta(baseBody, blob)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", archive.ErrCorrupt, err)
	}
	if archive.Hash(body) != hash {
		return nil, fmt.Errorf("%w: the body hashes to %s", archive.ErrCorrupt, archive.Hash(body))
	}
	return body, nil
}

const sqlWholeCapture = `SELECT count(*) FROM captures WHERE hash = ? AND base = ''`

// checkCaptureBase refuses a capture packed against a base that is not
// stored whole (purged since it was read, or itself a delta): it could
// never be read.
func checkCaptureBase(ctx context.Context, tx *wtx, c *model.Capture) error {
	if c.Base == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, sqlWholeCapture, c.Base).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("capture %s: its base %s is not stored whole", c.Hash, c.Base)
	}
	return nil
}
