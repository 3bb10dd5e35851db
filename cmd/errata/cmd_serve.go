package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/metrics"
	"github.com/errata/errata/internal/queue"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/web"
)

// Serving defaults and HTTP limits.
const (
	defaultAddr       = "127.0.0.1:8080"
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	// shutdownTimeout bounds how long open HTTP requests may take to finish
	// once a stop signal arrived.
	shutdownTimeout = 10 * time.Second
)

// Roles of a serve process.
const (
	roleAll    = "all"
	roleWeb    = "web"
	roleWorker = "worker"
)

var serveCmd = &command{
	name:    "serve",
	args:    "[--addr ADDR] [--role all|web|worker] [--admin-token T] [--metrics-addr ADDR]",
	summary: "serve the web UI and API and check articles in the background",
	help: `Runs until interrupted (Ctrl-C, SIGTERM). Role "web" serves the pages, feeds,
JSON API, /healthz and /metrics; role "worker" polls sources and checks articles
on their schedule through the job queue kept in the database; "all" does both.
The admin pages (/admin: adding sources and outlet rules; /admin/sources:
pausing, resuming and removing sources) and the API's write endpoints are
enabled only with --admin-token.
Behind a reverse proxy, --base-url gives the public address feeds link to.
A worker given --metrics-addr serves /healthz and /metrics there.
Every flag can also be set in the config file (--config) or the environment
(ERRATA_ADDR, ERRATA_ROLE, ERRATA_ADMIN_TOKEN, ERRATA_BASE_URL,
ERRATA_METRICS_ADDR...); flags win. 'errata config' shows what is in force.`,
	example: "errata serve --addr 127.0.0.1:8080 --role all --admin-token s3cret",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.addr, "addr", defaultAddr, "address to listen on (env ERRATA_ADDR)")
		fs.StringVar(&e.role, "role", roleAll, "all, web (HTTP only) or worker (background checks only) (env ERRATA_ROLE)")
		// The token is read from the environment after parsing (env
		// below), not taken as the default here, so help never prints it.
		fs.StringVar(&e.adminToken, "admin-token", "", "token for the admin page; empty disables it (env ERRATA_ADMIN_TOKEN)")
		fs.StringVar(&e.baseURL, "base-url", "", "public URL of the site (e.g. https://errata.example/), for the links in feeds; empty: the address a request came in on (env ERRATA_BASE_URL)")
		fs.IntVar(&e.workers, "workers", jobs.DefaultWorkers, "checks a worker process runs at once")
		durationVar(fs, &e.tick, "tick", queue.DefaultTick, "how often the scheduler looks for due work (at least 1s)")
		durationVar(fs, &e.rescue, "rescue-after", queue.DefaultRescueAfter, "run a job again once it has run this long, as a dead worker's (a stopped worker's jobs are reclaimed sooner, once its lease runs out); it also bounds a job's run time")
		durationVar(fs, &e.hostLease, "host-lease", store.DefaultHostLease, "on PostgreSQL, how long one request may hold its host against other processes; a killed worker's host waits this long")
		fs.StringVar(&e.metricsAddr, "metrics-addr", "", "address to serve /healthz and /metrics on besides --addr, e.g. for a worker, which serves no pages; empty: none (env ERRATA_METRICS_ADDR)")
		durationVar(fs, &e.checkEvery, "check-every", 0, "re-check every article and poll every source this often whatever its age (tests, benchmarks); 0: the normal schedule")
		renderFlags(fs, e)
	},
	run: runServe,
}

// services is what one serve or demo process runs.
type services struct {
	web, worker bool
	ln          net.Listener // bound before any other work; nil unless web
	opsLn       net.Listener // /healthz and /metrics alone (--metrics-addr); may be nil
	adminToken  string
	baseURL     string
	logKey      string // the log's signing key file; empty: no checkpoints
	queue       queue.Config
	log         *slog.Logger
	// ready is told the address actually listened on (port 0 resolved).
	ready func(addr string)
}

func runServe(ctx context.Context, e *env, _ []string) error {
	if err := web.CheckBaseURL(e.baseURL); err != nil {
		return usageError{e.option("base-url") + ": " + err.Error()}
	}
	svc := services{adminToken: e.adminToken, baseURL: e.baseURL, log: e.serveLogger(), logKey: e.logKeyPath(),
		queue: queue.Config{Database: e.database(), Workers: e.workers, Tick: e.tick, RescueAfter: e.rescue}}
	if e.workers < 1 || e.rescue < 0 || e.checkEvery < 0 || e.hostLease < 0 {
		return usageError{"--workers wants at least 1; --rescue-after, --check-every and --host-lease no negative duration"}
	}
	switch e.role {
	case roleAll:
		svc.web, svc.worker = true, true
	case roleWeb:
		svc.web = true
	case roleWorker:
		svc.worker = true
	default:
		return usageError{fmt.Sprintf("%s %q: want all, web or worker", e.option("role"), e.role)}
	}
	if svc.web {
		ln, err := e.listen("addr", e.addr)
		if err != nil {
			return err
		}
		defer ln.Close()
		svc.ln = ln
	}
	if e.metricsAddr != "" {
		ln, err := e.listen("metrics-addr", e.metricsAddr)
		if err != nil {
			return err
		}
		defer ln.Close()
		svc.opsLn = ln
	}
	svc.ready = func(addr string) { svc.log.Info("listening", "url", "http://"+addr+"/") }
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	eng.Log = svc.log
	svc.queue.Deliver = e.deliverer(eng, st)
	if e.checkEvery > 0 {
		eng.Policy = everyPolicy(eng.Policy, e.checkEvery)
	}
	return svc.run(ctx, eng, st)
}

