package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/errata/errata/internal/model"
)

const (
	articleCols = `a.id, a.outlet_id, a.url, a.first_seen, a.published, a.last_checked, a.last_changed,
		a.next_check, a.state, a.errors, a.gone, a.etag, a.last_modified, a.body_hash, a.hold, a.source_id`
	sqlArticleByID  = `SELECT ` + articleCols + ` FROM articles a WHERE a.id = ?`
	sqlArticleByURL = `SELECT ` + articleCols + ` FROM articles a WHERE a.url = ?
		UNION ALL
		SELECT ` + articleCols + ` FROM articles a JOIN article_aliases al ON al.article_id = a.id WHERE al.url = ?
		LIMIT 1`
	// A gone article is checked for its return while it has a next check;
	// one gone for good has none (0).
	sqlDueArticles = `SELECT ` + articleCols + ` FROM articles a
		WHERE a.state IN ('active', 'gone') AND a.hold = '' AND a.next_check <= ?
		  AND (a.state = 'active' OR a.next_check > 0)
		ORDER BY a.next_check, a.id LIMIT ?`
	sqlActiveArticles = `SELECT ` + articleCols + ` FROM articles a
		WHERE (a.state = 'active' OR (a.state = 'gone' AND a.next_check > 0)) AND a.hold = '' ORDER BY a.id`
	sqlArticlesAfter = `SELECT ` + articleCols + ` FROM articles a WHERE a.id > ? ORDER BY a.id LIMIT ?`
	sqlInsertArticle = `INSERT INTO articles (outlet_id, url, first_seen, published, last_checked, last_changed,
		next_check, state, errors, gone, etag, last_modified, body_hash, hold, source_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	// Hold and SourceID are left out: a check never changes them.
	sqlUpdateArticle = `UPDATE articles SET outlet_id = ?, url = ?, published = ?, last_checked = ?, last_changed = ?,
		next_check = ?, state = ?, errors = ?, gone = ?, etag = ?, last_modified = ?, body_hash = ? WHERE id = ?`
	// sqlUpdateChecked and sqlUpdateCheckedIfFresh write what a check
	// that recorded no version changes, when the article keeps its outlet,
	// URL and last change: the indexes and triggers on those columns are
	// left alone. The latter does so only while the article's last check
	// is the one the caller read.
	sqlUpdateChecked = `UPDATE articles SET published = ?, last_checked = ?, next_check = ?, state = ?,
		errors = ?, gone = ?, etag = ?, last_modified = ?, body_hash = ?
		WHERE id = ? AND outlet_id = ? AND url = ? AND last_changed = ?`
	sqlUpdateCheckedIfFresh = sqlUpdateChecked + ` AND last_checked = ?`
	sqlArticleURL           = `SELECT url FROM articles WHERE id = ?`
	// sqlNoLimit is a LIMIT that limits nothing on both engines
	// (PostgreSQL refuses SQLite's -1).
	sqlNoLimit = math.MaxInt64
)

func scanArticle(sc scanner) (model.Article, error) {
	var a model.Article
	var state, hold string
	var first, pub, checked, changed, next int64
	err := sc.Scan(&a.ID, &a.OutletID, &a.URL, &first, &pub, &checked, &changed, &next, &state,
		&a.Errors, &a.Gone, &a.ETag, &a.LastModified, &a.BodyHash, &hold, &a.SourceID)
	if err != nil {
		return a, noRows(err)
	}
	a.State, a.Hold = model.ArticleState(state), model.Hold(hold)
	a.FirstSeen, a.Published, a.LastChecked = fromNanos(first), fromNanos(pub), fromNanos(checked)
	a.LastChanged, a.NextCheck = fromNanos(changed), fromNanos(next)
	return a, nil
}

// normArticle fills defaults and makes times equal to what a read yields.
func normArticle(a model.Article) model.Article {
	if a.State == "" {
		a.State = model.StateActive
	}
	for _, t := range []*time.Time{&a.FirstSeen, &a.Published, &a.LastChecked, &a.LastChanged, &a.NextCheck} {
		*t = fromNanos(nanos(*t))
	}
	return a
}

// AddArticle inserts a by canonical URL. If the URL is already an article's
// URL or alias, that article is returned with created=false. An empty
// State becomes active.
func (s *Store) AddArticle(ctx context.Context, a model.Article) (model.Article, bool, error) {
	created := false
	err := s.write(ctx, "add article "+a.URL, func(tx *wtx) error {
		var err error
		a, created, err = addArticleTx(ctx, tx, a)
		return err
	})
	if err != nil {
		return model.Article{}, false, err
	}
	return a, created, nil
}

// DropUnchecked deletes an article that has no check and no version yet:
// AddURL's undo when the first check of an article it just added could not
// be recorded (a full disk), so that no article is left without the
// version it was added with. An article checked meanwhile (by another
// process) stays; it reports whether the article was deleted.
func (s *Store) DropUnchecked(ctx context.Context, id int64) (bool, error) {
	var n int64
	err := s.write(ctx, fmt.Sprintf("drop unchecked article %d", id), func(tx *wtx) error {
		res, err := tx.ExecContext(ctx, sqlDropUnchecked, id, id, id)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n > 0, err
}

const sqlDropUnchecked = `DELETE FROM articles WHERE id = ?
	AND NOT EXISTS (SELECT 1 FROM checks WHERE article_id = ?)
	AND NOT EXISTS (SELECT 1 FROM versions WHERE article_id = ?)`

// Article returns one article by id.
func (s *Store) Article(ctx context.Context, id int64) (model.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, sqlArticleByID, id))
	return a, s.wrap(fmt.Sprintf("article %d", id), err)
}

// ArticleByURL finds an article by its canonical URL or any alias.
func (s *Store) ArticleByURL(ctx context.Context, url string) (model.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, sqlArticleByURL, url, url))
	return a, s.wrap("article "+url, err)
}

// ArticleByURLs finds the article that the first of urls naming one
// leads to (canonical URL or alias), or ErrNotFound: a lookup tries the
// forms a person's URL may be stored under, most likely first.
func (s *Store) ArticleByURLs(ctx context.Context, urls []string) (model.Article, error) {
	for _, u := range urls {
		a, err := s.ArticleByURL(ctx, u)
		if !errors.Is(err, ErrNotFound) {
			return a, err
		}
	}
	return model.Article{}, s.wrap(fmt.Sprintf("article %v", urls), ErrNotFound)
}

// UpdateArticle persists every mutable field of a (all but FirstSeen). When
// the URL changes, the old URL is kept as an alias in the same transaction,
// so links to where the article used to live still find it.
func (s *Store) UpdateArticle(ctx context.Context, a model.Article) error {
	return s.write(ctx, fmt.Sprintf("update article %d", a.ID), func(tx *wtx) error {
		return updateArticle(ctx, tx, a)
	})
}

func updateArticle(ctx context.Context, tx *wtx, a model.Article) error {
	a = normArticle(a)
	var oldURL string
	if err := tx.QueryRowContext(ctx, sqlArticleURL, a.ID).Scan(&oldURL); err != nil {
		return noRows(err)
	}
	if oldURL != a.URL {
		if err := claimURL(ctx, tx, a.ID, a.URL); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, sqlUpdateArticle, a.OutletID, a.URL, nanos(a.Published), nanos(a.LastChecked),
		nanos(a.LastChanged), nanos(a.NextCheck), string(a.State), a.Errors, a.Gone, a.ETag, a.LastModified,
		a.BodyHash, a.ID)
	if err != nil {
		return err
	}
	if oldURL != a.URL {
		_, err = tx.ExecContext(ctx, sqlInsertAlias, oldURL, a.ID)
	}
	return err
}

// DueArticles returns active articles, and gone ones still watched for
// their return, not held, whose next check is at
// or before now, soonest first; limit <= 0 means all.
func (s *Store) DueArticles(ctx context.Context, now time.Time, limit int) ([]model.Article, error) {
	if limit <= 0 {
		limit = sqlNoLimit
	}
	return s.queryArticles(ctx, "due articles", sqlDueArticles, nanos(now), limit)
}

// ActiveArticles returns every active article, and gone one still watched
// for its return, not held (paused or removed), by id.
func (s *Store) ActiveArticles(ctx context.Context) ([]model.Article, error) {
	return s.queryArticles(ctx, "active articles", sqlActiveArticles)
}

// Articles pages through every article in id order, whatever its state:
// pass the last id seen as afterID (0 to start); limit <= 0 means all.
func (s *Store) Articles(ctx context.Context, afterID int64, limit int) ([]model.Article, error) {
	if limit <= 0 {
		limit = sqlNoLimit
	}
	return s.queryArticles(ctx, "articles", sqlArticlesAfter, afterID, limit)
}

func (s *Store) queryArticles(ctx context.Context, op, query string, args ...any) ([]model.Article, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	as, err := collect(rows, scanArticle)
	return as, s.wrap(op, err)
}
