package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestSplitCommand_GlobalFlagsBeforeOrAfter(t *testing.T) {
	tests := []struct {
		args     []string
		wantName string
		wantRest []string
	}{
		{[]string{"add", "http://x/"}, "add", []string{"http://x/"}},
		{[]string{"--data", "D", "add", "http://x/"}, "add", []string{"--data", "D", "http://x/"}},
		{[]string{"--data=D", "--allow-private", "crawl"}, "crawl", []string{"--data=D", "--allow-private"}},
		{[]string{"--host-interval", "0", "crawl", "--all"}, "crawl", []string{"--host-interval", "0", "--all"}},
		{[]string{}, "", []string{}},
	}
	for _, tt := range tests {
		name, rest, err := splitCommand(tt.args)
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if name != tt.wantName || strings.Join(rest, " ") != strings.Join(tt.wantRest, " ") {
			t.Errorf("%v: got %q %q, want %q %q", tt.args, name, rest, tt.wantName, tt.wantRest)
		}
	}
}

func TestParseInterspersed_FlagsAnywhere(t *testing.T) {
	forms := [][]string{
		{"--data", "D", "--outlet", "N", "http://a/", "http://b/"},
		{"http://a/", "--outlet", "N", "http://b/", "--data", "D"},
		{"--outlet=N", "http://a/", "--data=D", "http://b/"},
	}
	for _, args := range forms {
		e := &env{}
		fs := newFlagSet(addCmd, e)
		pos, err := parseInterspersed(fs, args)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if e.data != "D" || e.outlet != "N" || strings.Join(pos, " ") != "http://a/ http://b/" {
			t.Errorf("%v: data=%q outlet=%q pos=%q", args, e.data, e.outlet, pos)
		}
	}
}

func TestParseInterspersed_DoubleDashEndsFlags(t *testing.T) {
	e := &env{}
	pos, err := parseInterspersed(newFlagSet(extractCmd, e), []string{"--url", "http://u/", "--", "-"})
	if err != nil || len(pos) != 1 || pos[0] != "-" || e.url != "http://u/" {
		t.Fatalf("pos=%q url=%q err=%v", pos, e.url, err)
	}
}

func TestRun_ExitStatuses(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"help"}, exitOK},
		{"command help", []string{"add", "-h"}, exitOK},
		{"help for command", []string{"help", "diff"}, exitOK},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"unknown flag", []string{"crawl", "--bogus"}, exitUsage},
		{"missing argument", []string{"add", "--data", dir}, exitUsage},
		{"too many arguments", []string{"history", "a", "b", "--data", dir}, exitUsage},
		{"bad duration", []string{"crawl", "--host-interval", "soon", "--data", dir}, exitUsage},
		{"nothing asked", []string{}, exitUsage},
		{"javascript URL refused", []string{"add", "javascript:alert(1)", "--data", dir}, exitUsage},
		{"file URL refused", []string{"add", "file:///etc/passwd", "--data", dir}, exitUsage},
		{"not a URL", []string{"history", "3", "--data", dir}, exitUsage},
		{"no data", []string{"history", "https://example.com/a", "--data", dir}, exitError},
		{"postgres unreachable", []string{"crawl", "--db", "postgres://u:secret@127.0.0.1:1/db"}, exitError},
		{"not a database URL", []string{"crawl", "--db", "mysql://u:secret@127.0.0.1/db"}, exitUsage},
		{"export bad format", []string{"export", "--format", "csv", "--data", dir}, exitUsage},
		{"outlet help", []string{"help", "outlet"}, exitOK},
		{"outlet bad selector", []string{"outlet", "Daily", "--drop", "div[", "--data", dir}, exitUsage},
		{"outlet rules without a name", []string{"outlet", "--keep", "article", "--data", dir}, exitUsage},
		{"outlet unknown", []string{"--data", dir, "outlet", "Daily"}, exitError},
		{"extract bad selector", []string{"extract", "--keep", "p >", "--data", dir}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got := run(ctx, tt.args, strings.NewReader(""), &out, &errb)
			if got != tt.want {
				t.Fatalf("exit %d, want %d; stderr: %s", got, tt.want, errb.String())
			}
			if len(tt.args) == 0 {
				if !strings.Contains(errb.String(), "Usage: errata") {
					t.Errorf("bare errata: want the usage on stderr, got:\n%s", errb.String())
				}
				return
			}
			if got != exitOK && strings.Count(strings.TrimSpace(errb.String()), "\n") > 1 {
				t.Errorf("want one clear line (plus a hint) on stderr, got:\n%s", errb.String())
			}
			if strings.Contains(errb.String(), "secret") {
				t.Errorf("stderr leaks a password: %s", errb.String())
			}
		})
	}
}