// everyPolicy re-checks every article and polls every source each d,
// keeping the ages and the stop rule, so tests and benchmarks see revisions
// within seconds.
func everyPolicy(p schedule.Policy, d time.Duration) schedule.Policy {
	q := p
	q.Tiers = slices.Clone(p.Tiers)
	for i := range q.Tiers {
		q.Tiers[i].Every = d
	}
	q.PollEvery, q.ErrorBase, q.ErrorMax = d, d, d
	return q
}

// serveLogger logs one line per event to stderr, as text or JSON
// (--log-format), from --log-level up, or everything with -v.
func (e *env) serveLogger() *slog.Logger {
	return e.newLogger(e.logLevel())
}

// run starts the worker and the web server, waits for ctx to end and then
// stops both: the server stops taking requests, the queue lets running
// checks finish within its grace period.
func (s services) run(ctx context.Context, eng *jobs.Engine, st *store.Store) error {
	m := metrics.New()
	eng.Metrics = m
	s.queue.Metrics, s.queue.Logger = m, s.log
	var q *queue.Queue
	if s.worker {
		if s.queue.Place == nil {
			s.queue.Place = jobs.NewPlacer(st, s.log)
		}
		var err error
		if q, err = queue.New(ctx, eng, s.queue); err != nil {
			return err
		}
		eng.OnVersion = q.Recorded
		eng.OnEvent = q.EnqueueEventDeliveries
		if err := q.Start(ctx); err != nil {
			_ = q.Stop(context.WithoutCancel(ctx))
			return err
		}
		s.log.Info("worker started", "workers", s.queue.Workers, "tick", s.queue.Tick)
	}
	errc := make(chan error, 2)
	var srvs []*http.Server
	if s.web {
		srv, err := s.listen(eng, st, m, errc)
		if err != nil {
			if q != nil {
				_ = q.Stop(context.WithoutCancel(ctx))
			}
			return err
		}
		srvs = append(srvs, srv)
	}
	if s.opsLn != nil {
		srvs = append(srvs, s.serveOps(st, m, errc))
	}
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	s.log.Info("stopping")
	return errors.Join(serveErr, s.shutdown(context.WithoutCancel(ctx), srvs, q))
}

func (s services) shutdown(ctx context.Context, srvs []*http.Server, q *queue.Queue) error {
	var errs []error
	for _, srv := range srvs {
		sctx, cancel := context.WithTimeout(ctx, shutdownTimeout)
		if err := srv.Shutdown(sctx); err != nil {
			errs = append(errs, fmt.Errorf("web server shutdown: %w", err))
		}
		cancel()
	}
	if q != nil {
		errs = append(errs, q.Stop(ctx))
	}
	s.log.Info("stopped")
	return errors.Join(errs...)
}

// listen serves the web UI on the listener bound at the start; a failure
// of the server goes to errc.
func (s services) listen(eng *jobs.Engine, st *store.Store, m *metrics.Set, errc chan<- error) (*http.Server, error) {
	cfg := web.Config{
		Store: st, Policy: eng.Policy, Metrics: m, AdminToken: s.adminToken, BaseURL: s.baseURL,
		Add: addFunc(eng), Logger: s.log, Now: eng.Now,
	}
	if s.logKey != "" {
		signer, err := logSigner(context.Background(), s.logKey, st)
		if err != nil {
			return nil, err
		}
		cfg.Log = signer
	}
	if s.queue.Deliver != nil {
		cfg.Notify = s.queue.Deliver.Send
	}
	ws, err := web.New(cfg)
	if err != nil {
		return nil, err
	}
	srv := s.serve(s.ln, ws.Handler(), "web server", errc)
	if s.ready != nil {
		s.ready(s.ln.Addr().String())
	}
	return srv, nil
}

// serveOps serves /healthz and /metrics on the --metrics-addr listener.
func (s services) serveOps(st *store.Store, m *metrics.Set, errc chan<- error) *http.Server {
	srv := s.serve(s.opsLn, web.OpsHandler(st, m, s.log), "metrics server", errc)
	s.log.Info("serving /healthz and /metrics", "url", "http://"+s.opsLn.Addr().String()+"/metrics")
	return srv
}

// serve runs an HTTP server with errata's limits on ln; a failure goes to
// errc, named what.
func (s services) serve(ln net.Listener, h http.Handler, what string, errc chan<- error) *http.Server {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("%s: %w", what, err)
		}
	}()
	return srv
}

// addFunc lets the admin page add a source as `errata add` does.
func addFunc(eng *jobs.Engine) func(ctx context.Context, url, outlet string) (string, error) {
	return func(ctx context.Context, url, outlet string) (string, error) {
		res, err := eng.AddURL(ctx, url, outlet)
		if err != nil {
			return "", err
		}
		lines := addReport(res)
		for _, sk := range res.Skipped {
			lines = append(lines, fmt.Sprintf("skipped %s: %s", sk.URL, sk.Reason))
		}
		return strings.Join(lines, "\n"), nil
	}
}
