package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Candidate lookups read at most this many index rows per key, newest
// first, so a key that many articles share (a stock paragraph, a country
// named everywhere) costs no more than a rare one, however large the store.
// A band key is shared only by near-identical texts, so fifty is more
// copies than one text has; a fact is shared widely, and twenty articles
// per fact, over the dozens of facts an article has, still find the few
// that share several.
const (
	bandRowsPerKey = 50
	factRowsPerKey = 20
)

// StoryArticle is an article's latest version as story placement reads it.
type StoryArticle struct {
	ID        int64
	OutletID  int64
	Outlet    string
	Host      string
	URL       string
	FirstSeen time.Time
	Title     string
	Byline    string
	Text      string
	Versions  int
}

// Placement is what placing one article decided, as the store keeps it.
type Placement struct {
	ArticleID int64
	OutletID  int64
	SeenAt    time.Time // the article's first seen, for the event window
	At        time.Time // when it is placed: the story's latest activity (zero: SeenAt)
	Bands     []int64
	Facts     []int64
	Copies    []WireLink
	// Story joins an existing story; With founds a new one with that
	// article (which has none); both zero: no story.
	Story, With int64
	Score       float64
	Title       string // the new story's title, when one is founded
}

// WireLink is a verified copy.
type WireLink struct {
	Other  int64
	Shared float64
}

const (
	sqlDeleteBands = `DELETE FROM story_bands WHERE article_id = ?`
	sqlDeleteFacts = `DELETE FROM story_facts WHERE article_id = ?`
	sqlInsertBand  = `INSERT INTO story_bands (band, article_id, outlet_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
	sqlInsertFact  = `INSERT INTO story_facts (fact, article_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
	sqlUpsertLink  = `INSERT INTO wire_links (article_a, article_b, shared, linked_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (article_a, article_b) DO UPDATE SET shared = excluded.shared`
	sqlWireOf         = `SELECT wire_id FROM wire_members WHERE article_id = ?`
	sqlNewWire        = `INSERT INTO wires (updated_at) VALUES (?) RETURNING id`
	sqlJoinWire       = `INSERT INTO wire_members (article_id, wire_id) VALUES (?, ?) ON CONFLICT (article_id) DO NOTHING`
	sqlMoveWire       = `UPDATE wire_members SET wire_id = ? WHERE wire_id = ?`
	sqlDeleteWire     = `DELETE FROM wires WHERE id = ?`
	sqlTouchWire      = `UPDATE wires SET updated_at = ? WHERE id = ?`
	sqlStoryOf        = `SELECT story_id FROM story_members WHERE article_id = ?`
	sqlNewStory       = `INSERT INTO stories (title, created_at, updated_at) VALUES (?, ?, ?) RETURNING id`
	sqlJoinStory      = `INSERT INTO story_members (article_id, story_id, joined_at, score) VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING`
	sqlRecountStoryAt = `UPDATE stories SET updated_at = ?2,
		articles = (SELECT count(*) FROM story_members WHERE story_id = ?1),
		outlets = (SELECT count(DISTINCT a.outlet_id) FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?1)
		WHERE id = ?1`
	sqlTouchStory    = `UPDATE stories SET updated_at = ?1 WHERE id = ?2 AND updated_at < ?1`
	sqlSetWireOrigin = `UPDATE wires SET origin_id = ?, agency = ? WHERE id = ?`
)

// SavePlacement records one article's placement in one transaction: its
// index keys (replacing those of its earlier version), its copies and
// their group, and its story. It returns the article's wire group (0 for
// none) and story (0 for none).
func (s *Store) SavePlacement(ctx context.Context, p Placement) (wire, story int64, err error) {
	at := nanos(p.SeenAt)
	err = s.write(ctx, fmt.Sprintf("place article %d", p.ArticleID), func(tx *wtx) error {
		if err := saveKeys(ctx, tx, p, at); err != nil {
			return err
		}
		var err error
		if wire, err = saveCopies(ctx, tx, p, at); err != nil {
			return err
		}
		story, err = saveStory(ctx, tx, p, at)
		return err
	})
	return wire, story, err
}

func saveKeys(ctx context.Context, tx *wtx, p Placement, at int64) error {
	for _, q := range []string{sqlDeleteBands, sqlDeleteFacts} {
		if _, err := tx.ExecContext(ctx, q, p.ArticleID); err != nil {
			return err
		}
	}
	for _, b := range p.Bands {
		if _, err := tx.ExecContext(ctx, sqlInsertBand, b, p.ArticleID, p.OutletID); err != nil {
			return err
		}
	}
	for _, f := range p.Facts {
		if _, err := tx.ExecContext(ctx, sqlInsertFact, f, p.ArticleID, at); err != nil {
			return err
		}
	}
	return nil
}

// saveCopies links the article to its copies and puts them all in one
// group: the lowest-numbered of the groups they were in, the others
// merged into it.
func saveCopies(ctx context.Context, tx *wtx, p Placement, at int64) (int64, error) {
	if len(p.Copies) == 0 {
		return wireOf(ctx, tx, p.ArticleID)
	}
	ids := []int64{p.ArticleID}
	for _, c := range p.Copies {
		a, b := min(p.ArticleID, c.Other), max(p.ArticleID, c.Other)
		if _, err := tx.ExecContext(ctx, sqlUpsertLink, a, b, c.Shared, at); err != nil {
			return 0, err
		}
		ids = append(ids, c.Other)
	}
	var wire int64
	var others []int64
	for _, id := range ids {
		w, err := wireOf(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		switch {
		case w == 0:
		case wire == 0 || w < wire:
			if wire != 0 {
				others = append(others, wire)
			}
			wire = w
		case w != wire:
			others = append(others, w)
		}
	}
	if wire == 0 {
		if err := tx.QueryRowContext(ctx, sqlNewWire, at).Scan(&wire); err != nil {
			return 0, err
		}
	}
	for _, w := range others {
		if w == wire {
			continue
		}
		if _, err := tx.ExecContext(ctx, sqlMoveWire, wire, w); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, sqlDeleteWire, w); err != nil {
			return 0, err
		}
	}
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, sqlJoinWire, id, wire); err != nil {
			return 0, err
		}
	}
	_, err := tx.ExecContext(ctx, sqlTouchWire, at, wire)
	return wire, err
}

