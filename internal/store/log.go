package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
	sqlLogSize         = `SELECT coalesce(max(leaf) + 1, 0) FROM log_leaves`
	sqlLogHashesIn     = `SELECT idx, hash FROM log_hashes WHERE idx IN (`
	sqlInsertLogHashes = `INSERT INTO log_hashes (idx, hash) VALUES `
	sqlInsertLogLeaves = `INSERT INTO log_leaves (leaf, version_id, capture_hash, url, imported, purge) VALUES `
)

// hashQuerier is what reading the log's hashes needs: a write
// transaction or the store's reader.
type hashQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

type txQuerier struct{ tx *wtx }

func (q txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.tx.tx.QueryContext(ctx, q.tx.cache.d.rebind(query), args...)
}

type storeQuerier struct{ s *Store }

func (q storeQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.s.query(ctx, query, args...)
}

// hashReader reads stored hashes for golang.org/x/mod/sumdb/tlog: each
// call asks for O(log n) of them, never the whole tree, and reads them in
// one query. Hashes in known (those a write transaction has appended so
// far) are not read again.
type hashReader struct {
	ctx   context.Context
	q     hashQuerier
	known map[int64]sumtlog.Hash
}

func (r hashReader) ReadHashes(indexes []int64) ([]sumtlog.Hash, error) {
	found := make(map[int64]sumtlog.Hash, len(indexes))
	var args []any
	for _, idx := range indexes {
		if h, ok := r.known[idx]; ok {
			found[idx] = h
		} else {
			args = append(args, idx)
		}
	}
	if len(args) > 0 {
		if err := r.read(args, found); err != nil {
			return nil, err
		}
	}
	out := make([]sumtlog.Hash, len(indexes))
	for i, idx := range indexes {
		h, ok := found[idx]
		if !ok {
			return nil, fmt.Errorf("log hash %d: %w", idx, ErrNotFound)
		}
		out[i] = h
	}
	return out, nil
}

