package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresWriters is how many pool connections PostgreSQL gets on top of
// Options.Readers: writers there run side by side, unlike on SQLite.
const postgresWriters = 4

// IsPostgresURL reports whether target names a PostgreSQL database rather
// than a SQLite file, as OpenURL reads it.
func IsPostgresURL(target string) bool {
	lower := strings.ToLower(target)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// redactURL hides the password, so errors and Path can be shown to users.
func redactURL(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	return u.Redacted()
}

// openPostgres opens a pool through pgx's database/sql driver, so every
// query path is the one SQLite uses. The busy timeout becomes
// lock_timeout: a writer blocked that long by another process's lock gets
// ErrBusy, as on SQLite.
func openPostgres(ctx context.Context, target string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	shown := redactURL(target)
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", shown, err)
	}
	if _, set := cfg.RuntimeParams["lock_timeout"]; !set {
		cfg.RuntimeParams["lock_timeout"] = busyMillis(opts.BusyTimeout)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(opts.Readers + postgresWriters)
	// Keep the pool's connections open between bursts: database/sql keeps
	// only two idle by default, and each new connection costs PostgreSQL a
	// backend start and every statement prepared again, transactions that
	// outnumbered the checks themselves.
	db.SetMaxIdleConns(opts.Readers + postgresWriters)
	s := &Store{path: shown, d: dialectPostgres, w: db, r: db}
	s.wc = newStmtCache(db, s.d)
	s.rc = s.wc
	s.prelog = opts.schema > 0 && opts.schema < logMigration
	if err := s.migrate(ctx, opts.schema); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.wc.prepare(ctx, writeQueries)
	return s, nil
}

// OpenPostgres is OpenURL for a PostgreSQL URL with explicit options.
func OpenPostgres(ctx context.Context, target string, opts Options) (*Store, error) {
	if !IsPostgresURL(target) {
		return nil, fmt.Errorf("store: open %s: not a postgres:// URL", target)
	}
	return openPostgres(ctx, target, opts)
}
