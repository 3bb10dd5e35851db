package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// CaptureQuery pages through captures in the order they were fetched.
type CaptureQuery struct {
	// After is the last capture of the previous page (zero: from the first).
	AfterTime time.Time
	AfterHash string
	// Since, when set, keeps captures fetched at or after it.
	Since time.Time
	// ArticleID, when set, keeps the captures the article's versions name.
	ArticleID int64
	Limit     int
}

const (
	captureCols = `c.hash, c.url, c.status, c.header, c.fetched_at, c.size`
	// Row-value comparison keeps the page order on (fetched_at, hash),
	// which the captures_fetched index serves on both engines.
	sqlCapturePage = `SELECT ` + captureCols + ` FROM captures c
		WHERE (c.fetched_at, c.hash) > (?, ?) AND c.fetched_at >= ?
		ORDER BY c.fetched_at, c.hash LIMIT ?`
	sqlArticleCapturePage = `SELECT ` + captureCols + ` FROM captures c
		WHERE (c.fetched_at, c.hash) > (?, ?) AND c.fetched_at >= ?
		AND c.hash IN (SELECT v.capture_hash FROM versions v WHERE v.article_id = ?)
		ORDER BY c.fetched_at, c.hash LIMIT ?`
	sqlCaptureVersions = `SELECT ` + versionCols + ` FROM versions WHERE capture_hash = ? ORDER BY article_id, seq`
)

// CapturePage returns up to q.Limit captures after q's cursor, oldest
// first, without their bodies (see CaptureBody): a caller holds one page
// of headers at a time however many captures the store keeps.
func (s *Store) CapturePage(ctx context.Context, q CaptureQuery) ([]model.Capture, error) {
	after := int64(-1 << 63)
	if !q.AfterTime.IsZero() || q.AfterHash != "" {
		after = nanos(q.AfterTime)
	}
	query, args := sqlCapturePage, []any{after, q.AfterHash, nanos(q.Since), q.Limit}
	if q.ArticleID != 0 {
		query, args = sqlArticleCapturePage, []any{after, q.AfterHash, nanos(q.Since), q.ArticleID, q.Limit}
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("capture page", err)
	}
	cs, err := collect(rows, scanCapture)
	return cs, s.wrap("capture page", err)
}

func scanCapture(sc scanner) (model.Capture, error) {
	var c model.Capture
	var header string
	var fetched int64
	if err := sc.Scan(&c.Hash, &c.URL, &c.Status, &header, &fetched, &c.Size); err != nil {
		return c, err
	}
	c.FetchedAt = fromNanos(fetched)
	return c, fromJSON(header, &c.Header)
}

// CaptureVersions returns the versions made from the capture hash, by
// article and seq: usually one, more when several URLs served the same
// bytes.
func (s *Store) CaptureVersions(ctx context.Context, hash string) ([]model.Version, error) {
	return s.versions(ctx, fmt.Sprintf("versions of capture %s", hash), sqlCaptureVersions, hash)
}
