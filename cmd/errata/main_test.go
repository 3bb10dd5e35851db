package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// binary is the errata command built once for the end-to-end tests, so
// they drive the real CLI as users and scripts do.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "errata-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "errata")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build errata: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	stopPostgres()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cli runs the errata binary on a data directory with loopback allowed and
// no host interval, and fails the test unless it exits 0.
func cli(t *testing.T, data string, args ...string) string {
	t.Helper()
	out, errOut, code := cliStatus(t, data, args...)
	if code != 0 {
		t.Fatalf("errata %s: exit %d\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func cliStatus(t *testing.T, data string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runBinary(t, append([]string{"--data", data, "--allow-private", "--host-interval", "0"}, args...)...)
}

// runBinary runs errata with exactly the given arguments.
func runBinary(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "ERRATA_ALLOW_PRIVATE=", "ERRATA_DATA=", "ERRATA_DB=")
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run errata: %v", err)
	}
	return o.String(), e.String(), 0
}
