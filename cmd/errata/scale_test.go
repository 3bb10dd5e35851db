package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

// Scale-out run: worker processes, one PostgreSQL database, one newsroom.
const (
	scaleWorkers     = 4
	scaleArticles    = 334 // per outlet; three outlets make 1,002
	scaleInterval    = 5 * time.Millisecond
	scaleFinalPasses = 3 // a revert is recorded once served three checks in a row
	// scalePassDeadline only guards against a hang: how long a pass takes
	// depends on what else the machine runs (go test runs packages side by
	// side), and this test asserts sharing and exactly-once, not speed,
	// which bench-scale measures.
	scalePassDeadline = 4 * time.Minute
	scaleKillAtStep   = 4
	// scaleCheckEvery re-checks every article about once a pass, so
	// re-checks and never-checked articles compete for the workers.
	scaleCheckEvery = 5 * time.Second
	// scaleStartBound only guards against a hang: five processes start at
	// once (migrations under a lock, River's leader election) on a machine
	// busy with other tests.
	scaleStartBound = 2 * time.Minute
)

// scaleArgs run a serve process on db, fast enough for a test: the
// schedule re-checks everything every scaleCheckEvery, and a host a
// killed worker held is freed within two seconds. The jobs it left running
// are reclaimed once its worker lease runs out (about 20 s); the job
// timeout stays the default, so that a check slowed by the machine's load
// is not cut off and run again.
func scaleArgs(db, role string) []string {
	return []string{"serve", "--db", db, "--role", role, "--addr", "127.0.0.1:0", "--allow-private",
		"--host-interval", scaleInterval.String(), "--tick", "1s", "--check-every", scaleCheckEvery.String(),
		"--host-lease", "2s", "--workers", "8"}
}

func TestServe_WorkersOnPostgresShareTheWorkPolitelyAndExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end, multi-process")
	}
	db := postgresDB(t)
	nr := newsroom.New(newsroom.Config{Seed: 5, ArticlesPerOutlet: scaleArticles})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	for _, o := range nr.Outlets() {
		cli(t, t.TempDir(), "add", o.SitemapIndexURL, "--db", db)
	}
	pg, err := sql.Open("pgx", db)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()

	// From here on every request comes from the serve processes; `add`
	// above ran unpaced (--host-interval 0).
	paced := time.Now()
	startScaleProc(t, db, roleWeb)
	workers := make([]*exec.Cmd, scaleWorkers)
	for i := range workers {
		workers[i] = startScaleProc(t, db, roleWorker)
	}
	waitForArticles(t, pg, scaleArticles*len(nr.Outlets()))
	waitForPass(t, pg)
	for nr.Step() < nr.Steps()-1 {
		nr.Advance()
		if nr.Step() == scaleKillAtStep {
			// Mid-pass: some of its checks are running when it dies.
			time.Sleep(500 * time.Millisecond)
			workers[0].Process.Signal(syscall.SIGKILL)
			workers[0].Wait()
		}
		waitForPass(t, pg)
	}
	for range scaleFinalPasses {
		waitForPass(t, pg)
	}

	got := exportRecorded(t, t.TempDir(), "--db", db)
	s := newsroom.ScoreAgainst(nr.Truth(), got)
	t.Logf("scale: %d workers (one killed), articles %d/%d revisions %d recall %.2f spurious %d",
		scaleWorkers, s.Found, s.Articles, s.Revisions, s.Recall, s.Spurious)
	if s.Found != s.Articles || s.Recall != 1 || s.Spurious != 0 {
		t.Errorf("found %d/%d articles, recall %.3f, %d spurious; want all, 1.00, 0", s.Found, s.Articles, s.Recall, s.Spurious)
	}
	assertNoDuplicateVersions(t, pg)
	assertPolite(t, nr.AccessLog(), paced, scaleInterval)
}

