package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivertype"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/metrics"
	"github.com/errata/errata/internal/store"
)

// stageQueue labels the queue's own failures in the errors metric.
const stageQueue = "queue"

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
	// batchLockWait is how long a scheduler pass's batch insert may wait
	// for a row lock on PostgreSQL before it gives up (see insertAll).
	batchLockWait = 50 * time.Millisecond
	// DefaultRescueAfter is how long a job may run before River's rescuer
	// takes it for a dead worker's: a minute past the longest any job may
	// run (jobTimeout), so that a live worker's job is never taken. Worker
	// leases (reclaim.go) find a stopped worker's jobs sooner; the rescuer
	// is the fallback for what they cannot see.
	DefaultRescueAfter = jobTimeout + time.Minute
)

// Config tunes a Queue; zero values take the defaults.
type Config struct {
	// Database is the store's database, as the caller opened it: a
	// postgres:// URL (password included) or the SQLite file's path.
	// River keeps its tables there, on connections of its own.
	Database   string
	Tick       time.Duration // scheduler period, at least MinTick
	Workers    int           // jobs run at once (default jobs.DefaultWorkers)
	Grace      time.Duration // in-flight checks' time to finish on Stop
	DepthEvery time.Duration // queue depth sampling period
	Metrics    *metrics.Set  // nil: no metrics
	Logger     *slog.Logger  // River's and the queue's log; nil: the engine's
	// RescueAfter is how long a job may run before River takes it for the
	// job of a dead worker and runs it again elsewhere; it also bounds a
	// job's run time. 0: DefaultRescueAfter.
	RescueAfter time.Duration
	// Deliver sends notifications of new versions as jobs of their own;
	// nil: no notifications.
	Deliver *jobs.Deliverer
	// Place places articles into copies and stories, a job per new
	// version; nil: no stories.
	Place *jobs.Placer
}

// queues are River's queues: checks, polls and deliveries share the
// default one; placements have their own with one worker, so two copies
// recorded at once are placed one after the other and the second finds
// the first.
func (c Config) queues() map[string]river.QueueConfig {
	qs := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: c.Workers}}
	if c.Place != nil {
		qs[placeQueue] = river.QueueConfig{MaxWorkers: 1}
	}
	return qs
}

// jobTimeout cuts a job off no later than it would be rescued, as River
// requires, so a slow job is never run twice at once.
func (c Config) jobTimeout() time.Duration {
	if c.RescueAfter > 0 {
		return min(jobTimeout, c.RescueAfter)
	}
	return jobTimeout
}

func (c Config) withDefaults(e *jobs.Engine) Config {
	if c.Tick <= 0 {
		c.Tick = DefaultTick
	}
	c.Tick = max(c.Tick, MinTick)
	if c.Workers <= 0 {
		c.Workers = jobs.DefaultWorkers
	}
	if c.Grace <= 0 {
		c.Grace = DefaultGrace
	}
	if c.DepthEvery <= 0 {
		c.DepthEvery = DefaultDepthEvery
	}
	if c.RescueAfter <= 0 {
		c.RescueAfter = DefaultRescueAfter
	}
	if c.Logger == nil {
		c.Logger = e.Log
	}
	return c
}

// Queue runs errata's background work on River: a periodic scheduler job
// enqueues one check per due article and one poll per due source, and
// workers run them through the jobs.Engine. River keeps its tables in the
// store's database, on connections of its own: the SQLite file through
// River's SQLite driver, or PostgreSQL through its pgx driver, where any
// number of worker processes share the jobs.
type Queue struct {
	eng    *jobs.Engine
	cfg    Config
	client riverClient
	exec   riverdriver.Executor // River's tables, for reclaiming jobs
	close  func() error         // closes River's connections
	// insertBatch inserts a scheduler pass's jobs in one transaction.
	insertBatch func(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)

	stopDepth context.CancelFunc
	depthDone chan struct{}
	stopTend  context.CancelFunc
	tendDone  chan struct{}
	stopOnce  sync.Once
}

