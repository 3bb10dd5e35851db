package queue

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

const (
	// riverSpareConns is how many pool connections River gets beyond one
	// per worker: its notifier holds one for LISTEN, and the producer,
	// leader election and maintenance services use a few more.
	riverSpareConns = 4
	// riverMigrationLockKey is the pg_advisory_xact_lock key held while
	// River's migrations run, so worker processes starting together
	// migrate once. It spells "river" in ASCII (the store's own lock
	// spells "errata").
	riverMigrationLockKey = 0x7269766572
)

// riverConn is a River client on connections of its own, the driver's
// executor for what the client does not offer (reclaim.go), and how to
// close those connections.
type riverConn struct {
	client riverClient
	exec   riverdriver.Executor
	close  func() error
	// insertBatch inserts jobs in one transaction (see Queue.insertAll).
	insertBatch func(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// newSQLiteClient opens the store's file for River as River's SQLite
// driver asks: WAL and a single connection, since SQLite runs one
// operation at a time. Immediate transactions take the write lock up
// front, so River and the store's writer queue on busy_timeout instead of
// failing to upgrade a read.
func newSQLiteClient(ctx context.Context, path string, cfg *river.Config, log *slog.Logger) (riverConn, error) {
	u := "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() +
		"?_pragma=busy_timeout(" + strconv.FormatInt(riverBusyTimeout.Milliseconds(), 10) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", u)
	if err != nil {
		return riverConn{}, fmt.Errorf("queue: open database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	driver := riversqlite.New(db)
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: log})
	if err == nil {
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	}
	if err != nil {
		_ = db.Close()
		return riverConn{}, fmt.Errorf("queue: migrations: %w", err)
	}
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		_ = db.Close()
		return riverConn{}, fmt.Errorf("queue: river client: %w", err)
	}
	// SQLite runs one writer at a time: a batch never waits for a row lock.
	return riverConn{client: client, exec: driver.GetExecutor(), close: db.Close, insertBatch: client.InsertMany}, nil
}

// newPostgresClient opens a pgx pool on the store's PostgreSQL database
// for River's pgx driver, which brings LISTEN/NOTIFY and River's reliable
// unique jobs; every worker process sharing the database shares its jobs.
func newPostgresClient(ctx context.Context, target string, cfg *river.Config, log *slog.Logger) (riverConn, error) {
	pcfg, err := pgxpool.ParseConfig(target)
	if err != nil {
		return riverConn{}, fmt.Errorf("queue: database: %w", err)
	}
	workers := 0
	for _, qc := range cfg.Queues {
		workers += qc.MaxWorkers
	}
	pcfg.MaxConns = int32(workers + riverSpareConns)
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return riverConn{}, fmt.Errorf("queue: database: %w", err)
	}
	closePool := func() error { pool.Close(); return nil }
	driver := riverpgxv5.New(pool)
	if err := migratePostgres(ctx, pool, driver, log); err != nil {
		pool.Close()
		return riverConn{}, err
	}
	client, err := river.NewClient(driver, cfg)
	if err != nil {
		pool.Close()
		return riverConn{}, fmt.Errorf("queue: river client: %w", err)
	}
	insert := func(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
		return insertBatchPostgres(ctx, pool, client, params)
	}
	return riverConn{client: client, exec: driver.GetExecutor(), close: closePool, insertBatch: insert}, nil
}

// migratePostgres applies River's migrations while holding a session
// advisory lock on a connection of its own: a second process starting at
// the same time waits, then finds nothing left to do. (River's files
// cannot share one transaction: one adds an enum value the next uses.)
// insertBatchPostgres inserts jobs in one transaction that waits at most
// batchLockWait for any row lock: a job already pending is found by an
// insert that locks its row, and the batch must not hold one such row for
// long while it waits for another that River's completer holds (see
// Queue.insertAll). It fails instead, and the caller inserts one job at
// a time.
func insertBatchPostgres(ctx context.Context, pool *pgxpool.Pool, client *river.Client[pgx.Tx], params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	tx, err := pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, "SET LOCAL lock_timeout = "+strconv.FormatInt(batchLockWait.Milliseconds(), 10)); err != nil {
		return nil, err
	}
	res, err := client.InsertManyTx(ctx, tx, params)
	if err != nil {
		return nil, err
	}
	return res, tx.Commit(ctx)
}

func migratePostgres(ctx context.Context, pool *pgxpool.Pool, driver *riverpgxv5.Driver, log *slog.Logger) error {
	m, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: log})
	if err != nil {
		return fmt.Errorf("queue: migrations: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("queue: migrations: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(riverMigrationLockKey)); err != nil {
		return fmt.Errorf("queue: migrations: lock: %w", err)
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(riverMigrationLockKey))
	}()
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("queue: migrations: %w", err)
	}
	return nil
}
