//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// asUnprivileged runs errata so that file permissions bind it: as the
// "nobody" user when the tests run as root, who may write anywhere.
func asUnprivileged(t *testing.T, args ...string) (stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=")
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			t.Skipf("running as root and no nobody user to drop to: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}}
		// nobody must reach the binary.
		if err := os.Chmod(filepath.Dir(binary), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var e bytes.Buffer
	cmd.Stderr = &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run errata: %v", err)
	}
	return e.String(), 0
}

// readOnlyDir makes a directory anyone may enter but nobody but its owner
// (root, or the test's user) may write, outside the test's private temp
// directory so that nobody can reach it.
func readOnlyDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "errata-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		os.Chmod(dir, 0o755)
		os.RemoveAll(dir)
	})
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestOpen_ReadOnlyDirectoryIsNamed(t *testing.T) {
	srv := hostileServer(t)
	t.Run("no database yet", func(t *testing.T) {
		dir := readOnlyDir(t)
		// A command that starts a store (export would say there is none).
		stderr, code := asUnprivileged(t, "--data", dir, "--allow-private", "add", srv.URL+"/good")
		want := "directory " + dir + " is not writable"
		if code != exitError || !strings.Contains(stderr, want) || strings.Contains(stderr, "(14)") {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
		}
	})
	t.Run("database there, directory read-only", func(t *testing.T) {
		dir := readOnlyDir(t)
		os.Chmod(dir, 0o755)
		cli(t, dir, "add", srv.URL+"/good")
		// The file stays writable to the unprivileged user; only the
		// directory, where SQLite keeps -wal and -shm, is not.
		db := filepath.Join(dir, "errata.db")
		os.Chmod(db, 0o666)
		os.Chmod(dir, 0o555)
		stderr, code := asUnprivileged(t, "--data", dir, "--allow-private", "crawl")
		want := "directory " + dir + " is not writable"
		if code != exitError || !strings.Contains(stderr, want) {
			t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, want)
		}
	})
}
