package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

const (
	// DefaultBusyTimeout is how long a writer waits for another process's
	// write lock before giving up with ErrBusy.
	DefaultBusyTimeout = 10 * time.Second
	// DefaultReaders is the size of the read pool; WAL lets readers run
	// beside the single writer.
	DefaultReaders = 4
	driverName     = "sqlite"
)

// Options tune Open; the zero value means the defaults.
type Options struct {
	BusyTimeout time.Duration // default DefaultBusyTimeout
	Readers     int           // default DefaultReaders
	// QuickCheck runs SQLite's quick_check before opening the file (see
	// quickCheck), for commands that write: a damaged database is then
	// refused with ErrCorrupt instead of written into. PostgreSQL checks
	// its own pages; the option does nothing there.
	QuickCheck bool
	// MapReads lets SQLite's readers map the file into memory and read
	// pages from the mapping instead of a read call a page (mmap_size,
	// up to MapReadsSize): a scan of the whole store, such as an export,
	// spent a fifth of its CPU in those calls. SQLite's own caveat holds:
	// an I/O error on the mapped file ends the process with a signal
	// rather than returning an error. Only read-only commands ask for
	// it, which lose nothing that way. PostgreSQL ignores it.
	MapReads bool
	// schema, when set, stops migrating after that version: tests build a
	// database as an older errata left it and then open it normally.
	schema int
}

func (o Options) withDefaults() Options {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.Readers <= 0 {
		o.Readers = DefaultReaders
	}
	return o
}

// Store is errata's database, SQLite or PostgreSQL. It is safe for
// concurrent use. On SQLite, writes go through one connection so
// transactions in this process queue in Go rather than fight over SQLite's
// lock, and reads use a separate pool; on PostgreSQL both are one pool.
type Store struct {
	path string // file path, or the URL without its password
	d    dialect
	w    *sql.DB // the one writer (SQLite) or the pool (PostgreSQL)
	r    *sql.DB // read pool, query_only (SQLite) or the pool (PostgreSQL)
	wc   *stmtCache
	rc   *stmtCache
	// prelog: opened at a schema before the log's (tests only).
	prelog bool
	dicts  dictCache
	modes  fetchModes // see OutletFetchMode
	// gc group-commits checks that record no version (commit.go); it
	// starts with the first such check. closed stops it starting after
	// Close.
	gcMu   sync.Mutex
	gc     *committer
	closed bool
}

// OpenURL opens a PostgreSQL database when target is a postgres:// or
// postgresql:// URL, and a SQLite file at path target otherwise, applying
// pending migrations either way.
func OpenURL(ctx context.Context, target string) (*Store, error) {
	if IsPostgresURL(target) {
		return openPostgres(ctx, target, Options{})
	}
	return Open(ctx, target)
}

// Open opens (creating if missing) the errata database at path and applies
// pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenOptions(ctx, path, Options{})
}

// OpenOptions is Open with explicit options.
func OpenOptions(ctx context.Context, path string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s, err := openSQLite(ctx, abs, opts.withDefaults())
	if err != nil {
		if aerr := accessError(abs, err); aerr != nil {
			return nil, aerr
		}
		return nil, err
	}
	return s, nil
}

func openSQLite(ctx context.Context, abs string, opts Options) (*Store, error) {
	// Refuse foreign files before SQLite touches them: switching to WAL or
	// migrating would write into someone else's file.
	if err := probeFile(ctx, abs); err != nil {
		return nil, err
	}
	if opts.QuickCheck {
		if err := quickCheck(ctx, abs, quickCheckMaxBytes); err != nil {
			return nil, err
		}
	}
	var err error
	s := &Store{path: abs, d: dialectSQLite}
	s.w, err = sql.Open(driverName, writerDSN(abs, opts))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	s.w.SetMaxOpenConns(1)
	s.prelog = opts.schema > 0 && opts.schema < logMigration
	if err := s.migrate(ctx, opts.schema); err != nil {
		_ = s.w.Close()
		return nil, err
	}
	s.r, err = sql.Open(driverName, readerDSN(abs, opts))
	if err != nil {
		_ = s.w.Close()
		return nil, fmt.Errorf("store: open %s: %w", abs, err)
	}
	s.r.SetMaxOpenConns(opts.Readers)
	// Idle readers are kept, every one of them: database/sql keeps two by
	// default, and under load the others were closed after each query and
	// opened again, their page caches and prepared statements lost.
	s.r.SetMaxIdleConns(opts.Readers)
	s.wc, s.rc = newStmtCache(s.w, s.d), newStmtCache(s.r, s.d)
	s.wc.prepare(ctx, writeQueries)
	return s, nil
}

// Path returns the absolute path of the database file, or the PostgreSQL
// URL without its password.
func (s *Store) Path() string { return s.path }

// committer returns the store's group committer, starting it on first
// use; nil once the store is closed.
func (s *Store) committer() *committer {
	s.gcMu.Lock()
	defer s.gcMu.Unlock()
	if s.gc == nil && !s.closed {
		s.gc = newCommitter(s)
	}
	return s.gc
}

// Close writes the checks still queued for a group commit, then closes
// both pools.
func (s *Store) Close() error {
	s.gcMu.Lock()
	gc := s.gc
	s.closed = true
	s.gcMu.Unlock()
	if gc != nil {
		gc.close()
	}
	s.wc.close()
	s.rc.close()
	werr := s.w.Close()
	var rerr error
	if s.r != s.w {
		rerr = s.r.Close()
	}
	if werr != nil {
		return fmt.Errorf("store: close: %w", werr)
	}
	if rerr != nil {
		return fmt.Errorf("store: close: %w", rerr)
	}
	return nil
}

func fileURI(path string) string {
	// Escaping keeps '?', '#' and '%' in a path from being read as URI syntax.
	return "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()
}

func busyMillis(d time.Duration) string {
	return strconv.FormatInt(d.Milliseconds(), 10)
}

// writerDSN adds recursive_triggers so that INSERT OR REPLACE, which
// deletes the old row silently otherwise, also meets the append-only
// delete triggers, keeps statement journals in memory and gives the
// writer a 64 MB page cache, which batches of appends to big stores use.
func writerDSN(path string, o Options) string {
	return fileURI(path) + "?_pragma=busy_timeout(" + busyMillis(o.BusyTimeout) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)" +
		"&_pragma=recursive_triggers(1)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-65536)&_txlock=immediate"
}

// readerDSN leaves out journal_mode (set once by the writer; it is a
// property of the file) and makes the pool unable to write by mistake.
// Each reader keeps a page cache of its own, 32 MB rather than SQLite's
// 2 MB: with several readers taking turns at every kind of page, the
// small caches kept missing, and each miss is a read from the file.
func readerDSN(path string, o Options) string {
	dsn := fileURI(path) + "?_pragma=busy_timeout(" + busyMillis(o.BusyTimeout) + ")" +
		"&_pragma=foreign_keys(1)&_pragma=query_only(1)&_pragma=cache_size(-32768)"
	if o.MapReads {
		dsn += "&_pragma=mmap_size(" + strconv.FormatInt(MapReadsSize, 10) + ")"
	}
	return dsn
}

// MapReadsSize is how much of the file Options.MapReads asks SQLite to
// map; SQLite maps at most its compiled-in limit (2 GB here) and reads
// the rest of a larger file as usual.
const MapReadsSize = 64 << 30
