package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	sqlHasCapture       = `SELECT count(*) FROM captures WHERE hash = ?`
	sqlVersionHashAtSeq = `SELECT hash FROM versions WHERE article_id = ? AND seq = ?`
	// An imported version may be older than what the article holds: the
	// article's latest change only moves forward; a known publication date
	// replaces the one held. (The cast types the parameter on PostgreSQL,
	// which would take it for an int4 beside the literal 0.)
	sqlImportedVersion = `UPDATE articles SET
		last_changed = CASE WHEN last_changed < ? THEN ? ELSE last_changed END,
		published = CASE WHEN CAST(? AS BIGINT) > 0 THEN ? ELSE published END
		WHERE id = ?`
)

// AddCapture keeps a capture read from elsewhere (an archive), with its
// compressed body. It reports whether the capture was new: captures are
// content-addressed, so the same bytes twice are one capture.
func (s *Store) AddCapture(ctx context.Context, c model.Capture) (bool, error) {
	added := false
	err := s.write(ctx, "add capture "+c.Hash, func(tx *wtx) error {
		var n int
		if err := tx.QueryRowContext(ctx, sqlHasCapture, c.Hash).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		added = true
		return insertCapture(ctx, tx, &c)
	})
	return added, err
}

// ImportVersion appends a version read from elsewhere under the seq it
// had there. It reports whether the version was added: the same text at
// that seq is already there and adds nothing; another text at that seq is
// ErrDuplicateVersion, since the two histories disagree.
func (s *Store) ImportVersion(ctx context.Context, v model.Version) (bool, error) {
	added := false
	op := fmt.Sprintf("import version %d of article %d", v.Seq, v.ArticleID)
	err := s.write(ctx, op, func(tx *wtx) error {
		var hash string
		err := noRows(tx.QueryRowContext(ctx, sqlVersionHashAtSeq, v.ArticleID, v.Seq).Scan(&hash))
		switch {
		case err == nil && hash == v.Hash:
			return nil
		case err == nil:
			return fmt.Errorf("article %d version %d holds another text: %w", v.ArticleID, v.Seq, ErrDuplicateVersion)
		case err != ErrNotFound:
			return err
		}
		tx.importing = true
		if _, err := insertVersion(ctx, tx, &v); err != nil {
			return err
		}
		added = true
		at, pub := nanos(v.FetchedAt), nanos(v.Published)
		_, err = tx.ExecContext(ctx, sqlImportedVersion, at, at, pub, pub, v.ArticleID)
		return err
	})
	return added, err
}
