package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

const (
	checkCols       = `id, article_id, at, status, outcome, duration_ms, hash, error`
	sqlRecentChecks = `SELECT ` + checkCols + ` FROM checks WHERE article_id = ? ORDER BY at DESC, id DESC LIMIT ?`
	sqlCountChecks  = `SELECT count(*) FROM checks WHERE article_id = ?`
	sqlOutcomes     = `SELECT outcome, count(*) FROM checks WHERE article_id = ? GROUP BY outcome`
	// sqlLastCheck reads the newest few checks by id, the primary key, so
	// it costs the same whatever the table's size; the maximum of their
	// times covers workers whose checks were recorded slightly out of order.
	sqlLastCheck = `SELECT coalesce(max(at), 0) FROM
		(SELECT at FROM checks ORDER BY id DESC LIMIT ` + lastCheckWindow + `) recent`
	sqlInsertCheckNoID = `INSERT INTO checks (article_id, at, status, outcome, duration_ms, hash, error)
		VALUES (?, ?, ?, ?, ?, ?, ?)`
	sqlInsertCheck = sqlInsertCheckNoID + ` RETURNING id`
)

// lastCheckWindow is how many of the newest checks LastCheck looks at.
const lastCheckWindow = "16"

// LastCheck returns when errata last checked an article, or the zero time
// before the first check.
func (s *Store) LastCheck(ctx context.Context) (time.Time, error) {
	var at int64
	if err := s.queryRow(ctx, sqlLastCheck).Scan(&at); err != nil {
		return time.Time{}, s.wrap("last check", err)
	}
	return fromNanos(at), nil
}

func scanCheck(sc scanner) (model.Check, error) {
	var c model.Check
	var at, ms int64
	var outcome string
	if err := sc.Scan(&c.ID, &c.ArticleID, &at, &c.Status, &outcome, &ms, &c.Hash, &c.Error); err != nil {
		return c, noRows(err)
	}
	c.At, c.Outcome, c.Duration = fromNanos(at), model.Outcome(outcome), time.Duration(ms)*time.Millisecond
	return c, nil
}

// RecentChecks returns the article's newest n checks, newest first;
// n <= 0 means all. Durations are kept to the millisecond.
func (s *Store) RecentChecks(ctx context.Context, articleID int64, n int) ([]model.Check, error) {
	op := fmt.Sprintf("checks of article %d", articleID)
	if n <= 0 {
		n = sqlNoLimit
	}
	rows, err := s.query(ctx, sqlRecentChecks, articleID, n)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	cs, err := collect(rows, scanCheck)
	return cs, s.wrap(op, err)
}

// CountChecks returns how many checks the article has had.
func (s *Store) CountChecks(ctx context.Context, articleID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, sqlCountChecks, articleID).Scan(&n)
	return n, s.wrap(fmt.Sprintf("count checks of article %d", articleID), err)
}

func insertCheck(ctx context.Context, tx *wtx, c *model.Check) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, sqlInsertCheck, c.ArticleID, nanos(c.At), c.Status, string(c.Outcome),
		c.Duration.Milliseconds(), c.Hash, c.Error).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert check: %w", err)
	}
	return id, nil
}

// insertCheckNoID is insertCheck for a check whose id nothing needs: an
// exec, without a result row to read.
func insertCheckNoID(ctx context.Context, tx *wtx, c *model.Check) error {
	_, err := tx.ExecContext(ctx, sqlInsertCheckNoID, c.ArticleID, nanos(c.At), c.Status, string(c.Outcome),
		c.Duration.Milliseconds(), c.Hash, c.Error)
	if err != nil {
		return fmt.Errorf("insert check: %w", err)
	}
	return nil
}

// CheckOutcomes counts the article's checks by outcome.
func (s *Store) CheckOutcomes(ctx context.Context, articleID int64) (map[model.Outcome]int, error) {
	op := fmt.Sprintf("check outcomes of article %d", articleID)
	rows, err := s.query(ctx, sqlOutcomes, articleID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	out := map[model.Outcome]int{}
	for rows.Next() {
		var o string
		var n int
		if err := rows.Scan(&o, &n); err != nil {
			return nil, s.wrap(op, err)
		}
		out[model.Outcome(o)] = n
	}
	return out, s.wrap(op, rows.Err())
}
