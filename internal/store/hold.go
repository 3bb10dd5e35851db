package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	sqlSetSourcePaused  = `UPDATE sources SET paused = ? WHERE id = ?`
	sqlSetArticleHold   = `UPDATE articles SET hold = ? WHERE id = ?`
	sqlRemoveSourceArts = `UPDATE articles SET hold = 'removed', source_id = 0 WHERE source_id = ?`
	sqlDeleteSource     = `DELETE FROM sources WHERE id = ?`
	sqlSourceArticleIDs = `SELECT id FROM articles WHERE source_id = ? ORDER BY id`
)

// SetSourcePaused pauses a source (it is not polled) or resumes it.
func (s *Store) SetSourcePaused(ctx context.Context, id int64, paused bool) error {
	return s.write(ctx, fmt.Sprintf("pause source %d", id), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlSetSourcePaused, boolInt(paused), id))
	})
}

// SetArticleHold records a person's decision about an article: paused,
// removed, or none (tracked again as its state says).
func (s *Store) SetArticleHold(ctx context.Context, id int64, h model.Hold) error {
	return s.write(ctx, fmt.Sprintf("hold article %d", id), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlSetArticleHold, string(h), id))
	})
}

// RemoveSource deletes a source. The articles it found stay, with their
// versions, but are no longer checked (held as removed); it returns how
// many.
func (s *Store) RemoveSource(ctx context.Context, id int64) (int, error) {
	var n int64
	err := s.write(ctx, fmt.Sprintf("remove source %d", id), func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, sqlRemoveSourceArts, id)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		return mustAffect(tx.ExecContext(ctx, sqlDeleteSource, id))
	})
	return int(n), err
}

// SourceArticleIDs returns the ids of the articles a source found.
func (s *Store) SourceArticleIDs(ctx context.Context, sourceID int64) ([]int64, error) {
	op := fmt.Sprintf("articles of source %d", sourceID)
	rows, err := s.query(ctx, sqlSourceArticleIDs, sourceID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	ids, err := collect(rows, func(sc scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
	return ids, s.wrap(op, err)
}
