package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

var (
	// ErrNotFound is returned when a looked-up row does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrDuplicateVersion is wrapped when a version's (article, seq) is taken:
	// the schema makes a second version with the same number impossible.
	ErrDuplicateVersion = errors.New("store: duplicate version")
	// ErrConflict is wrapped when a URL already belongs to another article.
	ErrConflict = errors.New("store: url belongs to another article")
	// ErrBusy is wrapped when another process held the write lock past the
	// busy timeout.
	ErrBusy = errors.New("store: database is busy")
	// ErrNotErrata is wrapped when the file is not an errata database.
	ErrNotErrata = errors.New("store: not an errata database")
	// ErrTooNew is wrapped when the database was migrated by a newer binary.
	ErrTooNew = errors.New("store: database schema is newer than this binary")
)

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

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

func isUniqueViolation(err error) bool {
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
	return fmt.Errorf("store: %s: %w", op, err)
}
