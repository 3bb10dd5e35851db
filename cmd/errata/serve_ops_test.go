package main

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

// riverRoutine matches the routine lines River logs at INFO.
var riverRoutine = regexp.MustCompile(`(?i)river|producer|elector|job counts|ran successfully|migration`)

// TestServe_WorkerServesHealthAndMetricsWithJSONLogs: a worker given
// --metrics-addr serves /healthz and /metrics there; with --log-format
// json every stderr line is a JSON object; at the default INFO level none
// is one of River's routine lines, however many checks ran.
func TestServe_WorkerServesHealthAndMetricsWithJSONLogs(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	nr := newsroom.New(newsroom.Config{Seed: 5, Outlets: 1})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	data := t.TempDir()
	cli(t, data, "add", nr.Outlets()[0].FeedURL)
	cmd := exec.Command(binary, "serve", "--role", roleWorker, "--metrics-addr", "127.0.0.1:0", "--log-format", "json",
		"--data", data, "--allow-private", "--host-interval", "0", "--tick", "1s", "--check-every", "1s")
	cmd.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=", "ERRATA_ROLE=", "ERRATA_ADDR=", "ERRATA_LOG_LEVEL=")
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	var mu sync.Mutex
	var lines []string
	metricsURL := make(chan string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			mu.Lock()
			lines = append(lines, sc.Text())
			mu.Unlock()
			var rec struct{ Msg, URL string }
			if json.Unmarshal(sc.Bytes(), &rec) == nil && rec.Msg == "serving /healthz and /metrics" {
				metricsURL <- rec.URL
			}
		}
	}()
	var base string
	select {
	case u := <-metricsURL:
		base = strings.TrimSuffix(u, "metrics")
	case <-time.After(demoExitBound):
		t.Fatal("the worker did not log its metrics address")
	}
	if code, body := get(t, base+"healthz"); code != http.StatusOK || strings.TrimSpace(body) != "ok" {
		t.Errorf("healthz: %d %q", code, body)
	}
	deadline := time.Now().Add(demoExitBound)
	for checks := 0.0; checks < 3; {
		if time.Now().After(deadline) {
			t.Fatalf("fewer than 3 checks counted on /metrics within %s", demoExitBound)
		}
		time.Sleep(200 * time.Millisecond)
		code, body := get(t, base+"metrics")
		if code != http.StatusOK {
			t.Fatalf("metrics: %d", code)
		}
		checks = counter(body, "errata_checks_total")
	}
	if code, _ := get(t, base+"changes.atom"); code != http.StatusNotFound {
		t.Errorf("the metrics address serves pages: %d", code)
	}
	if code := interrupt(t, cmd); code != 0 {
		t.Fatalf("exit %d after SIGINT", code)
	}
	<-done
	mu.Lock()
	defer mu.Unlock()
	for _, l := range lines {
		var rec struct{ Level, Msg string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Errorf("not a JSON line: %q", l)
			continue
		}
		if rec.Level == "DEBUG" || riverRoutine.MatchString(rec.Msg) {
			t.Errorf("routine line logged at INFO: %s", l)
		}
	}
}

// counter sums a Prometheus counter over its labels.
func counter(body, name string) float64 {
	var sum float64
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(l, name+"{") && !strings.HasPrefix(l, name+" ") {
			continue
		}
		f := strings.Fields(l)
		if v, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
			sum += v
		}
	}
	return sum
}
