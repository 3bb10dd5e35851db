package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// readmeBound only stops a hung example: it is far above what the
// examples take (seconds), so a busy machine never fails the test.
const readmeBound = 10 * time.Minute

// readmeCommands returns the commands of the README's code blocks fenced
// "```sh", the ones meant to run against the demo; lines continued with a
// backslash are joined, comment lines dropped.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	in, cont := false, ""
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case !in && strings.TrimSpace(l) == "```sh":
			in = true
		case in && strings.TrimSpace(l) == "```":
			in = false
		case in:
			if strings.HasSuffix(l, "\\") {
				cont += strings.TrimSuffix(l, "\\")
				continue
			}
			l, cont = cont+l, ""
			if s := strings.TrimSpace(l); s != "" && !strings.HasPrefix(s, "#") {
				cmds = append(cmds, s)
			}
		}
	}
	return cmds
}

// assignment matches a command that only sets a shell variable.
var assignment = regexp.MustCompile(`^[A-Z_]+=\$\(`)

// TestREADME_ExamplesRunAgainstTheDemo runs the README's sh blocks as
// written against `errata demo`, changing only its address and data
// directory: each command exits 0 and prints something, JSON answers
// parse and carry no error.
func TestREADME_ExamplesRunAgainstTheDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	cmds := readmeCommands(t)
	if len(cmds) < 10 {
		t.Fatalf("found %d commands in the README's sh blocks", len(cmds))
	}
	data := filepath.Join(t.TempDir(), "data")
	demo, base, stderr := startDemo(t, nil, "--data", data, "--step", "1s")
	defer interrupt(t, demo)
	firstRevision(t, base)

	// The commands run where ./errata is the binary under test.
	work := t.TempDir()
	if err := os.Symlink(binary, filepath.Join(work, "errata")); err != nil {
		t.Fatal(err)
	}
	hostPort := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	var script strings.Builder
	for i, c := range cmds {
		c = strings.ReplaceAll(c, "127.0.0.1:8080", hostPort)
		c = strings.ReplaceAll(c, "./demo-data", data)
		fmt.Fprintf(&script, "%s\necho \"@@ %d $?\"\n", c, i)
	}
	sh := exec.Command("sh", "-c", script.String())
	sh.Dir = work
	sh.Env = append(os.Environ(), "ERRATA_DATA=", "ERRATA_DB=", "ERRATA_CONFIG=")
	sh.WaitDelay = time.Second
	done := make(chan struct{})
	timer := time.AfterFunc(readmeBound, func() { sh.Process.Kill(); close(done) })
	out, err := sh.CombinedOutput()
	if !timer.Stop() {
		<-done
		t.Fatalf("the README's commands took more than %s", readmeBound)
	}
	if err != nil {
		t.Fatalf("sh: %v\n%s", err, out)
	}
	marker := regexp.MustCompile(`(?m)^@@ (\d+) (\d+)$`)
	rest := string(out)
	for i, c := range cmds {
		loc := marker.FindStringSubmatchIndex(rest)
		if loc == nil {
			t.Fatalf("no result for %q:\n%s", c, rest)
		}
		output, code := strings.TrimSpace(rest[:loc[0]]), rest[loc[4]:loc[5]]
		if n, _ := strconv.Atoi(rest[loc[2]:loc[3]]); n != i {
			t.Fatalf("result %d out of order", n)
		}
		rest = rest[loc[1]:]
		if code != "0" {
			t.Errorf("%s\nexit %s:\n%s", c, code, output)
			continue
		}
		if assignment.MatchString(c) {
			continue
		}
		if output == "" {
			t.Errorf("%s\nprinted nothing", c)
			continue
		}
		if strings.HasPrefix(output, "{") {
			var v map[string]any
			if err := json.Unmarshal([]byte(output), &v); err != nil {
				t.Errorf("%s\nnot JSON: %v\n%s", c, err, clipText(output))
			} else if _, bad := v["error"]; bad {
				t.Errorf("%s\nanswered an error: %s", c, clipText(output))
			} else if len(v) == 0 {
				t.Errorf("%s\nanswered an empty object", c)
			}
		}
	}
	if t.Failed() {
		t.Logf("demo's stderr:\n%s", stderr.String())
	}
}

func clipText(s string) string {
	if len(s) > 400 {
		return s[:400] + "…"
	}
	return s
}
