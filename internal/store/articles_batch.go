package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

// AddArticles is AddArticle for many articles in one transaction, all or
// nothing: bulk loads pay one commit per batch. Each article comes back
// as stored, with its ID; one already tracked under its URL (or an alias)
// comes back unchanged.
func (s *Store) AddArticles(ctx context.Context, arts []model.Article) ([]model.Article, error) {
	out := make([]model.Article, len(arts))
	err := s.write(ctx, fmt.Sprintf("add %d articles", len(arts)), func(tx *wtx) error {
		for i, a := range arts {
			var err error
			if out[i], _, err = addArticleTx(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// addArticleTx stores a in tx unless an article is tracked under its URL
// (or an alias), which it returns instead; created says which.
func addArticleTx(ctx context.Context, tx *wtx, a model.Article) (model.Article, bool, error) {
	old, err := scanArticle(tx.QueryRowContext(ctx, sqlArticleByURL, a.URL, a.URL))
	if err == nil {
		return old, false, nil
	}
	if err != ErrNotFound {
		return a, false, err
	}
	a = normArticle(a)
	err = tx.QueryRowContext(ctx, sqlInsertArticle, a.OutletID, a.URL, nanos(a.FirstSeen), nanos(a.Published),
		nanos(a.LastChecked), nanos(a.LastChanged), nanos(a.NextCheck), string(a.State), a.Errors, a.Gone,
		a.ETag, a.LastModified, a.BodyHash, string(a.Hold), a.SourceID).Scan(&a.ID)
	return a, err == nil, err
}
