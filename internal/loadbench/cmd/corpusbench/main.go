// Command corpusbench measures errata on stores the size of the NewsEdits
// corpus: for each size it seeds a store in bulk (or reuses one seeded
// before), serves the web UI and API from it in a child process on
// loopback, measures the server's CPU per request of each page and API
// call alone, then drives a mix of all of them at a fixed rate and prints
// latency percentiles, side by side for every size. Traffic goes only to
// the child it starts, bounded by the rates and durations given.
//
//	go run ./internal/loadbench/cmd/corpusbench --data /var/tmp/corpus --sizes 100000,4600000
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/loadbench"
	"github.com/errata/errata/internal/pgtest"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/web"
)

type options struct {
	data          string
	sizes         []int
	captures      float64
	rate          int
	duration      time.Duration
	routeRequests int
	routeTime     time.Duration
	postgres      bool
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "-serve-child" {
		if err := serveChild(os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "corpusbench child:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	sizes := flag.String("sizes", "100000,4600000", "store sizes to compare, in versions (NewsEdits: 4600000)")
	flag.StringVar(&o.data, "data", "", "directory keeping the seeded SQLite stores for reuse (default: a temporary one)")
	flag.Float64Var(&o.captures, "captures", 0.1, "share of versions stored with a captured page")
	flag.IntVar(&o.rate, "rate", 500, "requests per second of the mixed run")
	flag.DurationVar(&o.duration, "duration", 30*time.Second, "length of the mixed run")
	flag.IntVar(&o.routeRequests, "route-requests", 200, "requests sent one after another to measure each route alone")
	flag.DurationVar(&o.routeTime, "route-time", 20*time.Second, "longest each route is measured alone")
	flag.BoolVar(&o.postgres, "postgres", false, "seed PostgreSQL databases instead of SQLite files: on the server ERRATA_TEST_POSTGRES names, kept there for reuse, or on a throwaway local cluster")
	flag.Parse()
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 2 {
			fmt.Fprintf(os.Stderr, "corpusbench: --sizes %q: want version counts like 100000,4600000\n", *sizes)
			os.Exit(2)
		}
		o.sizes = append(o.sizes, n)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "corpusbench:", err)
		os.Exit(1)
	}
}

// sizeResult is what one store size measured.
type sizeResult struct {
	versions, articles int
	seeded             time.Duration // 0 when reused
	bytes              int64         // store size on disk (SQLite) or in the database (PostgreSQL)
	cpu                map[string]time.Duration
	alone              map[string]alone
	mixed              map[string]loadbench.Result
	total              loadbench.Result
	// CPU over the mixed run: the server's, the load generator's (this
	// process) and PostgreSQL's (--postgres), and the wall time it took.
	mixedCPU, clientCPU, mixedDBCPU, mixedWall time.Duration
	peakRSS                                    int64
}

func run(ctx context.Context, o options) error {
	if o.data == "" {
		dir, err := os.MkdirTemp("", "errata-corpusbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.data = dir
	}
	var pg *pgtest.Server
	if o.postgres {
		var err error
		if pg, err = pgtest.Start(ctx); err != nil {
			return err
		}
		defer pg.Stop()
	}
	var results []sizeResult
	for _, n := range o.sizes {
		target, err := storeTarget(ctx, o, pg, n)
		if err != nil {
			return err
		}
		res, err := measure(ctx, o, target, n)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	report(os.Stdout, o, results)
	return nil
}

func storeTarget(ctx context.Context, o options, pg *pgtest.Server, n int) (string, error) {
	if pg != nil {
		if os.Getenv(pgtest.EnvURL) != "" {
			// A server of the caller's own keeps its seeded databases
			// for later runs, as --data does for SQLite.
			return pg.KeptDatabase(ctx, fmt.Sprintf("errata_corpus_%d_c%d", n, int(o.captures*1000)))
		}
		url, _, err := pg.NewDatabase(ctx)
		return url, err
	}
	dir := filepath.Join(o.data, fmt.Sprintf("v%d-c%g", n, o.captures))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, "errata.db"), nil
}

func measure(ctx context.Context, o options, target string, n int) (sizeResult, error) {
	c := loadbench.Corpus{Versions: n, CaptureShare: o.captures, Seed: 1}
	res := sizeResult{versions: n, articles: c.Articles(), cpu: map[string]time.Duration{}, alone: map[string]alone{}}
	st, err := store.OpenURL(ctx, target)
	if err != nil {
		return res, err
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		st.Close()
		return res, err
	}
	switch {
	case stats.Versions == n:
		fmt.Printf("%d versions: reusing %s\n", n, redact(target))
	case stats.Versions == 0:
		fmt.Printf("%d versions: seeding %d articles...\n", n, res.articles)
		last := time.Now()
		s, err := loadbench.SeedCorpus(ctx, st, c, func(v int) {
			if time.Since(last) > 30*time.Second {
				last = time.Now()
				fmt.Printf("  %d versions written\n", v)
			}
		})
		if err != nil {
			st.Close()
			return res, err
		}
		res.seeded = s.Took
		fmt.Printf("  seeded %d articles, %d versions in %s (%.0f µs a version)\n", s.Articles, s.Versions,
			s.Took.Round(time.Second), float64(s.Took.Microseconds())/float64(s.Versions))
	default:
		st.Close()
		return res, fmt.Errorf("%s holds %d versions, not %d: remove it or choose another --data", redact(target), stats.Versions, n)
	}
	if res.bytes, err = st.Size(ctx); err != nil {
		st.Close()
		return res, err
	}
	st.Close()

	child, base, err := startChild(ctx, target)
	if err != nil {
		return res, err
	}
	defer child.stop()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024}}
	rs := newRoutes(base, c, res.articles)

	// Warm the caches the way a running server has them.
	loadbench.Run(ctx, client, o.rate, 3*time.Second, rs.mixed)
	for _, r := range rs.list {
		a, err := measureAlone(ctx, client, child, r, o)
		if err != nil {
			return res, err
		}
		res.alone[r.name] = a
		res.cpu[r.name] = a.cpu
	}
	before, err := readCPU(child, o.postgres)
	if err != nil {
		return res, err
	}
	start := time.Now()
	res.mixed, res.total = loadbench.RunKinds(ctx, client, o.rate, o.duration, rs.kinded)
	res.mixedWall = time.Since(start)
	after, err := readCPU(child, o.postgres)
	if err != nil {
		return res, err
	}
	res.mixedCPU, res.clientCPU, res.mixedDBCPU = after.server-before.server, after.client-before.client, after.db-before.db
	res.peakRSS, _ = child.peakRSS()
	return res, ctx.Err()
}

