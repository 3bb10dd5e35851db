package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	// A change of mode starts the count of short fetches afresh: the
	// suggestion is about the mode in force.
	sqlSetOutletFetch = `UPDATE outlets SET fetch_mode = ?, short_count = 0 WHERE id = ?`
	sqlNoteShortText  = `UPDATE outlets SET short_count = short_count + 1,
		short_url = ?, short_words = ?, short_promised = ?, short_at = ? WHERE id = ? AND fetch_mode = 'http'`
)

// SetOutletFetch sets how an outlet's pages are fetched.
func (s *Store) SetOutletFetch(ctx context.Context, id int64, mode model.FetchMode) error {
	if _, ok := model.ParseFetchMode(string(mode)); !ok {
		return fmt.Errorf("store: outlet %d: unknown fetch mode %q", id, mode)
	}
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
