package store

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrNotFound is returned when a looked-up row does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrAmbiguous is wrapped when a name matches several rows.
	ErrAmbiguous = errors.New("store: ambiguous name")
	// ErrDuplicateVersion is wrapped when a version's (article, seq) is taken:
	// the schema makes a second version with the same number impossible.
	ErrDuplicateVersion = errors.New("store: duplicate version")
	// ErrConflict is wrapped when a URL already belongs to another article.
	ErrConflict = errors.New("store: url belongs to another article")
	// ErrStale is wrapped when a check is recorded against an article that
	// another check updated since it was read (CheckRecord.IfLastChecked).
	ErrStale = errors.New("store: article was checked meanwhile")
	// ErrBusy is wrapped when another process held the write lock past the
	// busy timeout.
	ErrBusy = errors.New("store: database is busy")
	// ErrFull is wrapped when a write found no room: the disk is full
	// (SQLite's SQLITE_FULL, PostgreSQL's disk_full).
	ErrFull = errors.New("store: database is full")
	// ErrNotErrata is wrapped when the file is not an errata database.
	ErrNotErrata = errors.New("store: not an errata database")
	// ErrCorrupt is wrapped when SQLite's integrity check finds the file
	// damaged (a torn write, a bad disk, a copy taken mid-write).
	ErrCorrupt = errors.New("store: database is damaged")
	// ErrTooNew is wrapped when the database was migrated by a newer binary.
	ErrTooNew = errors.New("store: database schema is newer than this binary")
	// ErrExists is wrapped when a name is already another row's.
	ErrExists = errors.New("store: name already taken")
	// ErrNotEmpty is wrapped when Copy's target already holds other data.
	ErrNotEmpty = errors.New("store: target database is not empty")
)

// PostgreSQL error codes (SQLSTATE) the store reacts to.
const (
	pgUniqueViolation      = "23505"
	pgSerializationFailure = "40001"
	pgDeadlock             = "40P01"
	pgLockNotAvailable     = "55P03" // lock_timeout expired
	pgDiskFull             = "53100"
)

// pgCode returns the SQLSTATE of a PostgreSQL error, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// busyError carries the path so the message names the file the user must
// look at; it still matches ErrBusy with errors.Is.
type busyError struct {
	path string
	err  error
}

func (e *busyError) Error() string {
	return fmt.Sprintf("store: database is busy: another errata process is writing to %s; try again", e.path)
}

func (e *busyError) Unwrap() []error { return []error{ErrBusy, e.err} }

// fullError names the database that had no room; it matches ErrFull.
type fullError struct {
	op, path string
	err      error
}

func (e *fullError) Error() string {
	return fmt.Sprintf("store: %s: no space left for %s; free disk space and try again", e.op, e.path)
}

func (e *fullError) Unwrap() []error { return []error{ErrFull, e.err} }

func isFull(err error) bool {
	return pgCode(err) == pgDiskFull || sqliteCode(err) == sqlite3.SQLITE_FULL
}

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	if pgCode(err) == pgLockNotAvailable {
		return true
	}
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

func isUniqueViolation(err error) bool {
	if pgCode(err) == pgUniqueViolation {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	c := se.Code()
	return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

func isNotADatabase(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT
}

// wrap prefixes err with the package and operation, and turns a lock
// timeout into the one message a user can act on.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if isBusy(err) {
		return &busyError{path: s.path, err: err}
	}
	if isFull(err) {
		return &fullError{op: op, path: s.path, err: err}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// sqliteMessage is a SQLite error's text without the result code that
// the driver appends ("database disk image is malformed (11)").
func sqliteMessage(err error) string {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err.Error()
	}
	msg := se.Error()
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		return msg[:i]
	}
	return msg
}
