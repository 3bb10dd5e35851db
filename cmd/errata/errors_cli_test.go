package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runEnv runs errata with exactly the given arguments and extra
// environment variables.
func runEnv(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append(os.Environ(), "ERRATA_ALLOW_PRIVATE=", "ERRATA_DATA=", "ERRATA_DB=",
		"ERRATA_ROLE=", "ERRATA_ADDR=", "ERRATA_HOST_INTERVAL="), env...)
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

// TestCLI_ErrorsAreOneLineInOurWords: every error is one line that starts
// "errata: ", names the option or argument as the user gave it (flag or
// environment variable), carries no package prefix or Go flag wording,
// and exits 2 when the command line is wrong, 1 when the work failed.
func TestCLI_ErrorsAreOneLineInOurWords(t *testing.T) {
	data := t.TempDir()
	tests := []struct {
		name string
		env  []string
		args []string
		code int
		line string // the first line of stderr
	}{
		{"not a URL", nil, []string{"add", "not-a-url"}, exitUsage, "errata: add not-a-url: not an http(s) URL"},
		{"javascript URL", nil, []string{"add", "javascript:alert(1)"}, exitUsage, "errata: add javascript:alert(1): not an http(s) URL"},
		{"history of a number", nil, []string{"history", "3"}, exitUsage, "errata: history 3: not an http(s) URL"},
		{"bad duration flag", nil, []string{"crawl", "--host-interval", "abc"}, exitUsage,
			`errata: --host-interval: "abc" is not a duration (e.g. 2s, 500ms)`},
		{"bad duration in the environment", []string{"ERRATA_HOST_INTERVAL=abc"}, []string{"crawl"}, exitUsage,
			`errata: ERRATA_HOST_INTERVAL: "abc" is not a duration (e.g. 2s, 500ms)`},
		{"bad boolean in the environment", []string{"ERRATA_ALLOW_PRIVATE=perhaps"}, []string{"crawl"}, exitUsage,
			`errata: ERRATA_ALLOW_PRIVATE: "perhaps" is not true or false (1 or 0)`},
		{"role from the environment", []string{"ERRATA_ROLE=nope"}, []string{"serve"}, exitUsage,
			`errata: ERRATA_ROLE "nope": want all, web or worker`},
		{"unknown flag", nil, []string{"crawl", "--bogus"}, exitUsage, "errata: unknown flag --bogus"},
		{"flag without its value", nil, []string{"export", "--format"}, exitUsage, "errata: --format needs a value"},
		{"diff versions not numbers", nil, []string{"diff", "https://example.com/a", "one", "two"}, exitUsage,
			"errata: diff: give two version numbers A and B, as 'errata history' lists them, or none"},
		{"unknown command", nil, []string{"frobnicate"}, exitUsage, `errata: unknown command "frobnicate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runEnv(t, tt.env, append([]string{"--data", data}, tt.args...)...)
			first, _, _ := strings.Cut(stderr, "\n")
			if code != tt.code || first != tt.line {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and first line\n%s", code, stderr, tt.code, tt.line)
			}
			for _, leak := range []string{"discover:", "fetch:", "store:", "jobs:", "invalid value", "parse error", "flag provided"} {
				if strings.Contains(stderr, leak) {
					t.Errorf("stderr leaks %q: %s", leak, stderr)
				}
			}
		})
	}
}

func TestCLI_BareErrataPrintsUsageAndExits2(t *testing.T) {
	stdout, stderr, code := runEnv(t, nil)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "Usage: errata") || !strings.Contains(stderr, "Exit status:") {
		t.Fatalf("exit %d; stdout %q; stderr:\n%s", code, stdout, stderr)
	}
	out, _, code := runEnv(t, nil, "help")
	if code != exitOK || !strings.Contains(out, "130 interrupted") {
		t.Fatalf("help: exit %d, want 0 and the exit statuses:\n%s", code, out)
	}
}

// TestCLI_ReadOnlyCommandsNeverCreateAStore: pointed at a directory
// without errata data, commands that read what was recorded say so and
// leave nothing behind.
func TestCLI_ReadOnlyCommandsNeverCreateAStore(t *testing.T) {
	data := filepath.Join(t.TempDir(), "typo")
	want := "errata: no errata data in " + data + " (run errata add first, or pass --data)\n"
	for _, args := range [][]string{
		{"history", "https://example.com/a"},
		{"diff", "https://example.com/a"},
		{"export"},
		{"export", "--out", "-"},
		{"outlet"},
		{"outlet", "Daily Planet"},
		{"outlets"},
		{"sources"},
		{"pause", "https://example.com/feed.xml"},
		{"remove", "https://example.com/feed.xml"},
		{"notify", "list"},
		{"backup", "--out", "copy.db"},
		{"verify"},
		{"log", "key"},
		{"log", "checkpoint"},
		{"crawl"},
		{"extract", "testdata/article-with-background-box.html", "--outlet", "Daily Planet"},
	} {
		_, stderr, code := runEnv(t, nil, append(args, "--data", data)...)
		if code != exitError || stderr != want {
			t.Errorf("errata %s: exit %d, stderr %q; want 1 and %q", strings.Join(args, " "), code, stderr, want)
		}
		if _, err := os.Stat(data); err == nil {
			t.Fatalf("errata %s created %s", strings.Join(args, " "), data)
		}
	}
}

// TestServe_RefusesABadOrBusyAddressBeforeAnyWork: the listen address is
// checked and bound before the database is opened, so a typo or a port in
// use costs nothing and leaves nothing behind.
func TestServe_RefusesABadOrBusyAddressBeforeAnyWork(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name string
		env  []string
		args []string
		code int
		want string
	}{
		{"not an address", nil, []string{"serve", "--addr", "bogus"}, exitUsage, `errata: --addr "bogus": want HOST:PORT`},
		{"port not a number", nil, []string{"serve", "--addr", "127.0.0.1:http8080"}, exitUsage, `errata: --addr "127.0.0.1:http8080": port "http8080" is not a number`},
		{"from the environment", []string{"ERRATA_ADDR=bogus"}, []string{"serve"}, exitUsage, `errata: ERRATA_ADDR "bogus": want HOST:PORT`},
		{"port in use", nil, []string{"serve", "--addr", busy.Addr().String()}, exitError,
			"errata: --addr " + busy.Addr().String() + ": address already in use"},
		{"demo, port in use", nil, []string{"demo", "--addr", busy.Addr().String()}, exitError,
			"errata: --addr " + busy.Addr().String() + ": address already in use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			_, stderr, code := runEnv(t, tt.env, append(tt.args, "--data", data)...)
			if code != tt.code || !strings.HasPrefix(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line starting %q", code, stderr, tt.code, tt.want)
			}
			if _, err := os.Stat(data); err == nil {
				t.Errorf("the refused command created %s", data)
			}
		})
	}
}
