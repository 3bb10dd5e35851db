package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

// logMigration is the migration that creates the log; right after it runs,
// in its transaction, the rows recorded before it are appended.
const logMigration = 14

// backfillPage is how many rows backfillLog reads at a time: the writer
// has one connection, so a page is read whole before its leaves are
// appended.
const backfillPage = 500

const (
	sqlBackfillCaptures = `SELECT hash, url, status, fetched_at, size FROM captures
		WHERE fetched_at > ? OR (fetched_at = ? AND hash > ?) ORDER BY fetched_at, hash LIMIT ?`
	sqlBackfillVersions = `SELECT v.id, v.article_id, v.seq, v.fetched_at, v.title, v.byline, v.text,
		v.capture_hash, v.classes, a.url FROM versions v JOIN articles a ON a.id = v.article_id
		WHERE v.id > ? ORDER BY v.id LIMIT ?`
)

// backfillLog appends every capture (in fetch order) and then every version
// (in id order) already stored when the log was created. The versions are
// marked as imported: their order in the log is the migration's, not the
// order they were recorded in.
func backfillLog(ctx context.Context, tx *wtx) error {
	if err := backfillCaptures(ctx, tx); err != nil {
		return fmt.Errorf("log: backfill captures: %w", err)
	}
	if err := backfillVersions(ctx, tx); err != nil {
		return fmt.Errorf("log: backfill versions: %w", err)
	}
	return nil
}

func backfillCaptures(ctx context.Context, tx *wtx) error {
	var after model.Capture
	for {
		page, err := backfillCapturePage(ctx, tx, after)
		if err != nil || len(page) == 0 {
			return err
		}
		for i := range page {
			if err := logCapture(ctx, tx, &page[i]); err != nil {
				return err
			}
		}
		after = page[len(page)-1]
	}
}

func backfillCapturePage(ctx context.Context, tx *wtx, after model.Capture) ([]model.Capture, error) {
	at := nanos(after.FetchedAt)
	rows, err := tx.tx.QueryContext(ctx, tx.cache.d.rebind(sqlBackfillCaptures), at, at, after.Hash, backfillPage)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(sc scanner) (model.Capture, error) {
		var c model.Capture
		var fetched int64
		err := sc.Scan(&c.Hash, &c.URL, &c.Status, &fetched, &c.Size)
		c.FetchedAt = fromNanos(fetched)
		return c, err
	})
}

// loggedVersion is a version row with the article URL its leaf records.
type loggedVersion struct {
	model.Version
	URL string
	// stored is the text as the row holds it, for the verifier (see
	// storedText); the backfill runs before any text is a delta.
	stored storedText
}

func scanLoggedVersion(sc scanner) (loggedVersion, error) {
	var v loggedVersion
	var fetched int64
	var classes string
	err := sc.Scan(&v.ID, &v.ArticleID, &v.Seq, &fetched, &v.Title, &v.Byline, &v.Text, &v.CaptureHash,
		&classes, &v.URL)
	v.FetchedAt, v.Classes = fromNanos(fetched), splitClasses(classes)
	return v, err
}

func backfillVersions(ctx context.Context, tx *wtx) error {
	var after int64
	for {
		rows, err := tx.tx.QueryContext(ctx, tx.cache.d.rebind(sqlBackfillVersions), after, backfillPage)
		if err != nil {
			return err
		}
		page, err := collect(rows, scanLoggedVersion)
		if err != nil || len(page) == 0 {
			return err
		}
		for _, v := range page {
			if _, err := appendLeaf(ctx, tx, versionLeaf(v.Version, v.URL).Encode(),
				leafRef{versionID: v.ID, url: v.URL, imported: true}); err != nil {
				return err
			}
		}
		after = page[len(page)-1].ID
	}
}
