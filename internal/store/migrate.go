package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/sqlite/*.sql
var migrationFS embed.FS

const migrationDir = "migrations/sqlite"

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded files, ordered by their number prefix
// ("0001_init.sql" is version 1).
func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, migrationDir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migrations: bad file name %q", e.Name())
		}
		body, err := migrationFS.ReadFile(path.Join(migrationDir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store: migrations: %w", err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

const (
	sqlHasMigrationsTable = `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`
	sqlCountObjects       = `SELECT count(*) FROM sqlite_master`
	sqlCreateMigrations   = `CREATE TABLE schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	)`
	sqlMaxMigration    = `SELECT coalesce(max(version), 0) FROM schema_migrations`
	sqlRecordMigration = `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`
)

// migrate applies pending migrations in one immediate transaction, so two
// processes starting at once cannot both apply the same file.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	latest := ms[len(ms)-1].version
	// Fast path without the write lock, so opening a current database never
	// waits behind another process's writes.
	if v, err := s.appliedVersion(ctx); err == nil && v == latest {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return s.openError(err)
	}
	defer func() { _ = tx.Rollback() }()
	current, err := s.schemaVersion(ctx, tx)
	if err != nil {
		return s.openError(err)
	}
	if current > latest {
		return fmt.Errorf("store: %s has schema version %d but this errata knows only up to %d; upgrade errata: %w",
			s.path, current, latest, ErrTooNew)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := applyMigration(ctx, tx, m); err != nil {
			return s.wrap("migrate "+m.name, err)
		}
	}
	return s.openError(tx.Commit())
}

// appliedVersion reads the schema version outside any transaction; it
// errors when the bookkeeping table is missing.
func (s *Store) appliedVersion(ctx context.Context) (int, error) {
	var v int
	err := s.w.QueryRowContext(ctx, sqlMaxMigration).Scan(&v)
	return v, err
}

// schemaVersion returns the applied version, creating the bookkeeping table
// in an empty database. A database with tables but no bookkeeping belongs to
// someone else and is refused untouched.
func (s *Store) schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var has, objects int
	if err := tx.QueryRowContext(ctx, sqlHasMigrationsTable).Scan(&has); err != nil {
		return 0, err
	}
	if has == 0 {
		if err := tx.QueryRowContext(ctx, sqlCountObjects).Scan(&objects); err != nil {
			return 0, err
		}
		if objects > 0 {
			return 0, &notErrataError{path: s.path, reason: "it holds other tables and no schema_migrations"}
		}
		if _, err := tx.ExecContext(ctx, sqlCreateMigrations); err != nil {
			return 0, err
		}
		return 0, nil
	}
	var v int
	err := tx.QueryRowContext(ctx, sqlMaxMigration).Scan(&v)
	return v, err
}

func applyMigration(ctx context.Context, tx *sql.Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, sqlRecordMigration, m.version, m.name, time.Now().UTC().UnixNano())
	return err
}

// openError classifies failures while opening: a file SQLite cannot read
// as a database is reported as not ours rather than as an I/O error.
func (s *Store) openError(err error) error {
	if err == nil {
		return nil
	}
	var ne *notErrataError
	if errors.As(err, &ne) {
		return err
	}
	if isNotADatabase(err) {
		return &notErrataError{path: s.path, reason: err.Error(), err: err}
	}
	return s.wrap("open", err)
}
