package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

const (
	sqlCountVersions = `SELECT count(*) FROM versions WHERE article_id = ?`
	sqlArticleURLOf  = `SELECT url FROM articles WHERE id = ?`
	sqlMoveAliases   = `UPDATE article_aliases SET article_id = ? WHERE article_id = ?`
	sqlDeleteChecks  = `DELETE FROM checks WHERE article_id = ?`
	sqlDeleteArticle = `DELETE FROM articles WHERE id = ?`
)

// absorb folds article drop, which must have no versions, into article
// keep: drop's URL and aliases become keep's aliases and its checks and
// events go.
// This is how an article that moved to a new URL stays one article when
// the new URL was discovered (from a feed, say) before the old one was
// seen redirecting to it. An article with versions is never absorbed:
// versions are append-only.
func absorb(ctx context.Context, tx *wtx, keep, drop int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, sqlCountVersions, drop).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("absorb article %d into %d: it has %d versions: %w", drop, keep, n, ErrConflict)
	}
	var url string
	err := tx.QueryRowContext(ctx, sqlArticleURLOf, drop).Scan(&url)
	if errors.Is(err, sql.ErrNoRows) {
		// Another check merged it first; this check decided on what it
		// read before that.
		return fmt.Errorf("absorb article %d into %d: merged elsewhere meanwhile: %w", drop, keep, ErrStale)
	}
	if err != nil {
		return err
	}
	for _, step := range []struct {
		q    string
		args []any
	}{
		{sqlMoveAliases, []any{keep, drop}},
		{sqlPurgeMark, []any{drop}},
		{sqlPurgeEvents, []any{drop}},
		{sqlPurgeUnmark, []any{drop}},
		{sqlDeleteChecks, []any{drop}},
		{sqlDeleteArticle, []any{drop}},
		{sqlInsertAlias, []any{url, keep}},
	} {
		if _, err := tx.ExecContext(ctx, step.q, step.args...); err != nil {
			return err
		}
	}
	return nil
}
