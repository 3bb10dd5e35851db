package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/queue"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// Demo pacing: the newsroom revises something every step, young articles
// are re-checked every demoCheckEvery, and the scheduler looks for due
// work every demoTick.
const (
	defaultDemoStep    = 8 * time.Second
	minDemoStep        = time.Second
	demoCheckEvery     = 3 * time.Second
	demoTick           = time.Second
	demoHostInterval   = 100 * time.Millisecond
	demoGrace          = 3 * time.Second
	demoDataDirPattern = "errata-demo-"
)

var demoCmd = &command{
	name:    "demo",
	args:    "[--addr ADDR] [--step D]",
	summary: "watch a simulated newsroom revise its articles (start here)",
	help: `Starts a simulated newsroom of three outlets on loopback, tracks their feeds
on a fast schedule and serves errata's web UI, so revisions appear while you
watch; nothing leaves this machine. The data lives in a temporary directory
removed at exit, unless --data is given: a kept directory also remembers its
newsroom (demo.json), so a later demo on it serves the same articles at the
same addresses. Ctrl-C stops it.`,
	example: "errata demo --addr 127.0.0.1:8080",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.addr, "addr", defaultAddr, "address to serve the UI on; port 0 picks a free port")
		durationVar(fs, &e.step, "step", defaultDemoStep, "time between two newsroom revisions")
		renderFlags(fs, e)
		// The demo's data is temporary unless --data is given: an empty
		// default tells the two apart.
		if f := fs.Lookup("data"); f != nil {
			f.DefValue, e.data = "", ""
		}
	},
	run: runDemo,
}

func runDemo(ctx context.Context, e *env, _ []string) error {
	if e.step < minDemoStep {
		return usageError{fmt.Sprintf("--step %s: want at least %s", e.step, minDemoStep)}
	}
	if e.db != "" {
		return usageError{e.option("db") + ": the demo keeps its data in SQLite; use --data instead"}
	}
	ln, err := e.listen("addr", e.addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	data, cleanup, err := demoDataDir(e.data)
	if err != nil {
		return err
	}
	defer cleanup()
	log := e.demoLogger()
	nr, state, err := demoNewsroom(data, e.step)
	if err != nil {
		return err
	}
	defer nr.Close()
	if err := state.save(data); err != nil {
		return err
	}
	db := filepath.Join(data, "errata.db")
	st, err := store.OpenOptions(ctx, db, store.Options{QuickCheck: true})
	if err != nil {
		return err
	}
	defer st.Close()
	eng := demoEngine(st, log, e.policy())
	eng.Render = e.rendererFor(eng.Fetch)
	if err := trackNewsroom(ctx, eng, nr); err != nil {
		return err
	}
	go advance(ctx, nr, e.step, func() {
		if ctx.Err() != nil {
			return // stopping: the directory may be on its way out
		}
		state.Step = nr.Step()
		if err := state.save(data); err != nil {
			log.Warn("demo state not saved", "err", err)
		}
	})
	svc := services{
		web: true, worker: true, ln: ln, log: log, logKey: filepath.Join(data, logKeyFile),
		queue: queue.Config{Database: db, Tick: demoTick, Grace: demoGrace},
		ready: func(addr string) {
			fmt.Fprintf(e.stdout, "errata demo: open http://%s/ — the simulated newsroom revises an article every %s; Ctrl-C to stop\n", addr, e.step)
		},
	}
	return svc.run(ctx, eng, st)
}

// demoDataDir returns the data directory to use and what to do at exit: a
// fresh temporary directory, removed at exit, unless one was given.
func demoDataDir(given string) (string, func(), error) {
	if given != "" {
		if err := os.MkdirAll(given, 0o755); err != nil {
			return "", nil, fmt.Errorf("data directory: %w", err)
		}
		return given, func() {}, nil
	}
	dir, err := os.MkdirTemp("", demoDataDirPattern)
	if err != nil {
		return "", nil, fmt.Errorf("demo data directory: %w", err)
	}
	return dir, func() { os.RemoveAll(dir) }, nil
}

// demoLogger keeps the terminal for the one line that matters: warnings
// only, or everything with -v.
func (e *env) demoLogger() *slog.Logger {
	level := max(e.logLevel(), slog.LevelWarn)
	if e.verbose {
		level = slog.LevelDebug
	}
	return e.newLogger(level)
}

// demoEngine fetches from loopback, here only, at a short host interval,
// on the demo's fast schedule made from the policy in force.
func demoEngine(st *store.Store, log *slog.Logger, p schedule.Policy) *jobs.Engine {
	fc := fetch.New(fetch.Config{HostInterval: demoHostInterval, AllowPrivate: true})
	eng := jobs.NewEngine(st, fc, log)
	eng.Policy = demoPolicy(p)
	return eng
}

// demoPolicy speeds the schedule p up so that young articles are
// re-checked every demoCheckEvery. Only the intervals are scaled: the
// newsroom's articles really are minutes to hours old, so the ages that
// make an article young, and the stop rule, keep their true length.
func demoPolicy(p schedule.Policy) schedule.Policy {
	q := p.Scaled(float64(p.Tiers[0].Every) / float64(demoCheckEvery))
	for i := range q.Tiers {
		q.Tiers[i].MaxAge = p.Tiers[i].MaxAge
	}
	q.StopAfter = p.StopAfter
	return q
}

func trackNewsroom(ctx context.Context, eng *jobs.Engine, nr *newsroom.Newsroom) error {
	for _, o := range nr.Outlets() {
		if _, err := eng.AddURL(ctx, o.FeedURL, o.Name); err != nil {
			return fmt.Errorf("demo: track %s: %w", o.Name, err)
		}
	}
	return nil
}

// advance moves the newsroom one step every interval until ctx ends,
// calling stepped after each step.
func advance(ctx context.Context, nr *newsroom.Newsroom, every time.Duration, stepped func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			nr.Advance()
			stepped()
		}
	}
}
