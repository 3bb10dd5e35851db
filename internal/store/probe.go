package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// sqliteMagic opens every SQLite 3 database file; sqliteHeaderSize is the
// fixed header a valid non-empty database always has.
const (
	sqliteMagic      = "SQLite format 3\x00"
	sqliteHeaderSize = 100
)

// notErrataError names the file and why it was refused; it matches
// ErrNotErrata with errors.Is.
type notErrataError struct {
	path   string
	reason string
	err    error
}

func (e *notErrataError) Error() string {
	return fmt.Sprintf("store: %s is not an errata database: %s", e.path, e.reason)
}

func (e *notErrataError) Unwrap() []error {
	if e.err == nil {
		return []error{ErrNotErrata}
	}
	return []error{ErrNotErrata, e.err}
}

// probeFile refuses a file that is not an errata database before any
// read-write connection exists: a read-write open switches the file to WAL,
// which would already change someone else's database.
func probeFile(ctx context.Context, path string) error {
	empty, err := probeHeader(path)
	if err != nil || empty {
		return err
	}
	db, err := sql.Open(driverName, fileURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	var tables, ours int
	err = db.QueryRowContext(ctx, sqlCountTables).Scan(&tables, &ours)
	if isNotADatabase(err) {
		return &notErrataError{path: path, reason: sqliteMessage(err), err: err}
	}
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	if tables > 0 && ours == 0 {
		return &notErrataError{path: path, reason: "it holds other tables and no schema_migrations"}
	}
	return nil
}

const sqlCountTables = `SELECT count(*), count(*) FILTER (WHERE name = 'schema_migrations')
	FROM sqlite_master WHERE type = 'table'`

// probeHeader refuses a non-empty file that is not SQLite, reading only.
// A missing or empty file is fine: SQLite initialises it.
func probeHeader(path string) (empty bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: open %s: %w", path, err)
	}
	defer f.Close()
	head := make([]byte, sqliteHeaderSize)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		return true, nil
	}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return false, fmt.Errorf("store: read %s: %w", path, err)
	}
	if n < sqliteHeaderSize || !bytes.HasPrefix(head, []byte(sqliteMagic)) {
		return false, &notErrataError{path: path, reason: "not a SQLite file (bad header)"}
	}
	return false, nil
}
