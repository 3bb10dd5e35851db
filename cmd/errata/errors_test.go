package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPackagePrefix_CoversEveryInternalPackage keeps the list of prefixes
// that errors lose before a user reads them whole: a new package under
// internal/ must be added to it.
func TestPackagePrefix_CoversEveryInternalPackage(t *testing.T) {
	dirs, err := os.ReadDir(filepath.Join("..", "..", "internal"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if got := userMessage(errors.New(d.Name() + ": something failed")); got != "something failed" {
			t.Errorf("package %s: message kept as %q; add it to packagePrefix", d.Name(), got)
		}
	}
}

func TestUserMessage_DropsPackagePrefixes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"jobs: record check of http://a/: store: record check of article 5: store: not found",
			"record check of http://a/: record check of article 5: not found"},
		{"add not-a-url: discover: only http and https URLs are accepted", "add not-a-url: only http and https URLs are accepted"},
		// "fetch URL: ..." says what was fetched; only "fetch: " is a prefix.
		{"add: fetch http://a/: connection refused", "add: fetch http://a/: connection refused"},
		{"storehouse: full", "storehouse: full"},
		{"poll http://a/feed: store: database is busy", "poll http://a/feed: database is busy"},
	}
	for _, tt := range tests {
		if got := userMessage(errors.New(tt.in)); got != tt.want {
			t.Errorf("userMessage(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestFlagError_SaysWhatIsWrongInOurWords(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--host-interval", "abc"}, `--host-interval: "abc" is not a duration (e.g. 2s, 500ms)`},
		{[]string{"--workers", "many"}, `--workers: "many" is not a whole number`},
		{[]string{"--allow-private=maybe"}, `--allow-private: "maybe" is not true or false (1 or 0)`},
		{[]string{"--bogus"}, "unknown flag --bogus"},
		{[]string{"-x"}, "unknown flag -x"},
		{[]string{"--data"}, "--data needs a value"},
	}
	for _, tt := range tests {
		fs := newFlagSet(serveCmd, &env{})
		_, err := parseInterspersed(fs, tt.args)
		var ue usageError
		if !errors.As(err, &ue) || ue.msg != tt.want {
			t.Errorf("%q: got %v, want usage error %q", tt.args, err, tt.want)
		}
	}
}

func TestPlural_OneAndMany(t *testing.T) {
	for n, want := range map[int]string{0: "0 feeds", 1: "1 feed", 2: "2 feeds"} {
		if got := plural(n, "feed", "feeds"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestValueProblem_UnknownTypeKeepsTheCause: a flag of our own type
// explains itself.
func TestValueProblem_UnknownTypeKeepsTheCause(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var l stringList
	fs.Var(&l, "drop", "")
	fs.Duration("d", time.Second, "")
	if got := valueProblem(fs.Lookup("drop"), "div[", "unclosed bracket"); got != `"div[": unclosed bracket` {
		t.Errorf("got %q", got)
	}
}
