package store

import (
	"context"
	"database/sql"
	"fmt"
)

const (
	sqlURLOwner = `SELECT id FROM articles WHERE url = ?
		UNION ALL SELECT article_id FROM article_aliases WHERE url = ? LIMIT 1`
	sqlInsertAlias  = `INSERT INTO article_aliases (url, article_id) VALUES (?, ?)`
	sqlDeleteAlias  = `DELETE FROM article_aliases WHERE url = ? AND article_id = ?`
	sqlAliases      = `SELECT url FROM article_aliases WHERE article_id = ? ORDER BY url`
	sqlArticleExist = `SELECT count(*) FROM articles WHERE id = ?`
)

// urlOwner returns the id of the article that url names (canonical or
// alias), or 0.
func urlOwner(ctx context.Context, tx *wtx, url string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, sqlURLOwner, url, url).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, err
}

// claimURL prepares url to become article id's canonical URL: it must not
// name another article, and if it was one of id's aliases it stops being one.
func claimURL(ctx context.Context, tx *wtx, id int64, url string) error {
	owner, err := urlOwner(ctx, tx, url)
	if err != nil {
		return err
	}
	if owner != 0 && owner != id {
		return fmt.Errorf("%s is article %d: %w", url, owner, ErrConflict)
	}
	_, err = tx.ExecContext(ctx, sqlDeleteAlias, url, id)
	return err
}

// AddAlias records url as another address of the article. It is
// idempotent; a URL that already names a different article is refused with
// ErrConflict.
func (s *Store) AddAlias(ctx context.Context, articleID int64, url string) error {
	return s.write(ctx, fmt.Sprintf("add alias %s to article %d", url, articleID), func(tx *wtx) error {
		var n int
		if err := tx.QueryRowContext(ctx, sqlArticleExist, articleID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return ErrNotFound
		}
		owner, err := urlOwner(ctx, tx, url)
		if err != nil || owner == articleID {
			return err
		}
		if owner != 0 {
			return fmt.Errorf("%s is article %d: %w", url, owner, ErrConflict)
		}
		_, err = tx.ExecContext(ctx, sqlInsertAlias, url, articleID)
		return err
	})
}

// Aliases returns the article's other URLs, sorted.
func (s *Store) Aliases(ctx context.Context, articleID int64) ([]string, error) {
	op := fmt.Sprintf("aliases of article %d", articleID)
	rows, err := s.query(ctx, sqlAliases, articleID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	urls, err := collect(rows, func(sc scanner) (string, error) {
		var u string
		return u, sc.Scan(&u)
	})
	return urls, s.wrap(op, err)
}
