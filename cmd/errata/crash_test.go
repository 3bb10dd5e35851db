package main

import (
	"bufio"
	"database/sql"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"

	_ "modernc.org/sqlite"
)

// TestCrawl_KillNineLosesNoRecordedVersion kills a crawl mid-pass and
// checks that every version it had committed is still there, the database
// is intact, and the next crawl carries on.
func TestCrawl_KillNineLosesNoRecordedVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	nr := newsroom.New(newsroom.Config{Seed: 3, ArticlesPerOutlet: 150})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	data := t.TempDir()
	for _, o := range nr.Outlets() {
		cli(t, data, "add", o.SitemapIndexURL)
	}

	cmd := exec.Command(binary, "--data", data, "--allow-private", "--host-interval", "5ms", "crawl", "--all")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "errata.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seen := waitForVersions(t, db, 40)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	after := countVersions(t, db)
	if after < seen {
		t.Fatalf("%d versions after kill -9, %d were committed before", after, seen)
	}
	var integrity string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	out := cli(t, data, "crawl", "--all")
	if final := countVersions(t, db); final < after || !strings.Contains(out, "checks") {
		t.Fatalf("after a second crawl: %d versions (had %d); output %q", final, after, out)
	}
	t.Logf("versions committed before kill: %d, after kill: %d, after next crawl: %d", seen, after, countVersions(t, db))
}

func waitForVersions(t *testing.T, db *sql.DB, n int) int {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if c := countVersions(t, db); c >= n {
			return c
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("crawl recorded fewer than %d versions in 60s", n)
	return 0
}

func countVersions(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM versions").Scan(&n); err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return 0
		}
		t.Fatal(err)
	}
	return n
}

// TestServe_KillNineThenRestartResumesTheWorkItWasRunning kills a worker
// while it fetches an article it has just found in a feed. River still
// shows that work running; before, a restarted worker waited for River's
// rescuer (an hour by default) and never checked the article meanwhile.
// Now it reclaims the jobs once the killed worker's lease has run out,
// says so, and checks the article.
func TestServe_KillNineThenRestartResumesTheWorkItWasRunning(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	var hold atomic.Bool
	held := make(chan struct{}, 1)
	srv := hostileServer(t)
	var slow *httptest.Server
	slow = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed.xml" {
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow News</title>`+
				`<item><title>Council approves budget</title><link>`+slow.URL+`/story</link></item></channel></rss>`)
			return
		}
		if hold.Load() {
			select {
			case held <- struct{}{}:
			default:
			}
			<-r.Context().Done() // until the worker dies
			return
		}
		resp, err := http.Get(srv.URL + "/good")
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.Header().Set("Content-Type", resp.Header.Get("Content-Type"))
		io.Copy(w, resp.Body)
	}))
	defer slow.Close()
	data := t.TempDir()
	// A feed, polled at once, whose article is checked as soon as found.
	cli(t, data, "add", slow.URL+"/feed.xml")
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "errata.db")+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	hold.Store(true)
	first, _ := startServeLog(t, data)
	select {
	case <-held:
	case <-time.After(restartBound):
		t.Fatal("the worker never fetched the article")
	}
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	hold.Store(false)

	checks := countRows(t, db, "checks")
	_, logged := startServeLog(t, data)
	logged(`msg="reclaimed jobs left running by a stopped worker"`)
	deadline := time.Now().Add(restartBound)
	for countRows(t, db, "checks") <= checks {
		if time.Now().After(deadline) {
			t.Fatalf("no check recorded within %s of the restart", restartBound)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// restartBound guards the waits of the restart test against hangs; the
// killed worker's lease alone takes about 20 s to run out.
const restartBound = 2 * time.Minute

// startServeLog starts a worker that re-checks every second and returns
// it with a func that waits until it logs a line containing a text.
func startServeLog(t *testing.T, data string) (*exec.Cmd, func(text string)) {
	t.Helper()
	cmd := exec.Command(binary, "serve", "--role", roleWorker, "--data", data, "--allow-private",
		"--host-interval", "0", "--tick", "1s", "--check-every", "1s")
	cmd.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=", "ERRATA_ROLE=", "ERRATA_ADDR=")
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	return cmd, func(text string) {
		t.Helper()
		timeout := time.After(restartBound)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("serve exited without logging %q", text)
				}
				if strings.Contains(l, text) {
					return
				}
			case <-timeout:
				t.Fatalf("serve did not log %q within %s", text, restartBound)
			}
		}
	}
}

func countRows(t *testing.T, db *sql.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
