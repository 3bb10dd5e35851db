package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/errata/errata/internal/model"
)

// crashChildEnv, when set to a database path, turns the test binary into
// the writer that the parent kills.
const (
	crashChildEnv  = "ERRATA_STORE_CRASH_CHILD"
	crashCommitted = 200 // commits the parent waits for before killing
	// crashChildMax stops an orphaned child whose parent died before killing it.
	crashChildMax = 100000
)

func crashText(seq int) string {
	return fmt.Sprintf("Version %d.\n\nParagraph %d of a long article body.", seq, seq)
}

// runCrashChild records versions forever, printing each committed seq.
func runCrashChild(path string) {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	o, err := s.EnsureOutlet(ctx, "Daily", "d.example")
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://d.example/crash"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for seq := 0; seq < crashChildMax; seq++ {
		v := version(a.ID, seq)
		v.Text = crashText(seq)
		a.BodyHash = strconv.Itoa(seq)
		rec := CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: capture("c" + a.BodyHash), Version: v}
		if _, err := s.Record(ctx, rec); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(seq)
	}
}

func TestRecord_KillMidWriteKeepsCommittedVersions(t *testing.T) {
	if path := os.Getenv(crashChildEnv); path != "" {
		runCrashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process")
	}
	path := filepath.Join(t.TempDir(), "errata.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestRecord_KillMidWriteKeepsCommittedVersions$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() }) // if we fail before the kill below
	last := readCommits(t, bufio.NewScanner(out))
	_ = cmd.Process.Kill() // SIGKILL: no deferred cleanup, no checkpoint
	_ = cmd.Wait()

	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	verifyAfterCrash(t, s, last)
}

// readCommits returns the last seq the child reported committed.
func readCommits(t *testing.T, sc *bufio.Scanner) int {
	t.Helper()
	last := -1
	for sc.Scan() {
		n, err := strconv.Atoi(sc.Text())
		if err != nil {
			t.Fatalf("child: %s", sc.Text())
		}
		if last = n; last+1 >= crashCommitted {
			return last
		}
	}
	t.Fatalf("child stopped after seq %d: %v", last, sc.Err())
	return last
}

func verifyAfterCrash(t *testing.T, s *Store, last int) {
	t.Helper()
	ctx := context.Background()
	var ok string
	if err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	a, err := s.ArticleByURL(ctx, "https://d.example/crash")
	if err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < last+1 {
		t.Fatalf("%d versions survived; child had committed %d", len(vs), last+1)
	}
	for i, v := range vs {
		if v.Seq != i || v.Text != crashText(i) {
			t.Errorf("version %d = seq %d %q; want intact", i, v.Seq, v.Text)
		}
	}
	// Every surviving version came with its check and article update.
	if n, _ := s.CountChecks(ctx, a.ID); n != len(vs) {
		t.Errorf("checks = %d; want %d, one per version", n, len(vs))
	}
	if want := strconv.Itoa(len(vs) - 1); a.BodyHash != want {
		t.Errorf("article body hash = %q; want %q from the last committed record", a.BodyHash, want)
	}
}
