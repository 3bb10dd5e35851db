package main

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
)

func TestVersion_PrintsVersionCommitAndGo(t *testing.T) {
	want := regexp.MustCompile(`^errata \S+, commit \S+( \(modified\))?( of \S+)?, ` +
		regexp.QuoteMeta(runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH) + "\n$")
	var lines []string
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		stdout, stderr, code := runEnv(t, nil, args...)
		if code != exitOK || stderr != "" || !want.MatchString(stdout) {
			t.Errorf("errata %s: exit %d, stdout %q, stderr %q; want %s", strings.Join(args, " "), code, stdout, stderr, want)
		}
		lines = append(lines, stdout)
	}
	if lines[0] != lines[1] || lines[1] != lines[2] {
		t.Errorf("version and --version differ: %q", lines)
	}
	if _, _, code := runEnv(t, nil, "version", "extra"); code != exitUsage {
		t.Errorf("version with an argument: exit %d, want %d", code, exitUsage)
	}
}