// alone is one route measured by itself: requests sent one after another,
// so the server's CPU time over them is theirs.
type alone struct {
	requests, failed int
	cpu              time.Duration // server CPU per request
	dbCPU            time.Duration // PostgreSQL's CPU per request (--postgres)
	wall             time.Duration // mean time per request
}

func measureAlone(ctx context.Context, client *http.Client, c *child, r route, o options) (alone, error) {
	var a alone
	before, err := readCPU(c, o.postgres)
	if err != nil {
		return a, err
	}
	start := time.Now()
	for i := 0; i < o.routeRequests && time.Since(start) < o.routeTime && ctx.Err() == nil; i++ {
		if status, err := loadbench.Get(ctx, client, r.next(i)); err != nil || status != http.StatusOK {
			a.failed++
		}
		a.requests++
	}
	after, err := readCPU(c, o.postgres)
	if err != nil {
		return a, err
	}
	n := time.Duration(max(a.requests, 1))
	a.cpu, a.dbCPU, a.wall = (after.server-before.server)/n, (after.db-before.db)/n, time.Since(start)/n
	return a, nil
}

// cpuTimes are the CPU times so far of the server, this process (the
// load generator) and, with PostgreSQL, its server processes.
type cpuTimes struct{ server, client, db time.Duration }

func readCPU(c *child, postgres bool) (cpuTimes, error) {
	var t cpuTimes
	var err error
	if t.server, err = c.cpu(); err != nil {
		return t, err
	}
	if t.client, err = selfCPU(); err != nil {
		return t, err
	}
	if postgres {
		t.db, err = postgresCPU()
	}
	return t, err
}

// selfCPU is this process's CPU time so far: the load generator's.
func selfCPU() (time.Duration, error) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, err
	}
	return statCPU(b, false)
}

// postgresCPU is the CPU time so far of every process named postgres on
// the machine, with what the children they reaped used: the server's
// backends serve errata's queries, so their time is part of a request's
// cost on PostgreSQL.
func postgresCPU() (time.Duration, error) {
	stats, err := filepath.Glob("/proc/[0-9]*/stat")
	if err != nil {
		return 0, err
	}
	var total time.Duration
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // the process has ended
		}
		open, end := strings.IndexByte(string(b), '('), strings.LastIndexByte(string(b), ')')
		if open < 0 || end < open || string(b[open+1:end]) != "postgres" {
			continue
		}
		t, err := statCPU(b, true)
		if err != nil {
			return 0, err
		}
		total += t
	}
	return total, nil
}

// route is one page or API call and the URLs that exercise it.
type route struct {
	name string
	next func(i int) string
}

type routes struct {
	list   []route
	mixed  func(i int) string
	kinded func(i int) (string, string)
}

