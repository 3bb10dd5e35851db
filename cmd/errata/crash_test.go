package main

import (
	"database/sql"
	"os/exec"
	"path/filepath"
	"strings"
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
