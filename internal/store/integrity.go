package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// Integrity checks of a SQLite file.
const (
	// quickCheckMaxBytes bounds the file a writer checks whole before it
	// opens it. PRAGMA quick_check reads every page: about half a second to
	// a second per 100 MB on a small, busy machine, well spent before a
	// crawl or serve writes into the file. A larger file is checked only in
	// quickCheckTables, so a cron'd crawl does not pay for the whole archive.
	quickCheckMaxBytes = 256 << 20
	// maxProblems bounds how many problems a check lists.
	maxProblems = 100
)

// quickCheckTables are the tables a pass rewrites in place (the article
// schedule, source validators, outlet rules, pending confirmations), with
// their indexes: a damaged page there is where a writer would spread the
// damage or read a wrong schedule. Versions, captures and checks are only
// appended to; errata verify reads them too.
var quickCheckTables = []string{
	"articles", "article_aliases", "sources", "outlets", "pending_checks", "host_leases", "schema_migrations",
}

// corruptError names the damaged file and what the check found; it
// matches ErrCorrupt with errors.Is.
type corruptError struct {
	path     string
	problems []string
}

func (e *corruptError) Error() string {
	more := ""
	if n := len(e.problems) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Sprintf("store: %s is damaged: %s%s; restore it from a backup (errata verify lists every problem)",
		e.path, e.problems[0], more)
}

func (e *corruptError) Unwrap() error { return ErrCorrupt }

// quickCheck runs SQLite's quick_check on the file before a writer opens
// it, on a read-only connection, so that a damaged database is reported
// instead of written into. A missing or empty file has nothing to check.
// Files larger than maxBytes get quickCheckHot.
func quickCheck(ctx context.Context, path string, maxBytes int64) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && fi.Size() == 0 {
		return nil
	}
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	db, err := sql.Open(driverName, fileURI(path)+"?mode=ro")
	if err != nil {
		return fmt.Errorf("store: open %s: %w", path, err)
	}
	defer db.Close()
	var problems []string
	if fi.Size() <= maxBytes {
		problems, err = checkPragma(ctx, db, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	} else {
		problems, err = quickCheckHot(ctx, db)
	}
	if isNotADatabase(err) {
		return &notErrataError{path: path, reason: sqliteMessage(err), err: err}
	}
	if err != nil {
		return fmt.Errorf("store: check %s: %w", path, err)
	}
	if len(problems) > 0 {
		return &corruptError{path: path, problems: problems}
	}
	return nil
}

// quickCheckHot checks the tables of quickCheckTables the file has.
func quickCheckHot(ctx context.Context, db *sql.DB) ([]string, error) {
	var problems []string
	for _, t := range quickCheckTables {
		var n int
		if err := db.QueryRowContext(ctx, sqlTableExists, t).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			continue
		}
		// A pragma takes no parameters; t comes from the list above.
		p, err := checkPragma(ctx, db, "PRAGMA quick_check("+t+")")
		if err != nil {
			return nil, err
		}
		problems = append(problems, p...)
	}
	return problems, nil
}

const sqlTableExists = `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`

// checkPragma runs quick_check or integrity_check and returns the problems
// it lists, one a line; a sound file yields the single row "ok". A row may
// hold several lines under a "*** in database main ***" heading.
func checkPragma(ctx context.Context, db *sql.DB, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var row string
		if err := rows.Scan(&row); err != nil {
			return nil, err
		}
		for _, line := range strings.Split(row, "\n") {
			line = strings.TrimSpace(line)
			if line != "" && line != "ok" && !strings.HasPrefix(line, "*** ") {
				problems = append(problems, line)
			}
		}
	}
	return problems, rows.Err()
}

// Integrity is what a full check of the database found.
type Integrity struct {
	// Checked is false when the engine checks its own pages (PostgreSQL:
	// data checksums, pg_amcheck) and errata has nothing to add.
	Checked  bool
	Problems []string // empty: sound
}

// CheckIntegrity runs SQLite's full integrity_check: every page, index,
// constraint and the free list. It reads the whole file, so it takes a
// while on a large store; ctx bounds it.
func (s *Store) CheckIntegrity(ctx context.Context) (Integrity, error) {
	if s.d == dialectPostgres {
		return Integrity{}, nil
	}
	problems, err := checkPragma(ctx, s.r, fmt.Sprintf("PRAGMA integrity_check(%d)", maxProblems))
	if isNotADatabase(err) {
		return Integrity{Checked: true, Problems: []string{sqliteMessage(err)}}, nil
	}
	if err != nil {
		return Integrity{}, fmt.Errorf("store: check %s: %w", s.path, err)
	}
	return Integrity{Checked: true, Problems: problems}, nil
}