func newRoutes(base string, c loadbench.Corpus, articles int) routes {
	r := rand.New(rand.NewPCG(42, 1))
	article := func() (int, int) {
		i := r.IntN(articles)
		return i + 1, c.VersionsOf(i)
	}
	revised := func() (int, int) {
		for {
			if id, n := article(); n >= 2 {
				return id, r.IntN(n - 1)
			}
		}
	}
	outlet := func() string { return fmt.Sprintf("Outlet%%20%02d", 1+r.IntN(20)) }
	fixed := func(path string) func(int) string { return func(int) string { return base + path } }
	list := []route{
		{"history", func(int) string { id, _ := article(); return fmt.Sprintf("%s/articles/%d", base, id) }},
		{"version", func(int) string { id, n := article(); return fmt.Sprintf("%s/articles/%d/v/%d", base, id, r.IntN(n)) }},
		{"diff", func(int) string {
			id, a := revised()
			return fmt.Sprintf("%s/articles/%d/diff/%d/%d", base, id, a, a+1)
		}},
		{"api diff", func(int) string {
			id, a := revised()
			return fmt.Sprintf("%s/api/v1/articles/%d/diff/%d/%d", base, id, a, a+1)
		}},
		{"api article", func(int) string { id, _ := article(); return fmt.Sprintf("%s/api/v1/articles/%d", base, id) }},
		{"front /", fixed("/")},
		{"outlets", fixed("/outlets")},
		{"api outlets", fixed("/api/v1/outlets")},
		{"outlet page", func(int) string { return base + "/outlets/" + outlet() }},
		{"class byline", fixed("/?class=byline")},
		{"api class byline", fixed("/api/v1/changes?class=byline")},
		{"api outlet changes", func(int) string { return base + "/api/v1/changes?outlet=" + outlet() }},
		{"search", fixed("/search?q=council")},
		{"api search", fixed("/api/v1/search?q=harbour")},
		{"changes.atom", fixed("/changes.atom")},
		{"atom class byline", fixed("/changes.atom?class=byline")},
		{"api events", fixed("/api/v1/events")},
		{"stories", fixed("/stories")},
		{"healthz", fixed("/healthz")},
	}
	kinded := func(i int) (string, string) {
		rt := list[i%len(list)]
		return rt.name, rt.next(i)
	}
	return routes{list: list, kinded: kinded, mixed: func(i int) string { _, u := kinded(i); return u }}
}

// child is the errata web server under measurement, in its own process so
// its CPU time is its own.
type child struct {
	cmd   *exec.Cmd
	stdin io.Closer
}

func startChild(ctx context.Context, target string) (*child, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(self, "-serve-child", target)
	cmd.Stderr = os.Stderr
	// The child serves until this pipe closes, so it never outlives us.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, "", err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	c := &child{cmd: cmd, stdin: stdin}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		c.stop()
		return nil, "", fmt.Errorf("server did not start: %w", err)
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if !ok {
		c.stop()
		return nil, "", fmt.Errorf("server said %q", line)
	}
	return c, "http://" + addr, ctx.Err()
}

// stop closes the child's stdin, which ends it (writing its profile, if
// asked for one), and kills it if it has not ended within a few seconds.
func (c *child) stop() {
	_ = c.stdin.Close()
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = c.cmd.Process.Kill()
		<-done
	}
}

// cpu is the child's CPU time so far, in nanoseconds: the sum over its
// threads of the scheduler's run time (/proc/PID/task/*/schedstat), where
// /proc/PID/stat counts 10 ms ticks, too coarse for a route that costs a
// fraction of a millisecond. Go's threads live as long as the process.
func (c *child) cpu() (time.Duration, error) {
	stats, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", c.cmd.Process.Pid))
	if err != nil || len(stats) == 0 {
		return 0, fmt.Errorf("no schedstat for the server: %v", err)
	}
	var total time.Duration
	for _, path := range stats {
		b, err := os.ReadFile(path)
		if err != nil {
			continue // the thread has ended
		}
		f := strings.Fields(string(b))
		if len(f) < 1 {
			return 0, fmt.Errorf("%s: %q", path, b)
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, err
		}
		total += time.Duration(ns)
	}
	return total, nil
}

// statCPU reads user and system time from a /proc/PID/stat line, and
// with children that of the children the process waited for.
func statCPU(b []byte, children bool) (time.Duration, error) {
	// Fields after the command name, which is in parentheses.
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 15 {
		return 0, errors.New("short /proc stat")
	}
	fields := f[11:13] // utime, stime
	if children {
		fields = f[11:15] // and cutime, cstime
	}
	var ticks int64
	for _, v := range fields {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, err
		}
		ticks += n
	}
	const hz = 100 // USER_HZ on Linux
	return time.Duration(ticks) * time.Second / hz, nil
}

// peakRSS is the child's peak resident memory in bytes (VmHWM).
func (c *child) peakRSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmHWM")
}

