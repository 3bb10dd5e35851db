package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	outletCols        = `id, name, host, rules`
	sqlOutletByName   = `SELECT ` + outletCols + ` FROM outlets WHERE name = ?`
	sqlOutletByID     = `SELECT ` + outletCols + ` FROM outlets WHERE id = ?`
	sqlOutletByHost   = `SELECT ` + outletCols + ` FROM outlets WHERE host = ? ORDER BY id LIMIT 1`
	sqlOutlets        = `SELECT ` + outletCols + ` FROM outlets ORDER BY id`
	sqlInsertOutlet   = `INSERT INTO outlets (name, host) VALUES (?, ?) RETURNING id`
	sqlSetOutletRules = `UPDATE outlets SET rules = ? WHERE id = ?`
)

func scanOutlet(sc scanner) (model.Outlet, error) {
	var o model.Outlet
	var rules string
	if err := sc.Scan(&o.ID, &o.Name, &o.Host, &rules); err != nil {
		return o, noRows(err)
	}
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
		o = model.Outlet{Name: name, Host: host}
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
