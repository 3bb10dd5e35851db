package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

// Merged counts what MergeOutlets moved.
type Merged struct {
	Articles int
	Sources  int
}

const (
	sqlRenameOutlet       = `UPDATE outlets SET name = ? WHERE id = ?`
	sqlMoveOutletArticles = `UPDATE articles SET outlet_id = ? WHERE outlet_id = ?`
	sqlMoveOutletSources  = `UPDATE sources SET outlet_id = ? WHERE outlet_id = ?`
	// Learned furniture is copied as new rows, so the target outlet's
	// furniture revision (its highest id) moves on and caches reload; what
	// the target already knows is kept.
	sqlCopyFurniture = `INSERT INTO furniture (outlet_id, article_id, kind, origin, key, learned_at)
		SELECT ?, article_id, kind, origin, key, learned_at FROM furniture WHERE outlet_id = ? ORDER BY id
		ON CONFLICT DO NOTHING`
	sqlCopySightings = `INSERT INTO block_sightings (outlet_id, key, article_id)
		SELECT ?, key, article_id FROM block_sightings WHERE outlet_id = ? ORDER BY id
		ON CONFLICT DO NOTHING`
	sqlDropFurniture = `DELETE FROM furniture WHERE outlet_id = ?`
	sqlDropSightings = `DELETE FROM block_sightings WHERE outlet_id = ?`
	sqlDeleteOutlet  = `DELETE FROM outlets WHERE id = ?`
)

// RenameOutlet gives an outlet a new name; a name another outlet has is
// refused with ErrExists.
func (s *Store) RenameOutlet(ctx context.Context, id int64, name string) error {
	err := s.write(ctx, fmt.Sprintf("rename outlet %d", id), func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlRenameOutlet, name, id))
	})
	if isUniqueViolation(err) {
		return fmt.Errorf("store: outlet %q: %w", name, ErrExists)
	}
	return err
}

// MergeOutlets moves every article and source of outlet from into outlet
// into, with what was learned of its pages, adds its rules to into's, and
// deletes it, in one transaction.
func (s *Store) MergeOutlets(ctx context.Context, from, into int64) (Merged, error) {
	defer s.fetchModesChanged()
	if from == into {
		return Merged{}, fmt.Errorf("store: merge outlet %d into itself", from)
	}
	var m Merged
	err := s.write(ctx, fmt.Sprintf("merge outlet %d into %d", from, into), func(tx *wtx) error {
		var err error
		m, err = mergeTx(ctx, tx, from, into)
		return err
	})
	return m, err
}

func mergeTx(ctx context.Context, tx *wtx, from, into int64) (Merged, error) {
	var m Merged
	if err := mergeRules(ctx, tx, from, into); err != nil {
		return m, err
	}
	moved := []*int{&m.Articles, &m.Sources}
	for i, q := range []string{sqlMoveOutletArticles, sqlMoveOutletSources} {
		res, err := tx.ExecContext(ctx, q, into, from)
		if err != nil {
			return m, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return m, err
		}
		*moved[i] = int(n)
	}
	for _, st := range []struct {
		q    string
		args []any
	}{
		{sqlCopyFurniture, []any{into, from}},
		{sqlCopySightings, []any{into, from}},
		{sqlDropFurniture, []any{from}},
		{sqlDropSightings, []any{from}},
	} {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return m, err
		}
	}
	return m, mustAffect(tx.ExecContext(ctx, sqlDeleteOutlet, from))
}

// mergeRules adds from's rules to into's: both outlets' fixes keep
// applying to the articles they were written for.
func mergeRules(ctx context.Context, tx *wtx, from, into int64) error {
	var rules [2]model.Rules
	for i, id := range []int64{from, into} {
		var js string
		if err := tx.QueryRowContext(ctx, sqlOutletRules, id).Scan(&js); err != nil {
			return fmt.Errorf("outlet %d: %w", id, noRows(err))
		}
		if err := fromJSON(js, &rules[i]); err != nil {
			return err
		}
	}
	out := rules[1]
	for _, sel := range rules[0].Drop {
		out = out.With(model.RuleDrop, sel)
	}
	for _, sel := range rules[0].Keep {
		out = out.With(model.RuleKeep, sel)
	}
	js, err := toJSON(out)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, sqlSetOutletRules, js, into)
	return err
}
