package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const sqlArticleByContent = `SELECT ` + articleCols + ` FROM versions v
	JOIN articles a ON a.id = v.article_id
	WHERE v.hash = ? AND a.outlet_id = ? AND a.id <> ?
	AND v.seq = (SELECT max(seq) FROM versions WHERE article_id = a.id)
	ORDER BY a.id LIMIT 1`

// ArticleByContent returns another article of the outlet whose latest
// version has this content hash, or ErrNotFound: the article a new URL
// belongs to when an outlet moved it (a new slug) or serves it twice.
func (s *Store) ArticleByContent(ctx context.Context, outletID int64, hash string, except int64) (model.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, sqlArticleByContent, hash, outletID, except))
	return a, s.wrap(fmt.Sprintf("article of outlet %d with content %s", outletID, hash), err)
}
