package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Bounds on the demo end-to-end test: guards against hangs, not speed
// assertions.
const (
	demoRevisionBound = 60 * time.Second
	demoExitBound     = 15 * time.Second
)

var demoURL = regexp.MustCompile(`open (http://127\.0\.0\.1:[0-9]+/)`)

// startDemo runs `errata demo` on a free port, with extra environment
// variables, and returns the process and the URL it printed.
func startDemo(t *testing.T, extraEnv []string, args ...string) (*exec.Cmd, string, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"demo", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB="), extraEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cmd.Wait()
		t.Fatalf("demo printed no URL: %v\nstderr: %s", err, stderr.String())
	}
	m := demoURL.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("demo's first line has no URL: %q", line)
	}
	return cmd, m[1], &stderr
}

// firstRevision polls the changes API until it lists a version with
// seq >= 1.
func firstRevision(t *testing.T, base string) int {
	t.Helper()
	deadline := time.Now().Add(demoRevisionBound)
	for time.Now().Before(deadline) {
		if seq := latestSeq(t, base); seq >= 1 {
			return seq
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("no revision listed at %sapi/v1/changes within %s", base, demoRevisionBound)
	return 0
}

func latestSeq(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "api/v1/changes")
	if err != nil {
		t.Fatalf("GET changes: %v", err)
	}
	defer resp.Body.Close()
	var list struct {
		Changes []struct {
			Seq int `json:"seq"`
		} `json:"changes"`
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET changes: status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatalf("changes JSON: %v", err)
	}
	best := -1
	for _, c := range list.Changes {
		best = max(best, c.Seq)
	}
	return best
}

// interrupt sends SIGINT and returns the exit status, failing the test if
// the process does not exit within demoExitBound.
func interrupt(t *testing.T, cmd *exec.Cmd) int {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(demoExitBound):
		t.Fatalf("no exit within %s of SIGINT", demoExitBound)
		return -1
	}
}

func TestDemo_ShowsARevisionAndStopsCleanlyOnInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	data := t.TempDir()
	cmd, base, stderr := startDemo(t, nil, "--data", data, "--step", "2s")
	seq := firstRevision(t, base)
	t.Logf("revision seq %d listed", seq)
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("exit status %d after SIGINT, want 0\nstderr: %s", code, stderr.String())
	}
	// The data directory was given, so it is kept and still readable.
	out := cli(t, data, "export", "--format", "jsonl")
	if !strings.Contains(out, `"seq":1`) {
		t.Errorf("export after the demo lacks a revision:\n%.300s", out)
	}
}

func TestDemo_WithoutDataLeavesNoDirectoryBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	tmp := t.TempDir()
	cmd, base, stderr := startDemo(t, []string{"TMPDIR=" + tmp})
	latestSeq(t, base) // serving
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("exit status %d after SIGINT, want 0\nstderr: %s", code, stderr.String())
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("temporary data left behind: %v", left)
	}
}