// startScaleProc starts a serve process and waits until it runs.
func startScaleProc(t *testing.T, db, role string) *exec.Cmd {
	t.Helper()
	// The data directory holds the log's signing key even when the store
	// is PostgreSQL: a temporary one, so nothing lands in the source tree.
	cmd := exec.Command(binary, append(scaleArgs(db, role), "--data", t.TempDir())...)
	cmd.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=", "ERRATA_ROLE=", "ERRATA_ADDR=")
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	ready, exited := make(chan struct{}), make(chan struct{})
	go func() {
		sc := bufio.NewScanner(errPipe)
		signalled := false
		for sc.Scan() {
			line := sc.Text()
			if !signalled && (strings.Contains(line, `msg=listening`) || strings.Contains(line, `msg="worker started"`)) {
				close(ready)
				signalled = true
			}
			if !signalled || strings.Contains(line, "level=ERROR") {
				t.Logf("%s: %s", role, line)
			}
		}
		if !signalled {
			close(exited)
		}
	}()
	select {
	case <-ready:
	case <-exited:
		t.Fatalf("serve --role %s exited before it started", role)
	case <-time.After(scaleStartBound):
		t.Fatalf("serve --role %s did not start within %s", role, scaleStartBound)
	}
	return cmd
}

// waitForArticles waits until the workers' polls have discovered n
// articles.
func waitForArticles(t *testing.T, pg *sql.DB, n int) {
	t.Helper()
	deadline := time.Now().Add(scalePassDeadline)
	for time.Now().Before(deadline) {
		if count(t, pg, "SELECT count(*) FROM articles") >= n {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("fewer than %d articles discovered in %s", n, scalePassDeadline)
}

// waitForPass waits until every article still checked has been checked
// after now, so whatever the newsroom serves now has been seen.
func waitForPass(t *testing.T, pg *sql.DB) {
	t.Helper()
	since := time.Now().UnixNano()
	q := fmt.Sprintf("SELECT count(*) FROM articles WHERE state = 'active' AND last_checked <= %d", since)
	deadline := time.Now().Add(scalePassDeadline)
	start := time.Now()
	for time.Now().Before(deadline) {
		if count(t, pg, q) == 0 {
			t.Logf("pass in %v; checks so far %d", time.Since(start).Round(time.Millisecond), count(t, pg, "SELECT count(*) FROM checks"))
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%d articles not checked within %s", count(t, pg, q), scalePassDeadline)
}

func count(t *testing.T, pg *sql.DB, q string) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var n int
	if err := pg.QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// assertNoDuplicateVersions: no two versions share a number, and no
// version repeats the one before it (a check recorded twice would).
func assertNoDuplicateVersions(t *testing.T, pg *sql.DB) {
	t.Helper()
	dupSeq := count(t, pg, `SELECT count(*) FROM (SELECT article_id, seq FROM versions GROUP BY 1, 2 HAVING count(*) > 1) d`)
	repeats := count(t, pg, `SELECT count(*) FROM versions v JOIN versions w
		ON w.article_id = v.article_id AND w.seq = v.seq + 1 AND w.hash = v.hash`)
	if dupSeq != 0 || repeats != 0 {
		t.Errorf("%d duplicate version numbers, %d versions repeating their predecessor; want 0", dupSeq, repeats)
	}
}

// assertPolite checks the newsroom's log: requests to one host (logged
// as each ends) since the serve processes started never closer than
// interval.
func assertPolite(t *testing.T, log []newsroom.Access, since time.Time, interval time.Duration) {
	t.Helper()
	byHost := map[string][]time.Time{}
	for _, a := range log {
		if a.Time.After(since) {
			byHost[a.Host] = append(byHost[a.Host], a.Time)
		}
	}
	total := 0
	for host, times := range byHost {
		sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
		total += len(times)
		closest := time.Duration(1<<63 - 1)
		for i := 1; i < len(times); i++ {
			closest = min(closest, times[i].Sub(times[i-1]))
		}
		t.Logf("%s: %d requests, closest two %v apart", host, len(times), closest)
		if closest < interval {
			t.Errorf("%s got two requests %v apart, want ≥ %v", host, closest, interval)
		}
	}
	if total == 0 {
		t.Error("the newsroom served nothing")
	}
}
