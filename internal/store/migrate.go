package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Each dialect has its own numbered files: migrations/sqlite/0001_init.sql,
// migrations/postgres/0001_init.sql. Numbers need not line up across them.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migrationLockKey is the pg_advisory_xact_lock key taken while migrating
// PostgreSQL, so several processes starting together migrate once. It
// spells "errata" in ASCII.
const migrationLockKey = 0x657272617461

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the dialect's embedded files, ordered by their
// number prefix ("0001_init.sql" is version 1).
func loadMigrations(d dialect) ([]migration, error) {
	migrationDir := "migrations/" + d.String()
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
	// The PostgreSQL forms look only at the schema errata works in
	// (current_schema(), normally public).
	pgHasMigrationsTable = `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relname = 'schema_migrations'`
	pgCountObjects = `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema()`
	pgMigrationLock     = `SELECT pg_advisory_xact_lock(?)`
	sqlCreateMigrations = `CREATE TABLE schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at BIGINT NOT NULL
	)`
	sqlMaxMigration    = `SELECT coalesce(max(version), 0) FROM schema_migrations`
	sqlRecordMigration = `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`
)

// migrate applies pending migrations in one transaction, immediate on
// SQLite and under an advisory lock on PostgreSQL, so two processes
// starting at once cannot both apply the same file. A schema above 0
// stops after that version.
func (s *Store) migrate(ctx context.Context, schema int) error {
	ms, err := loadMigrations(s.d)
	if err != nil {
		return err
	}
	if schema > 0 {
		ms = slices.DeleteFunc(ms, func(m migration) bool { return m.version > schema })
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
	if s.d == dialectPostgres {
		if _, err := tx.ExecContext(ctx, s.d.rebind(pgMigrationLock), int64(migrationLockKey)); err != nil {
			return s.openError(err)
		}
	}
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
		if err := s.applyMigration(ctx, tx, m); err != nil {
			return s.wrap("migrate "+m.name, err)
		}
		if m.version == logMigration {
			w := &wtx{tx: tx, cache: newStmtCache(s.w, s.d)}
			if err := backfillLog(ctx, w); err != nil {
				return s.wrap("migrate "+m.name, err)
			}
			if err := w.finish(ctx); err != nil {
				return s.wrap("migrate "+m.name, err)
			}
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
	hasQuery, countQuery := sqlHasMigrationsTable, sqlCountObjects
	if s.d == dialectPostgres {
		hasQuery, countQuery = pgHasMigrationsTable, pgCountObjects
	}
	var has, objects int
	if err := tx.QueryRowContext(ctx, hasQuery).Scan(&has); err != nil {
		return 0, err
	}
	if has == 0 {
		if err := tx.QueryRowContext(ctx, countQuery).Scan(&objects); err != nil {
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

func (s *Store) applyMigration(ctx context.Context, tx *sql.Tx, m migration) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, s.d.rebind(sqlRecordMigration), m.version, m.name, time.Now().UTC().UnixNano())
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
		return &notErrataError{path: s.path, reason: sqliteMessage(err), err: err}
	}
	return s.wrap("open", err)
}
