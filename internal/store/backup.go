package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ErrBackupPostgres is returned by Backup on PostgreSQL, whose own tool,
// pg_dump, makes consistent copies of a live database.
var ErrBackupPostgres = errors.New("store: a PostgreSQL database is backed up with pg_dump")

const (
	sqlVacuumInto     = `VACUUM INTO ?`
	sqlIntegrityCheck = `PRAGMA integrity_check`
)

// Backup copies the SQLite database into the file at path with VACUUM
// INTO: the copy is one consistent snapshot (a single read transaction),
// taken while this and other processes go on reading and writing, and
// compacted into one file. path must not exist, or be an empty file.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.d == dialectPostgres {
		return ErrBackupPostgres
	}
	// A connection of its own: the read pool may not write even the copy
	// (query_only), and the writer must stay free for this process's
	// checks. VACUUM INTO itself only reads the database.
	db, err := sql.Open(driverName, fileURI(s.path)+"?_pragma=busy_timeout("+busyMillis(DefaultBusyTimeout)+")")
	if err != nil {
		return s.wrap("back up", err)
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, sqlVacuumInto, path)
	return s.wrap("back up", err)
}

// VerifyBackup opens a copy made by Backup, read-only, and checks that
// SQLite finds it whole (its full integrity check) and that it is an
// errata database of the schema this binary writes. It returns the copy's
// table sizes.
func VerifyBackup(ctx context.Context, path string) (Stats, error) {
	var st Stats
	if err := probeFile(ctx, path); err != nil {
		return st, err
	}
	db, err := sql.Open(driverName, fileURI(path)+"?mode=ro")
	if err != nil {
		return st, fmt.Errorf("store: open copy: %w", err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, sqlIntegrityCheck).Scan(&result); err != nil {
		return st, fmt.Errorf("store: check copy: %w", err)
	}
	if result != "ok" {
		return st, fmt.Errorf("store: the copy is damaged: %s", result)
	}
	ms, err := loadMigrations(dialectSQLite)
	if err != nil {
		return st, err
	}
	var version int
	if err := db.QueryRowContext(ctx, sqlMaxMigration).Scan(&version); err != nil {
		return st, fmt.Errorf("store: the copy has no errata schema: %w", err)
	}
	if latest := ms[len(ms)-1].version; version != latest {
		return st, fmt.Errorf("store: the copy has schema version %d, want %d", version, latest)
	}
	err = db.QueryRowContext(ctx, sqlStats).Scan(&st.Outlets, &st.Sources, &st.Articles, &st.Versions, &st.Checks, &st.Captures)
	if err != nil {
		return st, fmt.Errorf("store: read copy: %w", err)
	}
	return st, nil
}
