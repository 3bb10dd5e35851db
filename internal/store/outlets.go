package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/errata/errata/internal/model"
)

const (
	outletCols        = `id, name, host, rules, fetch_mode, short_count, short_url, short_words, short_promised, short_at`
	sqlOutletByName   = `SELECT ` + outletCols + ` FROM outlets WHERE name = ?`
	sqlOutletByID     = `SELECT ` + outletCols + ` FROM outlets WHERE id = ?`
	sqlOutletByHost   = `SELECT ` + outletCols + ` FROM outlets WHERE host = ? ORDER BY id LIMIT 1`
	sqlOutlets        = `SELECT ` + outletCols + ` FROM outlets ORDER BY id`
	sqlInsertOutlet   = `INSERT INTO outlets (name, host) VALUES (?, ?) RETURNING id`
	sqlSetOutletRules = `UPDATE outlets SET rules = ? WHERE id = ?`
	sqlOutletRules    = `SELECT rules FROM outlets WHERE id = ?`
	// sqlOutletRulesForUpdate holds the row on PostgreSQL until the edit
	// commits; SQLite's immediate transaction already holds the database.
	sqlOutletRulesForUpdate = sqlOutletRules + ` FOR UPDATE`
)

func scanOutlet(sc scanner) (model.Outlet, error) {
	var o model.Outlet
	var rules, mode string
	var shortAt int64
	if err := sc.Scan(&o.ID, &o.Name, &o.Host, &rules, &mode,
		&o.Short.Count, &o.Short.URL, &o.Short.Words, &o.Short.Promised, &shortAt); err != nil {
		return o, noRows(err)
	}
	o.Fetch, o.Short.At = model.FetchMode(mode), fromNanos(shortAt)
	if err := fromJSON(rules, &o.Rules); err != nil {
		return o, fmt.Errorf("outlet %d rules: %w", o.ID, err)
	}
	return o, nil
}

// EnsureOutlet returns the outlet called name, creating it with host if
// missing. An existing outlet keeps its host.
func (s *Store) EnsureOutlet(ctx context.Context, name, host string) (model.Outlet, error) {
	var o model.Outlet
	err := s.write(ctx, "ensure outlet "+name, func(tx *wtx) error {
		var err error
		o, err = scanOutlet(tx.QueryRowContext(ctx, sqlOutletByName, name))
		if err != ErrNotFound {
			return err
		}
		o = model.Outlet{Name: name, Host: host, Fetch: model.FetchHTTP}
		return tx.QueryRowContext(ctx, sqlInsertOutlet, name, host).Scan(&o.ID)
	})
	return o, err
}

// Outlet returns one outlet by id.
func (s *Store) Outlet(ctx context.Context, id int64) (model.Outlet, error) {
	o, err := scanOutlet(s.queryRow(ctx, sqlOutletByID, id))
	return o, s.wrap(fmt.Sprintf("outlet %d", id), err)
}

// OutletByHost returns the oldest outlet on host, or ErrNotFound.
func (s *Store) OutletByHost(ctx context.Context, host string) (model.Outlet, error) {
	o, err := scanOutlet(s.queryRow(ctx, sqlOutletByHost, host))
	return o, s.wrap("outlet on "+host, err)
}

// OutletNamed finds the outlet a person means by name: an exact match,
// else the only one whose name equals it ignoring case. Case is folded
// here rather than with SQL lower(), which SQLite applies to ASCII only:
// both dialects must find "LE MONDE" and "ÉCHOS" alike.
func (s *Store) OutletNamed(ctx context.Context, name string) (model.Outlet, error) {
	o, err := s.OutletByName(ctx, name)
	if !errors.Is(err, ErrNotFound) {
		return o, err
	}
	all, err := s.Outlets(ctx)
	if err != nil {
		return model.Outlet{}, err
	}
	var found []model.Outlet
	for _, o := range all {
		if strings.EqualFold(o.Name, name) {
			found = append(found, o)
		}
	}
	switch len(found) {
	case 0:
		return model.Outlet{}, s.wrap("outlet "+name, ErrNotFound)
	case 1:
		return found[0], nil
	}
	return model.Outlet{}, fmt.Errorf("store: outlet %q: %w: %q and %q differ only in case", name, ErrAmbiguous, found[0].Name, found[1].Name)
}

// Outlets returns every outlet by id.
func (s *Store) Outlets(ctx context.Context) ([]model.Outlet, error) {
	rows, err := s.query(ctx, sqlOutlets)
	if err != nil {
		return nil, s.wrap("outlets", err)
	}
	os, err := collect(rows, scanOutlet)
	return os, s.wrap("outlets", err)
}

// SetOutletRules replaces an outlet's extraction rules.
func (s *Store) SetOutletRules(ctx context.Context, id int64, r model.Rules) error {
	op := fmt.Sprintf("set outlet %d rules", id)
	js, err := toJSON(r)
	if err != nil {
		return s.wrap(op, err)
	}
	return s.write(ctx, op, func(tx *wtx) error {
		return mustAffect(tx.ExecContext(ctx, sqlSetOutletRules, js, id))
	})
}

// EditOutletRules replaces an outlet's rules with edit's answer in one
// transaction and returns them, so two editors adding rules at once (the
// CLI and the admin page) both keep theirs. The caller validates; edit may
// run again when PostgreSQL retries the transaction, so it must be pure.
func (s *Store) EditOutletRules(ctx context.Context, id int64, edit func(model.Rules) (model.Rules, error)) (model.Rules, error) {
	var out model.Rules
	err := s.write(ctx, fmt.Sprintf("edit outlet %d rules", id), func(tx *wtx) error {
		query := sqlOutletRules
		if tx.cache.d == dialectPostgres {
			query = sqlOutletRulesForUpdate
		}
		var js string
		if err := tx.QueryRowContext(ctx, query, id).Scan(&js); err != nil {
			return noRows(err)
		}
		var cur model.Rules
		if err := fromJSON(js, &cur); err != nil {
			return err
		}
		next, err := edit(cur)
		if err != nil {
			return err
		}
		if js, err = toJSON(next); err != nil {
			return err
		}
		out = next
		return mustAffect(tx.ExecContext(ctx, sqlSetOutletRules, js, id))
	})
	return out, err
}

// mustAffect turns an UPDATE that matched nothing into ErrNotFound.
func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
