package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/errata/errata/internal/model"
)

// maxFurnitureKey bounds a learned key: a block longer than this is prose,
// and PostgreSQL's unique index could not hold it.
const maxFurnitureKey = 1000

const (
	furnitureCols      = `id, outlet_id, article_id, kind, origin, key, learned_at`
	sqlFurnitureFor    = `SELECT ` + furnitureCols + ` FROM furniture WHERE outlet_id = ? AND article_id IN (0, ?) ORDER BY id`
	sqlOutletFurniture = `SELECT ` + furnitureCols + ` FROM furniture WHERE outlet_id = ? ORDER BY id`
	sqlLearnFurniture  = `INSERT INTO furniture (outlet_id, article_id, kind, origin, key, learned_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (outlet_id, article_id, kind, key) DO NOTHING`
	// sqlSharedFurniture finds the item learned for another article of the
	// same outlet: seen volatile on two articles, it is the outlet's.
	sqlSharedFurniture = `SELECT count(*) FROM furniture WHERE outlet_id = ? AND kind = ? AND key = ? AND article_id NOT IN (0, ?)`
	sqlSightBlock      = `INSERT INTO block_sightings (outlet_id, key, article_id) VALUES (?, ?, ?)
		ON CONFLICT (outlet_id, key, article_id) DO NOTHING`
	sqlSightings      = `SELECT count(*) FROM block_sightings WHERE outlet_id = ? AND key = ?`
	sqlOutletArticles = `SELECT count(*) FROM articles WHERE outlet_id = ? AND last_changed > 0`
	sqlSavePending    = `INSERT INTO pending_checks (article_id, fetched_at, title, byline, blocks) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET fetched_at = excluded.fetched_at, title = excluded.title,
		byline = excluded.byline, blocks = excluded.blocks`
	sqlPending      = `SELECT article_id, fetched_at, title, byline, blocks FROM pending_checks WHERE article_id = ?`
	sqlClearPending = `DELETE FROM pending_checks WHERE article_id = ?`
)

func scanFurniture(sc scanner) (model.Furniture, error) {
	var f model.Furniture
	var at int64
	if err := sc.Scan(&f.ID, &f.OutletID, &f.ArticleID, &f.Kind, &f.Origin, &f.Key, &at); err != nil {
		return f, noRows(err)
	}
	f.LearnedAt = fromNanos(at)
	return f, nil
}

// FurnitureFor returns what applies to one article: its own learned items
// and its outlet's, oldest first.
func (s *Store) FurnitureFor(ctx context.Context, outletID, articleID int64) ([]model.Furniture, error) {
	op := fmt.Sprintf("furniture of article %d", articleID)
	rows, err := s.query(ctx, sqlFurnitureFor, outletID, articleID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	fs, err := collect(rows, scanFurniture)
	return fs, s.wrap(op, err)
}

// OutletFurniture returns everything learned for an outlet and its
// articles, oldest first; the last item's ID is the outlet's furniture
// revision.
func (s *Store) OutletFurniture(ctx context.Context, outletID int64) ([]model.Furniture, error) {
	op := fmt.Sprintf("furniture of outlet %d", outletID)
	rows, err := s.query(ctx, sqlOutletFurniture, outletID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	fs, err := collect(rows, scanFurniture)
	return fs, s.wrap(op, err)
}

// learnTx adds learned items. An article-level item already learned for
// another article of the outlet is also added for the whole outlet.
//
// Items go in one order (outlet, kind, key, article): an insert waits for
// a concurrent transaction that inserted the same outlet-wide item, and
// two transactions learning the same items in different orders (callers
// build them from maps) would wait for each other on PostgreSQL.
func learnTx(ctx context.Context, tx *wtx, items []model.Furniture, now time.Time) error {
	for _, f := range slices.SortedFunc(slices.Values(items), compareFurniture) {
		if len(f.Key) > maxFurnitureKey || f.Key == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, sqlLearnFurniture, f.OutletID, f.ArticleID, f.Kind, f.Origin, f.Key, nanos(now)); err != nil {
			return fmt.Errorf("learn furniture: %w", err)
		}
		if f.ArticleID == 0 {
			continue
		}
		var others int
		if err := tx.QueryRowContext(ctx, sqlSharedFurniture, f.OutletID, f.Kind, f.Key, f.ArticleID).Scan(&others); err != nil {
			return fmt.Errorf("learn furniture: %w", err)
		}
		if others > 0 {
			if _, err := tx.ExecContext(ctx, sqlLearnFurniture, f.OutletID, 0, f.Kind, f.Origin, f.Key, nanos(now)); err != nil {
				return fmt.Errorf("learn furniture: %w", err)
			}
		}
	}
	return nil
}

func compareFurniture(a, b model.Furniture) int {
	return cmp.Or(cmp.Compare(a.OutletID, b.OutletID), cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.Key, b.Key), cmp.Compare(a.ArticleID, b.ArticleID))
}

// Learn records learned furniture outside a check (templates).
func (s *Store) Learn(ctx context.Context, items []model.Furniture, now time.Time) error {
	if len(items) == 0 {
		return nil
	}
	return s.write(ctx, "learn furniture", func(tx *wtx) error { return learnTx(ctx, tx, items, now) })
}

// SightBlocks notes that an article carries blocks (masked texts) and
// returns, for each, how many of the outlet's articles carry it, along
// with how many of the outlet's articles have a version.
func (s *Store) SightBlocks(ctx context.Context, outletID, articleID int64, keys []string) (map[string]int, int, error) {
	op := fmt.Sprintf("block sightings of article %d", articleID)
	counts := make(map[string]int, len(keys))
	var total int
	err := s.write(ctx, op, func(tx *wtx) error {
		for _, k := range keys {
			if len(k) > maxFurnitureKey {
				continue
			}
			if _, err := tx.ExecContext(ctx, sqlSightBlock, outletID, k, articleID); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, sqlSightings, outletID, k).Scan(&n); err != nil {
				return err
			}
			counts[k] = n
		}
		return tx.QueryRowContext(ctx, sqlOutletArticles, outletID).Scan(&total)
	})
	return counts, total, err
}

// Pending returns the fetch awaiting confirmation for an article, or
// ErrNotFound.
func (s *Store) Pending(ctx context.Context, articleID int64) (model.Pending, error) {
	var p model.Pending
	var at int64
	var blocks string
	err := s.queryRow(ctx, sqlPending, articleID).Scan(&p.ArticleID, &at, &p.Title, &p.Byline, &blocks)
	if err != nil {
		return p, s.wrap(fmt.Sprintf("pending check of article %d", articleID), noRows(err))
	}
	p.FetchedAt = fromNanos(at)
	if err := json.Unmarshal([]byte(blocks), &p.Blocks); err != nil {
		return p, fmt.Errorf("store: pending check of article %d: %w", articleID, errors.Join(ErrNotFound, err))
	}
	return p, nil
}

func savePendingTx(ctx context.Context, tx *wtx, p *model.Pending) error {
	blocks, err := json.Marshal(p.Blocks)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, sqlSavePending, p.ArticleID, nanos(p.FetchedAt), p.Title, p.Byline, string(blocks))
	if err != nil {
		return fmt.Errorf("save pending check: %w", err)
	}
	return nil
}

func clearPendingTx(ctx context.Context, tx *wtx, articleID int64) error {
	if _, err := tx.ExecContext(ctx, sqlClearPending, articleID); err != nil {
		return fmt.Errorf("clear pending check: %w", err)
	}
	return nil
}
