package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	// A change of mode starts the count of short fetches afresh: the
	// suggestion is about the mode in force.
	sqlSetOutletFetch = `UPDATE outlets SET fetch_mode = ?, short_count = 0 WHERE id = ?`
	sqlNoteShortText  = `UPDATE outlets SET short_count = short_count + 1,
		short_url = ?, short_words = ?, short_promised = ?, short_at = ? WHERE id = ? AND fetch_mode = 'http'`
	sqlSetPromise = `INSERT INTO article_promises (article_id, words) VALUES (?, ?)
		ON CONFLICT (article_id) DO UPDATE SET words = excluded.words`
	sqlPromise = `SELECT words FROM article_promises WHERE article_id = ?`
)

// SetOutletFetch sets how an outlet's pages are fetched.
func (s *Store) SetOutletFetch(ctx context.Context, id int64, mode model.FetchMode) error {
	if _, ok := model.ParseFetchMode(string(mode)); !ok {
		return fmt.Errorf("store: outlet %d: unknown fetch mode %q", id, mode)
	}
	defer s.fetchModesChanged()
	return s.write(ctx, fmt.Sprintf("set outlet %d fetch mode", id), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlSetOutletFetch, string(mode), id))
	})
}

// NoteShortText records a plain fetch of an outlet's article whose text
// fell short of what was promised. An outlet already rendered keeps no
// note: the suggestion would be moot.
func (s *Store) NoteShortText(ctx context.Context, id int64, st model.ShortText) error {
	return s.write(ctx, fmt.Sprintf("note short text of outlet %d", id), func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlNoteShortText, st.URL, st.Words, st.Promised, nanos(st.At), id)
		return err
	})
}

// SetArticlePromise records how many words an article's feed entry held.
func (s *Store) SetArticlePromise(ctx context.Context, articleID int64, words int) error {
	return s.write(ctx, fmt.Sprintf("set promise of article %d", articleID), func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlSetPromise, articleID, words)
		return err
	})
}

// ArticlePromise returns how many words an article's feed entry held, 0
// when none was recorded.
func (s *Store) ArticlePromise(ctx context.Context, articleID int64) (int, error) {
	var words int
	err := s.queryRow(ctx, sqlPromise, articleID).Scan(&words)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return words, s.wrap(fmt.Sprintf("promise of article %d", articleID), err)
}
