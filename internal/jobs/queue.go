package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/errata/errata/internal/metrics"
)

// Queue defaults and limits.
const (
	// DefaultTick is how often the scheduler looks for due articles and
	// sources. Checks are planned minutes apart, so a coarser tick only
	// delays a check by up to one tick.
	DefaultTick = 30 * time.Second
	// MinTick is River's floor for periodic jobs.
	MinTick = time.Second
	// DefaultGrace is how long Stop lets in-flight checks finish before
	// cancelling them.
	DefaultGrace = 10 * time.Second
	// DefaultDepthEvery is how often the queue depth gauge is sampled.
	DefaultDepthEvery = 5 * time.Second
	// jobTimeout bounds one job; a check waits for its host's politeness
	// slot, so this is far above one fetch's own timeout.
	jobTimeout = 5 * time.Minute
	// riverBusyTimeout is how long River's connection waits for the store's
	// writer to release the SQLite write lock.
	riverBusyTimeout = 10 * time.Second
	// cancelWait bounds the wait for cancelled jobs to hand back their
	// results after the grace period.
	cancelWait = 5 * time.Second
	// fetchCooldown and fetchPollInterval pace River's polling for
	// available jobs (see riverConfig).
	fetchCooldown     = 10 * time.Millisecond
	fetchPollInterval = 200 * time.Millisecond
	// maxAttempts bounds retries of a job whose check could not be recorded.
	maxAttempts = 10
)

// QueueConfig tunes a Queue; zero values take the defaults.
type QueueConfig struct {
	Tick       time.Duration // scheduler period, at least MinTick
	Workers    int           // jobs run at once (default DefaultWorkers)
	Grace      time.Duration // in-flight checks' time to finish on Stop
	DepthEvery time.Duration // queue depth sampling period
	Metrics    *metrics.Set  // nil: no metrics
	Logger     *slog.Logger  // River's and the queue's log; nil: the engine's
}

func (c QueueConfig) withDefaults(e *Engine) QueueConfig {
	if c.Tick <= 0 {
		c.Tick = DefaultTick
	}
	c.Tick = max(c.Tick, MinTick)
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.DepthEvery <= 0 {
		c.DepthEvery = DefaultDepthEvery
	}
	if c.Logger == nil {
		c.Logger = e.Log
	}
	return c
}

// Queue runs errata's background work on River: a periodic scheduler job
// enqueues one check per due article and one poll per due source, and
// workers run them through the Engine. River keeps its tables in the
// store's SQLite file, on a connection of its own.
type Queue struct {
	eng    *Engine
	cfg    QueueConfig
	db     *sql.DB
	client *river.Client[*sql.Tx]

	stopDepth context.CancelFunc
	depthDone chan struct{}
	stopOnce  sync.Once
}

// NewQueue opens River's connection on the engine's store file, applies
// River's migrations and builds the client. Nothing runs until Start.
func NewQueue(ctx context.Context, eng *Engine, cfg QueueConfig) (*Queue, error) {
	cfg = cfg.withDefaults(eng)
	db, err := openRiverDB(eng.Store.Path())
	if err != nil {
		return nil, err
	}
	q := &Queue{eng: eng, cfg: cfg, db: db}
	if err := q.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	q.client, err = river.NewClient(riversqlite.New(db), q.riverConfig())
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("jobs: river client: %w", err)
	}
	return q, nil
}

// openRiverDB opens the store's file for River as River's SQLite driver
// asks: WAL and a single connection, since SQLite runs one operation at a
// time. Immediate transactions take the write lock up front, so River and
// the store's writer queue on busy_timeout instead of failing to upgrade
// a read.
func openRiverDB(path string) (*sql.DB, error) {
	u := "file:" + (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath() +
		"?_pragma=busy_timeout(" + strconv.FormatInt(riverBusyTimeout.Milliseconds(), 10) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", u)
	if err != nil {
		return nil, fmt.Errorf("jobs: open queue database %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func (q *Queue) migrate(ctx context.Context) error {
	m, err := rivermigrate.New(riversqlite.New(q.db), &rivermigrate.Config{Logger: q.cfg.Logger})
	if err != nil {
		return fmt.Errorf("jobs: queue migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: queue migrations: %w", err)
	}
	return nil
}

func (q *Queue) riverConfig() *river.Config {
	workers := river.NewWorkers()
	river.AddWorker(workers, &schedulerWorker{q: q})
	river.AddWorker(workers, &checkWorker{q: q})
	river.AddWorker(workers, &pollWorker{q: q})
	return &river.Config{
		// SQLite has no LISTEN/NOTIFY, so River finds work by polling; with
		// its defaults (100 ms between fetches) eight workers could run at
		// most 80 jobs a second whatever the machine.
		FetchCooldown:     fetchCooldown,
		FetchPollInterval: fetchPollInterval,
		Logger:            q.cfg.Logger,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: q.cfg.Workers}},
		Workers:           workers,
		JobTimeout:        jobTimeout,
		MaxAttempts:       maxAttempts,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(q.cfg.Tick),
			func() (river.JobArgs, *river.InsertOpts) { return SchedulerArgs{}, nil },
			&river.PeriodicJobOpts{ID: SchedulerArgs{}.Kind(), RunOnStart: true},
		)},
	}
}

// Start starts fetching and working jobs, and sampling the queue depth.
// The context only bounds starting; Stop ends the work.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start queue: %w", err)
	}
	if q.cfg.Metrics != nil {
		// The first sample is taken now, so /metrics shows the gauge from
		// the start.
		q.sampleDepthOnce(ctx)
		dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		q.stopDepth, q.depthDone = cancel, make(chan struct{})
		go q.sampleDepth(dctx)
	}
	return nil
}

// Stop stops fetching new jobs and lets running ones finish within the
// grace period; then it cancels them. A cancelled check records nothing
// (Store.Record is one transaction) and its job is retried after a
// restart. Stop closes River's connection; the store stays open.
func (q *Queue) Stop(ctx context.Context) error {
	var err error
	q.stopOnce.Do(func() { err = q.stop(ctx) })
	return err
}

func (q *Queue) stop(ctx context.Context) error {
	if q.stopDepth != nil {
		q.stopDepth()
		<-q.depthDone
	}
	gctx, cancel := context.WithTimeout(ctx, q.cfg.Grace)
	err := q.client.Stop(gctx)
	cancel()
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		q.cfg.Logger.Warn("grace period over; cancelling running jobs", "grace", q.cfg.Grace)
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cancelWait)
		err = q.client.StopAndCancel(cctx)
		cancel()
	}
	cerr := q.db.Close()
	if err != nil {
		return fmt.Errorf("jobs: stop queue: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("jobs: close queue database: %w", cerr)
	}
	return nil
}
