package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// crawlBound guards the interrupt test against a hang; not a speed target.
const crawlBound = 30 * time.Second

// flakySite serves a feed and articles; a path can be switched to answer
// with an error status, or to hang until the request is abandoned.
type flakySite struct {
	*httptest.Server
	mu      sync.Mutex
	status  map[string]int
	hang    map[string]bool
	hanging chan string // told the path of each hanging request
}

func newFlakySite(t *testing.T) *flakySite {
	t.Helper()
	s := &flakySite{status: map[string]int{}, hang: map[string]bool{}, hanging: make(chan string, 8)}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *flakySite) set(path string, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status[path] = status
}

func (s *flakySite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	status, hang := s.status[r.URL.Path], s.hang[r.URL.Path]
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		http.NotFound(w, r)
		return
	case hang:
		s.hanging <- r.URL.Path
		select {
		case <-r.Context().Done():
		case <-time.After(crawlBound):
		}
		return
	case status != 0:
		http.Error(w, "unavailable", status)
		return
	case strings.HasSuffix(r.URL.Path, ".xml"):
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>The Ledger</title>
<item><title>Council approves budget</title><link>/2026/11/20/budget</link></item></channel></rss>`)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, strings.Replace(contractPage, "Council approves budget", "Story at "+r.URL.Path, 2))
}

// TestCrawl_SummaryNamesDurationOutcomesAndEachFailure: the summary says
// how long the pass took, counts each outcome with its noun in the right
// number, and names every source and article that failed or went, each
// with its reason on one line.
func TestCrawl_SummaryNamesDurationOutcomesAndEachFailure(t *testing.T) {
	site := newFlakySite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/feed.xml")
	cli(t, data, "add", site.URL+"/other-feed.xml")
	for _, p := range []string{"/2026/11/20/budget", "/broken", "/moved-away"} {
		cli(t, data, "add", site.URL+p)
	}
	site.set("/feed.xml", http.StatusBadGateway)
	site.set("/broken", http.StatusInternalServerError)
	site.set("/moved-away", http.StatusNotFound)

	out, stderr, code := cliStatus(t, data, "crawl", "--all")
	if code != exitOK {
		t.Fatalf("exit %d (a source and a check worked); stderr:\n%s", code, stderr)
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^crawl finished in [0-9.]+m?s$`),
		regexp.MustCompile(`(?m)^  2 sources polled, 1 failed; 0 new articles$`),
		regexp.MustCompile(`(?m)^  3 checks: 0 new versions, 1 unchanged, 0 not modified, 0 flip-flops, 1 gone, 1 error; `),
		regexp.MustCompile(`(?m)^  2 failed:\n    ` + regexp.QuoteMeta(site.URL+"/feed.xml: ") + `.*502.*\n    ` + regexp.QuoteMeta(site.URL+"/broken: ") + `.*500`),
		regexp.MustCompile(`(?m)^  1 gone:\n    ` + regexp.QuoteMeta(site.URL+"/moved-away: HTTP 404") + `$`),
	} {
		if !want.MatchString(out) {
			t.Errorf("summary lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "fetch "+site.URL) || strings.Contains(out, "jobs:") {
		t.Errorf("a failure repeats its URL or a package prefix:\n%s", out)
	}
}

// TestCrawl_EveryCheckOrSourceFailedExitsNonZero: a pass in which every
// check, or every source, failed is a failed command, for cron and
// scripts; the summary is printed all the same.
func TestCrawl_EveryCheckOrSourceFailedExitsNonZero(t *testing.T) {
	site := newFlakySite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/a")
	site.set("/a", http.StatusServiceUnavailable)
	out, stderr, code := cliStatus(t, data, "crawl", "--all")
	if code != exitError || stderr != "errata: crawl: every check failed (1 of 1)\n" {
		t.Fatalf("exit %d, stderr %q; want 1 and the verdict", code, stderr)
	}
	if !strings.Contains(out, "1 check: 0 new versions") || !strings.Contains(out, site.URL+"/a: ") {
		t.Errorf("summary:\n%s", out)
	}

	site.set("/a", 0)
	cli(t, data, "add", site.URL+"/feed.xml")
	site.set("/feed.xml", http.StatusBadGateway)
	out, stderr, code = cliStatus(t, data, "crawl", "--all")
	if code != exitError || stderr != "errata: crawl: every source failed (1 of 1)\n" {
		t.Fatalf("exit %d, stderr %q; want 1 and the verdict\n%s", code, stderr, out)
	}
}

// TestCrawl_InterruptStopsWithAPartialSummaryAndExit130 sends SIGINT to a
// real crawl caught in a hanging fetch: it stops at once, prints what it
// did and exits 130.
func TestCrawl_InterruptStopsWithAPartialSummaryAndExit130(t *testing.T) {
	site := newFlakySite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/quick")
	cli(t, data, "add", site.URL+"/slow")
	site.mu.Lock()
	site.hang["/slow"] = true
	site.mu.Unlock()

	cmd := exec.Command(binary, "--data", data, "--allow-private", "--host-interval", "0", "crawl", "--all")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	select {
	case <-site.hanging:
	case <-time.After(crawlBound):
		t.Fatal("the crawl never reached the hanging page")
	}
	if code := interrupt(t, cmd); code != exitInterrupted {
		t.Fatalf("exit %d after SIGINT, want %d\nstdout: %s\nstderr: %s", code, exitInterrupted, stdout.String(), stderr.String())
	}
	if !regexp.MustCompile(`(?m)^crawl interrupted after [0-9.]+m?s; done until then:\n  0 sources polled`).MatchString(stdout.String()) {
		t.Errorf("no partial summary:\n%s", stdout.String())
	}
	if got := stderr.String(); got != "errata: interrupted\n" {
		t.Errorf("stderr %q, want the one line \"errata: interrupted\"", got)
	}
	// The store is intact and the next pass runs.
	site.mu.Lock()
	site.hang["/slow"] = false
	site.mu.Unlock()
	cli(t, data, "crawl", "--all")
}

// TestCrawl_SIGTERMExits143 stops a crawl the way a service manager does.
func TestCrawl_SIGTERMExits143(t *testing.T) {
	site := newFlakySite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/slow")
	site.mu.Lock()
	site.hang["/slow"] = true
	site.mu.Unlock()
	cmd := exec.Command(binary, "--data", data, "--allow-private", "crawl", "--all")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	<-site.hanging
	cmd.Process.Signal(syscall.SIGTERM)
	var exited atomic.Bool
	go func() {
		time.Sleep(crawlBound)
		if !exited.Load() {
			cmd.Process.Kill()
		}
	}()
	err := cmd.Wait()
	exited.Store(true)
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 128+int(syscall.SIGTERM) {
		t.Fatalf("wait: %v; want exit %d", err, 128+int(syscall.SIGTERM))
	}
}