// read adds the hashes at indexes to found, in one query.
func (r hashReader) read(indexes []any, found map[int64]sumtlog.Hash) error {
	query := sqlLogHashesIn + strings.TrimSuffix(strings.Repeat("?, ", len(indexes)), ", ") + ")"
	rows, err := r.q.QueryContext(r.ctx, query, indexes...)
	if err != nil {
		return fmt.Errorf("log hashes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var idx int64
		var b []byte
		if err := rows.Scan(&idx, &b); err != nil {
			return fmt.Errorf("log hashes: %w", err)
		}
		if len(b) != sumtlog.HashSize {
			return fmt.Errorf("log hash %d: %d bytes", idx, len(b))
		}
		found[idx] = sumtlog.Hash(b)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("log hashes: %w", err)
	}
	return nil
}

// txLog is what a write transaction knows of the log once it has
// appended to it: the size, and the hashes it has appended, which the
// next leaf's hashes are mostly made of. A batch of appends then reads
// neither again. On PostgreSQL the transaction holds the log's lock from
// its first append to its end, so no other append can move the size.
type txLog struct {
	size   int64
	hashes map[int64]sumtlog.Hash
	// The rows appended and not yet inserted: flush writes them in a few
	// multi-row statements before the transaction commits, where a row
	// each cost a round trip to PostgreSQL. Nothing reads them back in
	// the transaction but appendLeaf, from hashes.
	newHashes []logHashRow
	newLeaves []logLeafRow
}

type logHashRow struct {
	idx  int64
	hash sumtlog.Hash
}

type logLeafRow struct {
	leaf int64
	ref  leafRef
}

// logRowsPerInsert bounds one multi-row insert's rows, well within both
// engines' limits on bound parameters.
const logRowsPerInsert = 500

// flush inserts the rows appended since the last flush.
func (l *txLog) flush(ctx context.Context, tx *wtx) error {
	if l == nil {
		return nil
	}
	for rows := l.newHashes; len(rows) > 0; {
		chunk := rows[:min(len(rows), logRowsPerInsert)]
		rows = rows[len(chunk):]
		args := make([]any, 0, 2*len(chunk))
		for _, r := range chunk {
			args = append(args, r.idx, r.hash[:])
		}
		if _, err := tx.tx.ExecContext(ctx, tx.cache.d.rebind(multiRow(sqlInsertLogHashes, "(?, ?)", len(chunk))), args...); err != nil {
			return fmt.Errorf("log: append hash %d: %w", chunk[0].idx, err)
		}
	}
	for rows := l.newLeaves; len(rows) > 0; {
		chunk := rows[:min(len(rows), logRowsPerInsert)]
		rows = rows[len(chunk):]
		args := make([]any, 0, 6*len(chunk))
		for _, r := range chunk {
			args = append(args, r.leaf, r.ref.versionID, r.ref.captureHash, r.ref.url, boolInt(r.ref.imported), r.ref.purge)
		}
		if _, err := tx.tx.ExecContext(ctx, tx.cache.d.rebind(multiRow(sqlInsertLogLeaves, "(?, ?, ?, ?, ?, ?)", len(chunk))), args...); err != nil {
			return fmt.Errorf("log: append leaf %d: %w", chunk[0].leaf, err)
		}
	}
	l.newHashes, l.newLeaves = l.newHashes[:0], l.newLeaves[:0]
	return nil
}

// multiRow is an INSERT of n rows of values.
func multiRow(insert, row string, n int) string {
	return insert + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// leafRef is the row a leaf records.
type leafRef struct {
	versionID   int64
	captureHash string
	url         string
	imported    bool
	purge       string // a purge's leaf data
}

// appendLeaf appends data to the log as the next leaf, recording which row
// it stands for, in the row's transaction: the row and its leaf commit
// together or not at all.
func appendLeaf(ctx context.Context, tx *wtx, data []byte, ref leafRef) (int64, error) {
	if tx.prelog {
		return 0, nil
	}
	if tx.log == nil {
		if tx.cache.d == dialectPostgres {
			if _, err := tx.ExecContext(ctx, pgMigrationLock, int64(logLockKey)); err != nil {
				return 0, fmt.Errorf("log: lock: %w", err)
			}
		}
		var n int64
		if err := tx.QueryRowContext(ctx, sqlLogSize).Scan(&n); err != nil {
			return 0, fmt.Errorf("log: size: %w", err)
		}
		tx.log = &txLog{size: n, hashes: map[int64]sumtlog.Hash{}}
	}
	n := tx.log.size
	hashes, err := sumtlog.StoredHashes(n, data, hashReader{ctx: ctx, q: txQuerier{tx}, known: tx.log.hashes})
	if err != nil {
		return 0, fmt.Errorf("log: append leaf %d: %w", n, err)
	}
	base := sumtlog.StoredHashIndex(0, n)
	for i, h := range hashes {
		tx.log.hashes[base+int64(i)] = h
		tx.log.newHashes = append(tx.log.newHashes, logHashRow{base + int64(i), h})
	}
	tx.log.newLeaves = append(tx.log.newLeaves, logLeafRow{n, ref})
	tx.log.size++
	return n, nil
}

// logVersion appends the leaf of version v, stored under id.
func logVersion(ctx context.Context, tx *wtx, id int64, v *model.Version) error {
	var url string
	if err := tx.QueryRowContext(ctx, sqlArticleURL, v.ArticleID).Scan(&url); err != nil {
		return fmt.Errorf("log: version %d: article %d: %w", id, v.ArticleID, noRows(err))
	}
	_, err := appendLeaf(ctx, tx, versionLeaf(*v, url).Encode(), leafRef{versionID: id, url: url, imported: tx.importing})
	return err
}

// versionLeaf is the leaf of a version as the store keeps it: classes go
// through their stored form so recording and verifying encode alike.
func versionLeaf(v model.Version, url string) tlog.VersionLeaf {
	return tlog.VersionLeaf{ArticleID: v.ArticleID, URL: url, Seq: v.Seq, FetchedAt: fromNanos(nanos(v.FetchedAt)),
		Title: v.Title, Byline: v.Byline, Text: v.Text, CaptureHash: v.CaptureHash,
		Classes: splitClasses(joinClasses(v.Classes)), Modified: fromNanos(nanos(v.Modified))}
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

// logPurge appends the leaf of a purge, listing the rows it deleted.
func logPurge(ctx context.Context, tx *wtx, p tlog.PurgeLeaf) error {
	data := p.Encode()
	_, err := appendLeaf(ctx, tx, data, leafRef{url: p.URL, purge: string(data)})
	return err
}
