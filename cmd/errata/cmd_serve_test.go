package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"
)

func TestServe_BadRoleIsAUsageError(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  string
		want string // the option the error names
	}{
		{"flag", []string{"serve", "--role", "cook"}, "", "--role"},
		{"flag after global flags", []string{"--data", "DATA", "serve", "--role=both"}, "", "--role"},
		{"environment", []string{"serve"}, "cook", "ERRATA_ROLE"},
		{"flag wins over the environment", []string{"serve", "--role", "cook"}, "web", "--role"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ERRATA_ROLE", tc.env)
			data := t.TempDir()
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "DATA", data)
			}
			_, stderr, code := runBinary(t, append(args, "--data", data)...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitUsage, stderr)
			}
			if !strings.HasPrefix(stderr, "errata: "+tc.want+" ") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr %q: want one line naming %s", stderr, tc.want)
			}
			if _, err := os.Stat(filepath.Join(data, "errata.db")); err == nil {
				t.Errorf("a refused serve created the database")
			}
		})
	}
}

func TestServe_BadBaseURLIsAUsageError(t *testing.T) {
	data := t.TempDir()
	_, stderr, code := runBinary(t, "serve", "--base-url", "errata.example", "--data", data)
	if code != exitUsage || !strings.Contains(stderr, "--base-url") {
		t.Fatalf("exit %d, stderr %q; want %d naming --base-url", code, stderr, exitUsage)
	}
}

func TestDemo_StepTooShortIsAUsageError(t *testing.T) {
	_, stderr, code := runBinary(t, "demo", "--step", "10ms", "--addr", "127.0.0.1:0")
	if code != exitUsage || !strings.Contains(stderr, "--step") {
		t.Fatalf("exit %d, stderr %q; want %d naming --step", code, stderr, exitUsage)
	}
}

var listeningURL = regexp.MustCompile(`msg=listening url=(http://127\.0\.0\.1:[0-9]+/)`)

// startServe runs `errata serve` with loopback allowed and returns the
// process once it has started, with the URL it logged for roles that
// serve HTTP. extra are more flags for serve.
func startServe(t *testing.T, data, role string, extra ...string) (*exec.Cmd, string) {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0", "--role", role,
		"--data", data, "--allow-private", "--host-interval", "0"}, extra...)
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=", "ERRATA_ROLE=", "ERRATA_ADDR=")
	errPipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(errPipe)
		for sc.Scan() {
			if m := listeningURL.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			} else if role == roleWorker && strings.Contains(sc.Text(), `msg="worker started"`) {
				found <- ""
			}
		}
	}()
	select {
	case u := <-found:
		return cmd, u
	case <-time.After(demoExitBound):
		t.Fatal("serve logged neither its URL nor the worker's start")
		return nil, ""
	}
}

func get(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServe_RolesServeAndStopCleanlyOnInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	nr := newsroom.New(newsroom.Config{Seed: 3, Outlets: 1})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	for _, role := range []string{roleAll, roleWeb, roleWorker} {
		t.Run(role, func(t *testing.T) {
			data := t.TempDir()
			cli(t, data, "add", nr.Outlets()[0].FeedURL)
			cmd, base := startServe(t, data, role)
			if base != "" {
				if code, body := get(t, base+"healthz"); code != http.StatusOK {
					t.Errorf("healthz: %d %s", code, body)
				}
				if code, body := get(t, base+"metrics"); code != http.StatusOK || !strings.Contains(body, "errata_queue_depth") && role == roleAll {
					t.Errorf("metrics: %d, queue depth missing for role %s", code, role)
				}
			}
			if code := interrupt(t, cmd); code != 0 {
				t.Fatalf("exit status %d after SIGINT, want 0", code)
			}
		})
	}
}

func TestServe_HelpNeverPrintsTheAdminToken(t *testing.T) {
	t.Setenv("ERRATA_ADMIN_TOKEN", "s3cret-token")
	out, _, code := runBinary(t, "serve", "-h")
	if code != exitOK || strings.Contains(out, "s3cret-token") {
		t.Fatalf("exit %d; help shows the token: %v", code, strings.Contains(out, "s3cret-token"))
	}
}