// riverClient is what the queue uses of river.Client, whose type differs
// by driver (*sql.Tx on SQLite, pgx.Tx on PostgreSQL).
type riverClient interface {
	ID() string
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
}

// New opens River's connections on cfg.Database, the database of the
// engine's store, applies River's migrations and builds the client.
// Nothing runs until Start.
func New(ctx context.Context, eng *jobs.Engine, cfg Config) (*Queue, error) {
	cfg = cfg.withDefaults(eng)
	if cfg.Database == "" || store.IsPostgresURL(cfg.Database) != eng.Store.IsPostgres() {
		return nil, fmt.Errorf("queue: the queue's database is not the store's (%s)", eng.Store.Path())
	}
	q := &Queue{eng: eng, cfg: cfg}
	var conn riverConn
	var err error
	if eng.Store.IsPostgres() {
		conn, err = newPostgresClient(ctx, cfg.Database, q.riverConfig(), riverLogger(cfg.Logger))
	} else {
		conn, err = newSQLiteClient(ctx, cfg.Database, q.riverConfig(), riverLogger(cfg.Logger))
	}
	if err != nil {
		return nil, err
	}
	q.client, q.exec, q.close, q.insertBatch = conn.client, conn.exec, conn.close, conn.insertBatch
	return q, nil
}

func (q *Queue) riverConfig() *river.Config {
	workers := river.NewWorkers()
	river.AddWorker(workers, &schedulerWorker{q: q})
	river.AddWorker(workers, &checkWorker{q: q})
	river.AddWorker(workers, &confirmWorker{q: q})
	river.AddWorker(workers, &pollWorker{q: q})
	river.AddWorker(workers, &trainDictsWorker{q: q})
	if q.cfg.Deliver != nil {
		river.AddWorker(workers, &deliverWorker{d: q.cfg.Deliver})
	}
	if q.cfg.Place != nil {
		river.AddWorker(workers, &placeWorker{p: q.cfg.Place})
	}
	return &river.Config{
		// SQLite has no LISTEN/NOTIFY, so River finds work by polling; with
		// its defaults (100 ms between fetches) eight workers could run at
		// most 80 jobs a second whatever the machine.
		FetchCooldown:        fetchCooldown,
		FetchPollInterval:    fetchPollInterval,
		Logger:               riverLogger(q.cfg.Logger),
		Queues:               q.cfg.queues(),
		Workers:              workers,
		JobTimeout:           q.cfg.jobTimeout(),
		RescueStuckJobsAfter: q.cfg.RescueAfter,
		MaxAttempts:          maxAttempts,
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(q.cfg.Tick),
			func() (river.JobArgs, *river.InsertOpts) { return SchedulerArgs{}, nil },
			&river.PeriodicJobOpts{ID: SchedulerArgs{}.Kind(), RunOnStart: true},
		), trainDictsJob()},
	}
}

// Start makes this worker known as alive, reclaims the jobs stopped
// workers left running, and starts fetching and working jobs and sampling
// the queue depth. The context only bounds starting; Stop ends the work.
func (q *Queue) Start(ctx context.Context) error {
	if err := q.keepAlive(ctx); err != nil {
		return err
	}
	q.reclaimAndLog(ctx)
	if err := q.client.Start(context.WithoutCancel(ctx)); err != nil {
		q.forget(ctx)
		return fmt.Errorf("queue: start: %w", err)
	}
	tctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	q.stopTend, q.tendDone = cancel, make(chan struct{})
	go q.tend(tctx)
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
	if q.stopTend != nil {
		q.stopTend()
		<-q.tendDone
	}
	q.forget(ctx)
	cerr := q.close()
	if err != nil {
		return fmt.Errorf("queue: stop: %w", err)
	}
	if cerr != nil {
		return fmt.Errorf("queue: close database: %w", cerr)
	}
	return nil
}

// countError counts a failure of the queue itself.
func (q *Queue) countError() {
	if q.cfg.Metrics != nil {
		q.cfg.Metrics.Errors.WithLabelValues(stageQueue).Inc()
	}
}