func wireOf(ctx context.Context, tx *wtx, id int64) (int64, error) {
	var w int64
	err := tx.QueryRowContext(ctx, sqlWireOf, id).Scan(&w)
	if err != nil && noRows(err) == ErrNotFound {
		return 0, nil
	}
	return w, err
}

func saveStory(ctx context.Context, tx *wtx, p Placement, at int64) (int64, error) {
	if !p.At.IsZero() {
		at = nanos(p.At)
	}
	var cur int64
	switch err := tx.QueryRowContext(ctx, sqlStoryOf, p.ArticleID).Scan(&cur); {
	case err == nil:
		// Membership changes only by merge and split; a member's new
		// version is activity of its story.
		_, err := tx.ExecContext(ctx, sqlTouchStory, at, cur)
		return cur, err
	case noRows(err) != ErrNotFound:
		return 0, err
	}
	story := p.Story
	switch {
	case story != 0:
	case p.With != 0:
		if err := tx.QueryRowContext(ctx, sqlNewStory, p.Title, at, at).Scan(&story); err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, sqlJoinStory, p.With, story, at, p.Score); err != nil {
			return 0, err
		}
	default:
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, sqlJoinStory, p.ArticleID, story, at, p.Score); err != nil {
		return 0, err
	}
	_, err := tx.ExecContext(ctx, sqlRecountStoryAt, story, at)
	return story, err
}

// SetWireOrigin records the copy taken as a group's origin and the agency
// its copies credit.
func (s *Store) SetWireOrigin(ctx context.Context, wire, origin int64, agency string) error {
	return s.write(ctx, "set wire origin", func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlSetWireOrigin, origin, agency, wire)
		return err
	})
}

// marks returns n comma-separated placeholders.
func marks(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// SavePlacements records many placements in one transaction: bulk loads
// (imports, benchmarks) pay one commit per batch.
func (s *Store) SavePlacements(ctx context.Context, ps []Placement) error {
	return s.write(ctx, fmt.Sprintf("place %d articles", len(ps)), func(tx *wtx) error {
		for _, p := range ps {
			at := nanos(p.SeenAt)
			if err := saveKeys(ctx, tx, p, at); err != nil {
				return err
			}
			if _, err := saveCopies(ctx, tx, p, at); err != nil {
				return err
			}
			if _, err := saveStory(ctx, tx, p, at); err != nil {
				return err
			}
		}
		return nil
	})
}
