package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// stmtCache keeps one prepared statement per query text. Preparing a
// statement cost more than running it on the check path (an unchanged
// check is an insert and an update), so statements are prepared once per
// pool and reused; database/sql re-prepares them per connection as needed.
// Statements are keyed by the query as written (with "?") and prepared
// in the dialect's form, so each query is rewritten once.
type stmtCache struct {
	db *sql.DB
	d  dialect
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

func newStmtCache(db *sql.DB, d dialect) *stmtCache {
	return &stmtCache{db: db, d: d, m: map[string]*sql.Stmt{}}
}

// writeQueries are the statements write transactions run, prepared when
// the store opens: the writer has one connection, which a transaction
// holds, so nothing can be prepared on the side once one is open.
var writeQueries = []string{
	sqlArticleByURL, sqlArticleExist, sqlArticleURL, sqlDeleteAlias, sqlInsertAlias,
	sqlInsertArticle, sqlInsertCapture, sqlInsertCheck, sqlInsertOutlet, sqlInsertSource,
	sqlInsertVersion, sqlOutletByName, sqlSetOutletRules, sqlSourceByURL, sqlURLOwner,
	sqlUpdateArticle, sqlUpdateChecked, sqlUpdateCheckedIfFresh, sqlInsertCheckNoID, sqlUpdateSource, sqlCountVersions, sqlArticleURLOf, sqlMoveAliases,
	sqlDeleteChecks, sqlDeleteArticle, sqlLastChecked, sqlLastCheckedForUpdate,
	sqlOutletRules, sqlOutletRulesForUpdate,
	sqlLogSize, sqlReleaseHost, sqlIndexVersion, pgIndexVersion, sqliteInsertVersion,
	sqlPrevText, sqlTextBase, sqlWholeCapture,
}

// prepare prepares queries now; a query that fails to prepare is left to
// run unprepared, where its error surfaces.
func (c *stmtCache) prepare(ctx context.Context, queries []string) {
	for _, q := range queries {
		if st, err := c.db.PrepareContext(ctx, c.d.rebind(q)); err == nil {
			c.m[q] = st
		}
	}
}

// lookup returns an already prepared statement.
func (c *stmtCache) lookup(query string) (*sql.Stmt, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[query]
	return st, ok
}

// get returns a prepared statement, preparing it first if needed. The
// lock is not held while preparing, which needs a free connection.
func (c *stmtCache) get(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.lookup(query); ok {
		return st, nil
	}
	st, err := c.db.PrepareContext(ctx, c.d.rebind(query))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[query]; ok {
		st.Close()
		return old, nil
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}

// wtx is a write transaction that runs its queries as cached statements.
type wtx struct {
	tx    *sql.Tx
	cache *stmtCache
	// prelog is set for a store held at a schema before the log's
	// (tests building an older errata's database): rows are not logged.
	prelog bool
	// importing marks versions appended as imported from elsewhere.
	importing bool
	// unindexed holds the versions this transaction appended that are not
	// yet in the full-text index (see indexSearch).
	unindexed []searchRow
	// log is the log as this transaction has appended to it (see
	// appendLeaf); nil before its first append.
	log *txLog
}

// searchRow is what the full-text index holds of a version: its whole
// text, which the version's row may hold only as a delta.
type searchRow struct {
	id, article         int64
	title, byline, text string
}

// sqlIndexVersion adds one version to the SQLite full-text index. It
// takes values, not a SELECT: a statement with a SELECT opens a
// savepoint, at which FTS5 writes out what it holds. pgIndexVersion is
// PostgreSQL's.
const (
	sqlIndexVersion = `INSERT INTO version_search (rowid, title, byline, text) VALUES (?, ?, ?, ?)`
	pgIndexVersion  = `INSERT INTO version_search (version_id, article_id, doc) VALUES (?, ?, errata_search_doc(?, ?, ?))`
)

// finish does what a write transaction left for its end: it adds the
// versions it appended to the full-text index and inserts the log's rows.
func (w *wtx) finish(ctx context.Context) error {
	if err := w.indexSearch(ctx); err != nil {
		return err
	}
	return w.log.flush(ctx, w)
}

// indexSearch adds the versions this transaction appended to the
// full-text index, from their whole texts (a row may hold a delta). It
// runs once, before commit (and before a purge reads the index): FTS5
// writes what it holds to disk at every statement savepoint, so rows
// added one by one among statements that open savepoints (any with a
// trigger) would each become a segment of their own, merged again and
// again.
func (w *wtx) indexSearch(ctx context.Context) error {
	for _, r := range w.unindexed {
		var err error
		if w.cache.d == dialectPostgres {
			_, err = w.ExecContext(ctx, pgIndexVersion, r.id, r.article, r.title, r.byline, r.text)
		} else {
			_, err = w.ExecContext(ctx, sqlIndexVersion, r.id, r.title, r.byline, r.text)
		}
		if err != nil {
			return fmt.Errorf("index version %d for search: %w", r.id, err)
		}
	}
	w.unindexed = w.unindexed[:0]
	return nil
}

func (w *wtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st, ok := w.cache.lookup(query); ok {
		return w.tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return w.tx.ExecContext(ctx, w.cache.d.rebind(query), args...)
}

func (w *wtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st, ok := w.cache.lookup(query); ok {
		return w.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return w.tx.QueryRowContext(ctx, w.cache.d.rebind(query), args...)
}

// queryRow and query read through the reader pool's cached statements.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := s.rc.get(ctx, query)
	if err != nil {
		return s.r.QueryRowContext(ctx, s.d.rebind(query), args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := s.rc.get(ctx, query)
	if err != nil {
		return s.r.QueryContext(ctx, s.d.rebind(query), args...)
	}
	return st.QueryContext(ctx, args...)
}