// envProfile names a file the server writes a CPU profile of its whole
// run to, for finding where a route's time goes.
const envProfile = "ERRATA_CORPUSBENCH_CPUPROFILE"

// serveChild serves the web UI and API of the store at target on a
// loopback port it prints, until its parent closes stdin or kills it.
func serveChild(target string) error {
	ctx := context.Background()
	st, err := store.OpenURL(ctx, target)
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := web.New(web.Config{Store: st})
	if err != nil {
		return err
	}
	if path := os.Getenv(envProfile); path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Printf("listening %s\n", ln.Addr())
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 5 * time.Second}
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); hs.Close() }()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func report(w io.Writer, o options, rs []sizeResult) {
	fmt.Fprintf(w, "\nstores (captures on %.0f%% of versions):\n", o.captures*100)
	for _, r := range rs {
		seeded := "reused"
		if r.seeded > 0 {
			seeded = fmt.Sprintf("seeded in %s (%.0f µs/version)", r.seeded.Round(time.Second), float64(r.seeded.Microseconds())/float64(r.versions))
		}
		fmt.Fprintf(w, "  %9d versions, %8d articles: %7.2f GB, %6.0f bytes/version, %s; server peak RSS %d MB\n",
			r.versions, r.articles, float64(r.bytes)/1e9, float64(r.bytes)/float64(r.versions), seeded, r.peakRSS>>20)
	}
	fmt.Fprintf(w, "\nserver CPU per request, each route alone (up to %d requests one after another, at most %s); p99 in the mixed run at %d req/s for %s:\n",
		o.routeRequests, o.routeTime, o.rate, o.duration)
	if o.postgres {
		fmt.Fprintln(w, "(db: the PostgreSQL server's CPU per request, on top of errata's)")
	}
	fmt.Fprintf(w, "%-20s", "route")
	for _, r := range rs {
		fmt.Fprintf(w, " %12s %6s %10s", fmt.Sprintf("cpu@%s", short(r.versions)), "reqs", fmt.Sprintf("p99@%s", short(r.versions)))
		if o.postgres {
			fmt.Fprintf(w, " %10s", fmt.Sprintf("db@%s", short(r.versions)))
		}
	}
	if len(rs) > 1 {
		fmt.Fprintf(w, " %10s", "cpu ratio")
	}
	fmt.Fprintln(w)
	for _, name := range routeNames(rs[0]) {
		fmt.Fprintf(w, "%-20s", name)
		for _, r := range rs {
			a := r.alone[name]
			reqs := strconv.Itoa(a.requests)
			if a.failed > 0 {
				reqs += "!" + strconv.Itoa(a.failed)
			}
			fmt.Fprintf(w, " %10.2fms %6s %8.1fms", ms(r.cpu[name]), reqs, ms(r.mixed[name].P99))
			if o.postgres {
				fmt.Fprintf(w, " %8.2fms", ms(a.dbCPU))
			}
		}
		if len(rs) > 1 {
			first, last := rs[0].cpu[name], rs[len(rs)-1].cpu[name]
			if first > 0 {
				fmt.Fprintf(w, " %10.2f", float64(last)/float64(first))
			} else {
				fmt.Fprintf(w, " %10s", "-")
			}
		}
		fmt.Fprintln(w)
	}
	for _, r := range rs {
		fmt.Fprintf(w, "mixed at %s versions: %s\n", short(r.versions), r.total)
		cores := func(d time.Duration) float64 { return float64(d) / float64(max(r.mixedWall, 1)) }
		fmt.Fprintf(w, "  CPU over it: server %.2f ms a request (%.2f cores), load generator %.2f cores",
			ms(r.mixedCPU)/float64(max(r.total.Sent, 1)), cores(r.mixedCPU), cores(r.clientCPU))
		if o.postgres {
			fmt.Fprintf(w, ", PostgreSQL %.2f cores", cores(r.mixedDBCPU))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "(reqs: requests measured alone; !N: N of them failed or timed out)")
}

func routeNames(r sizeResult) []string {
	var names []string
	for _, rt := range newRoutes("", loadbench.Corpus{Versions: 2, Seed: 1}, 1).list {
		if _, ok := r.cpu[rt.name]; ok {
			names = append(names, rt.name)
		}
	}
	return names
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func short(n int) string {
	switch {
	case n >= 1_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'g', 3, 64) + "M"
	case n >= 1000:
		return strconv.FormatFloat(float64(n)/1e3, 'g', 3, 64) + "k"
	}
	return strconv.Itoa(n)
}

// redact hides a database URL's password.
func redact(target string) string {
	if i := strings.Index(target, "@"); i > 0 && strings.Contains(target, "://") {
		return target[:strings.Index(target, "://")+3] + "…" + target[i:]
	}
	return target
}
