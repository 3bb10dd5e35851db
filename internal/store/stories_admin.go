package store

import (
	"context"
	"fmt"
	"time"
)

const (
	sqlMoveMembers      = `UPDATE story_members SET story_id = ? WHERE story_id = ?`
	sqlDeleteStory      = `DELETE FROM stories WHERE id = ?`
	sqlStoryExists      = `SELECT title FROM stories WHERE id = ?`
	sqlMoveMember       = `UPDATE story_members SET story_id = ? WHERE story_id = ? AND article_id = ?`
	sqlDropEmptyStories = `DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM story_members WHERE story_id = ?1)`
)

// MergeStories moves every member of story from into story into and
// removes from.
func (s *Store) MergeStories(ctx context.Context, into, from int64, now time.Time) error {
	if into == from {
		return fmt.Errorf("store: merge story %d into itself", into)
	}
	return s.write(ctx, fmt.Sprintf("merge story %d into %d", from, into), func(tx *wtx) error {
		for _, id := range []int64{into, from} {
			if err := storyExists(ctx, tx, id); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, sqlMoveMembers, into, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, sqlDeleteStory, from); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, sqlRecountStoryAt, into, nanos(now))
		return err
	})
}

// SplitStory moves the given members of story into a new story and
// returns its id. Ids that are not members are ignored; at least one must
// be. A story left without members is removed.
func (s *Store) SplitStory(ctx context.Context, story int64, articles []int64, now time.Time) (int64, error) {
	var fresh int64
	err := s.write(ctx, fmt.Sprintf("split story %d", story), func(tx *wtx) error {
		var title string
		if err := tx.QueryRowContext(ctx, sqlStoryExists, story).Scan(&title); err != nil {
			return fmt.Errorf("story %d: %w", story, noRows(err))
		}
		if err := tx.QueryRowContext(ctx, sqlNewStory, title, nanos(now), nanos(now)).Scan(&fresh); err != nil {
			return err
		}
		moved := int64(0)
		for _, a := range articles {
			res, err := tx.ExecContext(ctx, sqlMoveMember, fresh, story, a)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			moved += n
		}
		if moved == 0 {
			return fmt.Errorf("story %d: none of the articles is a member: %w", story, ErrNotFound)
		}
		for _, id := range []int64{story, fresh} {
			if _, err := tx.ExecContext(ctx, sqlRecountStoryAt, id, nanos(now)); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, sqlDropEmptyStories, story)
		return err
	})
	return fresh, err
}

func storyExists(ctx context.Context, tx *wtx, id int64) error {
	var title string
	if err := tx.QueryRowContext(ctx, sqlStoryExists, id).Scan(&title); err != nil {
		return fmt.Errorf("story %d: %w", id, noRows(err))
	}
	return nil
}
