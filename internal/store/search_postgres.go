package store

import (
	"context"
	"database/sql"
	"strconv"
)

// The PostgreSQL forms of Search's queries, over version_search (see
// migrations/postgres/0010_search_versions.sql). Every word is required
// (plainto_tsquery ANDs them); a hit is read, and its excerpt cut, as on
// SQLite (sqlSearchHits). No match is ranked.
const (
	// pgSearchCandidates walks at most pgSearchWalk of the newest rows
	// below the page's start in id order, testing each: a common word
	// fills a page within a few rows.
	pgSearchCandidates = `SELECT w.version_id, w.article_id FROM (SELECT version_id, article_id, doc FROM version_search
			WHERE version_id < ?2 ORDER BY version_id DESC LIMIT ` + pgSearchWalk + `) AS w
		WHERE w.doc @@ plainto_tsquery('simple', ?1)
		ORDER BY w.version_id DESC LIMIT ?3`
	// pgSearchWalked says how many rows that walk covers and where it
	// ends, from the primary key alone.
	pgSearchWalked = `SELECT count(*), coalesce(min(w.version_id), 0) FROM (SELECT version_id FROM version_search
			WHERE version_id < ?1 ORDER BY version_id DESC LIMIT ` + pgSearchWalk + `) AS w`
	// pgSearchBelow reads the matches below the walk from the GIN index,
	// run with bitmap scans only (pgSearchBitmapOnly): a word rare enough
	// not to fill a page in the walk has few matches, and the bitmap
	// reads only those, where a walk in id order would test every row
	// below. The bound is written "+ 0" so no bitmap of the primary key
	// can serve it instead.
	pgSearchBelow = `SELECT s.version_id, s.article_id FROM version_search s
		WHERE s.doc @@ plainto_tsquery('simple', ?1) AND s.version_id + 0 < ?2
		ORDER BY s.version_id DESC LIMIT ?3`
	pgSearchNewer = `SELECT EXISTS (SELECT 1 FROM version_search s
		WHERE s.article_id = ?1 AND s.version_id >= ?2 AND s.doc @@ plainto_tsquery('simple', ?3))`
)

// pgSearchWalk is how many rows a page of candidates tests in id order
// before it turns to the GIN index: below it, a word matching fewer than
// a page in that many rows is rare, and its matches are read from the
// index instead. The planner cannot tell the two apart: it guesses the
// share of rows a word it has no statistics for matches, and for a rare
// word walks every row.
const pgSearchWalk = "2048"

// pgSearchBitmapOnly leaves the planner bitmap scans only, for the one
// statement that must read the GIN index.
var pgSearchBitmapOnly = []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_indexscan = off`,
	`SET LOCAL enable_indexonlyscan = off`}

// pgCandidates is candidates on PostgreSQL: up to n matching versions
// below before, newest first, from a bounded walk of the newest rows and,
// when that falls short, the GIN index below it. One snapshot sees all
// three statements, so the walk's end is where its rows ended.
func (s *Store) pgCandidates(ctx context.Context, query, expr string, before int64, n int) ([]candidate, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback() //nolint:errcheck // read-only
	rows, err := tx.QueryContext(ctx, s.d.rebind(query), expr, before, n)
	if err != nil {
		return nil, err
	}
	walked, err := collect(rows, scanCandidate)
	if err != nil || len(walked) == n {
		return walked, err
	}
	var covered int
	var floor int64
	if err := tx.QueryRowContext(ctx, s.d.rebind(pgSearchWalked), before).Scan(&covered, &floor); err != nil {
		return nil, err
	}
	if walk, _ := strconv.Atoi(pgSearchWalk); covered < walk {
		return walked, nil // the walk reached the oldest row
	}
	for _, set := range pgSearchBitmapOnly {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			return nil, err
		}
	}
	if rows, err = tx.QueryContext(ctx, s.d.rebind(pgSearchBelow), expr, floor, n-len(walked)); err != nil {
		return nil, err
	}
	below, err := collect(rows, scanCandidate)
	return append(walked, below...), err
}
