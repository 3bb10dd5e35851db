package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// logLockKey is the pg_advisory_xact_lock key held while appending to the
// log on PostgreSQL: leaves are numbered by the log's size, so appends
// take turns (SQLite's single writer already serialises them). It spells
// "errlog" in ASCII.
const logLockKey = 0x6572726c6f67

const (
	sqlLogSize       = `SELECT coalesce(max(leaf) + 1, 0) FROM log_leaves`
	sqlLogHash       = `SELECT hash FROM log_hashes WHERE idx = ?`
	sqlInsertLogHash = `INSERT INTO log_hashes (idx, hash) VALUES (?, ?)`
	sqlInsertLogLeaf = `INSERT INTO log_leaves (leaf, version_id, capture_hash, url) VALUES (?, ?, ?, ?)`
)

// rowQuerier is what reading the log's hashes needs: a write transaction
// or the store's reader.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) rowScanner
}

type rowScanner interface{ Scan(dest ...any) error }

type txQuerier struct{ tx *wtx }

func (q txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	return q.tx.QueryRowContext(ctx, query, args...)
}

type storeQuerier struct{ s *Store }

func (q storeQuerier) QueryRowContext(ctx context.Context, query string, args ...any) rowScanner {
	return q.s.queryRow(ctx, query, args...)
}

// hashReader reads stored hashes for golang.org/x/mod/sumdb/tlog: each
// call asks for O(log n) of them, never the whole tree.
type hashReader struct {
	ctx context.Context
	q   rowQuerier
}

func (r hashReader) ReadHashes(indexes []int64) ([]sumtlog.Hash, error) {
	out := make([]sumtlog.Hash, len(indexes))
	for i, idx := range indexes {
		var b []byte
		if err := r.q.QueryRowContext(r.ctx, sqlLogHash, idx).Scan(&b); err != nil {
			return nil, fmt.Errorf("log hash %d: %w", idx, noRows(err))
		}
		if len(b) != sumtlog.HashSize {
			return nil, fmt.Errorf("log hash %d: %d bytes", idx, len(b))
		}
		copy(out[i][:], b)
	}
	return out, nil
}

// leafRef is the row a leaf records.
type leafRef struct {
	versionID   int64
	captureHash string
	url         string
}

// appendLeaf appends data to the log as the next leaf, recording which row
// it stands for, in the row's transaction: the row and its leaf commit
// together or not at all.
func appendLeaf(ctx context.Context, tx *wtx, data []byte, ref leafRef) (int64, error) {
	if tx.prelog {
		return 0, nil
	}
	if tx.cache.d == dialectPostgres {
		if _, err := tx.ExecContext(ctx, pgMigrationLock, int64(logLockKey)); err != nil {
			return 0, fmt.Errorf("log: lock: %w", err)
		}
	}
	var n int64
	if err := tx.QueryRowContext(ctx, sqlLogSize).Scan(&n); err != nil {
		return 0, fmt.Errorf("log: size: %w", err)
	}
	hashes, err := sumtlog.StoredHashes(n, data, hashReader{ctx, txQuerier{tx}})
	if err != nil {
		return 0, fmt.Errorf("log: append leaf %d: %w", n, err)
	}
	base := sumtlog.StoredHashIndex(0, n)
	for i, h := range hashes {
		if _, err := tx.ExecContext(ctx, sqlInsertLogHash, base+int64(i), h[:]); err != nil {
			return 0, fmt.Errorf("log: append leaf %d: %w", n, err)
		}
	}
	if _, err := tx.ExecContext(ctx, sqlInsertLogLeaf, n, ref.versionID, ref.captureHash, ref.url); err != nil {
		return 0, fmt.Errorf("log: append leaf %d: %w", n, err)
	}
	return n, nil
}

// logVersion appends the leaf of version v, stored under id.
func logVersion(ctx context.Context, tx *wtx, id int64, v *model.Version) error {
	var url string
	if err := tx.QueryRowContext(ctx, sqlArticleURL, v.ArticleID).Scan(&url); err != nil {
		return fmt.Errorf("log: version %d: article %d: %w", id, v.ArticleID, noRows(err))
	}
	_, err := appendLeaf(ctx, tx, versionLeaf(*v, url).Encode(), leafRef{versionID: id, url: url})
	return err
}

// versionLeaf is the leaf of a version as the store keeps it: classes go
// through their stored form so recording and verifying encode alike.
func versionLeaf(v model.Version, url string) tlog.VersionLeaf {
	return tlog.VersionLeaf{ArticleID: v.ArticleID, URL: url, Seq: v.Seq, FetchedAt: fromNanos(nanos(v.FetchedAt)),
		Title: v.Title, Byline: v.Byline, Text: v.Text, CaptureHash: v.CaptureHash,
		Classes: splitClasses(joinClasses(v.Classes))}
}

func captureLeaf(c model.Capture) tlog.CaptureLeaf {
	return tlog.CaptureLeaf{Hash: c.Hash, URL: c.URL, Status: c.Status, FetchedAt: fromNanos(nanos(c.FetchedAt)),
		Size: c.Size}
}

// logCapture appends the leaf of capture c, just inserted.
func logCapture(ctx context.Context, tx *wtx, c *model.Capture) error {
	_, err := appendLeaf(ctx, tx, captureLeaf(*c).Encode(), leafRef{captureHash: c.Hash})
	return err
}
