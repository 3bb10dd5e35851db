// Command scalebench measures how check throughput scales with worker
// processes on one PostgreSQL database: for each worker count it tracks a
// fresh copy of a simulated newsroom, lets `errata serve --role worker`
// processes check every article once (host interval 0) and reports
// checks per second, CPU seconds per check (the workers' rusage summed)
// and database transactions per check (pg_stat_database). PostgreSQL is
// ERRATA_TEST_POSTGRES or a throwaway local cluster (internal/pgtest).
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/pgtest"
)

// Limits of one run.
const (
	outlets     = 3
	runDeadline = 10 * time.Minute
	pollEvery   = 200 * time.Millisecond
	statsSettle = 1500 * time.Millisecond // pg_stat_database is flushed about each second
)

type result struct {
	workers       int
	checks        int
	seconds       float64
	cpu           time.Duration
	xacts         int64
	startToFinish time.Duration
}

func main() {
	articles := flag.Int("articles", 10000, "articles in the newsroom")
	counts := flag.String("workers", "1,2,4", "worker process counts to measure")
	perProc := flag.Int("jobs", 8, "checks each worker process runs at once")
	flag.Parse()
	if err := run(*articles, *counts, *perProc); err != nil {
		fmt.Fprintln(os.Stderr, "scalebench:", err)
		os.Exit(1)
	}
}

func run(articles int, counts string, perProc int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "scalebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "errata")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/errata").CombinedOutput(); err != nil {
		return fmt.Errorf("build errata (run from the repository root): %v\n%s", err, out)
	}
	srv, err := pgtest.Start(ctx)
	if err != nil {
		return err
	}
	defer srv.Stop()
	fmt.Printf("%d articles, %d outlets, host interval 0, %d checks at once per worker process, %d CPUs\n",
		articles, outlets, perProc, runtime.NumCPU())
	fmt.Printf("%-8s %8s %10s %14s %16s %10s\n", "workers", "checks", "checks/s", "CPU ms/check", "db xacts/check", "wall s")
	for _, f := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("--workers %q: want counts like 1,2,4", counts)
		}
		r, err := measure(ctx, srv, bin, articles, n, perProc)
		if err != nil {
			return err
		}
		fmt.Printf("%-8d %8d %10.1f %14.2f %16.1f %10.1f\n", r.workers, r.checks, float64(r.checks)/r.seconds,
			float64(r.cpu.Microseconds())/1000/float64(r.checks), float64(r.xacts)/float64(r.checks), r.startToFinish.Seconds())
	}
	return nil
}

// measure tracks a fresh newsroom in a fresh database and runs n workers
// until every article has been checked once.
func measure(ctx context.Context, srv *pgtest.Server, bin string, articles, n, perProc int) (result, error) {
	r := result{workers: n}
	perOutlet := (articles + outlets - 1) / outlets
	nr := newsroom.New(newsroom.Config{Seed: 1, Outlets: outlets, ArticlesPerOutlet: perOutlet})
	if err := nr.Start(); err != nil {
		return r, err
	}
	defer nr.Close()
	url, drop, err := srv.NewDatabase(ctx)
	if err != nil {
		return r, err
	}
	defer drop()
	for _, o := range nr.Outlets() {
		if out, err := exec.Command(bin, "add", o.SitemapIndexURL, "--db", url, "--allow-private", "--host-interval", "0").CombinedOutput(); err != nil {
			return r, fmt.Errorf("add %s: %v: %s", o.SitemapIndexURL, err, out)
		}
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return r, err
	}
	defer db.Close()
	xacts0, err := xactCount(ctx, db)
	if err != nil {
		return r, err
	}
	start := time.Now()
	procs, err := startWorkers(bin, url, n, perProc)
	if err != nil {
		return r, err
	}
	waitErr := waitChecked(ctx, db, perOutlet*outlets, start)
	r.cpu = stopWorkers(procs)
	r.startToFinish = time.Since(start)
	if waitErr != nil {
		return r, waitErr
	}
	time.Sleep(statsSettle)
	xacts1, err := xactCount(ctx, db)
	if err != nil {
		return r, err
	}
	r.xacts = xacts1 - xacts0
	err = db.QueryRowContext(ctx, `SELECT count(*), (max(at) - min(at)) / 1e9 FROM checks`).Scan(&r.checks, &r.seconds)
	if r.seconds <= 0 {
		r.seconds = r.startToFinish.Seconds()
	}
	return r, err
}

func startWorkers(bin, url string, n, perProc int) ([]*exec.Cmd, error) {
	var procs []*exec.Cmd
	for range n {
		cmd := exec.Command(bin, "serve", "--role", "worker", "--db", url, "--allow-private",
			"--host-interval", "0", "--tick", "1s", "--workers", strconv.Itoa(perProc))
		cmd.Env = append(os.Environ(), "ERRATA_DB=", "ERRATA_ROLE=")
		if err := cmd.Start(); err != nil {
			stopWorkers(procs)
			return nil, err
		}
		procs = append(procs, cmd)
	}
	return procs, nil
}

// stopWorkers stops the processes and returns the CPU time they used.
func stopWorkers(procs []*exec.Cmd) time.Duration {
	var cpu time.Duration
	for _, p := range procs {
		_ = p.Process.Signal(syscall.SIGTERM)
	}
	for _, p := range procs {
		_ = p.Wait()
		if ru, ok := p.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return cpu
}

// waitChecked waits until every discovered article has a check and at
// least want articles exist.
func waitChecked(ctx context.Context, db *sql.DB, want int, start time.Time) error {
	for time.Since(start) < runDeadline {
		var total, unchecked int
		err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE last_checked = 0) FROM articles`).Scan(&total, &unchecked)
		if err != nil {
			return err
		}
		if total >= want && unchecked == 0 {
			return nil
		}
		time.Sleep(pollEvery)
	}
	return errors.New("articles not all checked within the deadline")
}

// xactCount is the database's committed and rolled-back transactions so
// far: every statement outside a transaction counts as one.
func xactCount(ctx context.Context, db *sql.DB) (int64, error) {
	if _, err := db.ExecContext(ctx, `SELECT pg_stat_clear_snapshot()`); err != nil {
		return 0, err
	}
	var n int64
	err := db.QueryRowContext(ctx, `SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()`).Scan(&n)
	return n, err
}
