package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
)

// copyBatch is how many rows Copy reads and writes per transaction: big
// enough to amortise commits, small enough that capture bodies (up to
// megabytes each) do not pile up in memory.
const copyBatch = 200

// CopyStats says what Copy did.
type CopyStats struct {
	Rows    map[string]int64  // rows copied per table
	Batches int               // write transactions on the target
	Digest  map[string]string // the source's digest, which the target now matches
}

// Copy copies every outlet, source, article, alias, capture (with its
// body), version and check from one store into another, keeping ids so
// references hold, in batches of copyBatch rows per transaction. It reads
// the source in one snapshot, hashing as it goes, and finally checks that
// the target's Digest equals the source's.
//
// The target must be empty; a target that already holds exactly the
// source's rows (a copy that completed before) is left alone and
// reported as such, so running Copy again is harmless. Any other
// non-empty target is refused with ErrNotEmpty.
func Copy(ctx context.Context, from, to *Store) (CopyStats, error) {
	stats := CopyStats{Rows: map[string]int64{}, Digest: map[string]string{}}
	if from.d == to.d && from.path == to.path {
		return stats, fmt.Errorf("store: copy %s onto itself", from.path)
	}
	if done, err := targetState(ctx, from, to); err != nil || done != nil {
		if done != nil {
			stats.Digest = done
		}
		return stats, err
	}
	src, err := from.snapshot(ctx)
	if err != nil {
		return stats, from.wrap("copy", err)
	}
	defer func() { _ = src.Rollback() }()
	for _, t := range dataTables {
		if err := copyTable(ctx, src, from.d, to, t, &stats); err != nil {
			return stats, err
		}
	}
	in, err := from.Instance(ctx)
	if err != nil {
		return stats, err
	}
	if err := to.write(ctx, "copy: reset id sequences", func(tx *wtx) error {
		// The copy is the same store in another database: feeds keep
		// their entry ids.
		if _, err := tx.ExecContext(ctx, sqlSetInstance, in.ID, in.Created.UnixNano()); err != nil {
			return err
		}
		return resetIdentities(ctx, tx, to.d)
	}); err != nil {
		return stats, err
	}
	return stats, verifyCopy(ctx, to, stats.Digest)
}

// targetState returns nil when to is empty, the digest when to already
// equals from, and ErrNotEmpty otherwise.
func targetState(ctx context.Context, from, to *Store) (map[string]string, error) {
	tst, err := to.Digest(ctx)
	if err != nil {
		return nil, err
	}
	if isEmptyDigest(tst) {
		return nil, nil
	}
	fst, err := from.Digest(ctx)
	if err != nil {
		return nil, err
	}
	if maps.Equal(fst, tst) {
		return tst, nil
	}
	return nil, fmt.Errorf("store: copy to %s: it already holds other data: %w", to.path, ErrNotEmpty)
}

func isEmptyDigest(d map[string]string) bool {
	empty := newTableDigest().String()
	for _, v := range d {
		if v != empty {
			return false
		}
	}
	return true
}

// copyTable streams one table, one target transaction per page.
func copyTable(ctx context.Context, src *sql.Tx, d dialect, to *Store, t tableSpec, stats *CopyStats) error {
	digest := newTableDigest()
	insert := to.d.rebind(t.insert())
	err := eachPage(ctx, src, d, t, copyBatch, func(page [][]any) error {
		digest.add(page)
		stats.Batches++
		stats.Rows[t.name] += int64(len(page))
		return to.write(ctx, "copy "+t.name, func(tx *wtx) error {
			st, err := tx.tx.PrepareContext(ctx, insert)
			if err != nil {
				return err
			}
			defer st.Close()
			for _, row := range page {
				if _, err := st.ExecContext(ctx, row...); err != nil {
					return fmt.Errorf("insert %s %v: %w", t.key, row[0], err)
				}
				if t.name == "versions" {
					if err := unindexedCopy(ctx, tx, row); err != nil {
						return err
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("store: copy: %w", err)
	}
	stats.Digest[t.name] = digest.String()
	return nil
}

// unindexedCopy queues a copied version row (dataTables' columns) for
// the search index, which takes the whole text: a delta's base has a
// lower id, so it was copied before it.
func unindexedCopy(ctx context.Context, tx *wtx, row []any) error {
	id := row[0].(int64)
	text, err := storedText{text: row[7].(string), base: row[15].(int64), delta: row[16].([]byte)}.whole(ctx, tx.QueryRowContext, nil)
	if err != nil {
		return fmt.Errorf("copy version %d: %w", id, err)
	}
	tx.unindexed = append(tx.unindexed, searchRow{id, row[1].(int64), row[4].(string), row[5].(string), text})
	return nil
}

// pgResetIdentity moves a table's id sequence past the copied ids, so the
// next row PostgreSQL generates does not collide with them. SQLite needs
// nothing: it picks max(id)+1.
const pgResetIdentity = `SELECT setval(pg_get_serial_sequence('%[1]s', 'id'),
	(SELECT coalesce(max(id), 0) + 1 FROM %[1]s), false)`

func resetIdentities(ctx context.Context, tx *wtx, d dialect) error {
	if d != dialectPostgres {
		return nil
	}
	for _, t := range dataTables {
		if !t.identity {
			continue
		}
		if _, err := tx.tx.ExecContext(ctx, fmt.Sprintf(pgResetIdentity, t.name)); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return nil
}

// verifyCopy compares the target's digest with the one taken while
// reading the source.
func verifyCopy(ctx context.Context, to *Store, want map[string]string) error {
	got, err := to.Digest(ctx)
	if err != nil {
		return err
	}
	for table, w := range want {
		if got[table] != w {
			return fmt.Errorf("store: copy to %s: %s differs after copying: source %s, target %s",
				to.path, table, w, got[table])
		}
	}
	return nil
}
