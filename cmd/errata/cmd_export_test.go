package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestExport_OutDashIsStdoutFilesAre0644ErrorsNameTheTarget: "--out -" is
// standard output, as for most tools; a file is created like any
// document (0644 less the umask) and replaced only once complete; an error
// names the file asked for, never the temporary one beside it.
func TestExport_OutDashIsStdoutFilesAre0644ErrorsNameTheTarget(t *testing.T) {
	site := pageServer(t, func() []byte { return []byte(contractPage) })
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget")
	stdout := cli(t, data, "export")

	dir := t.TempDir()
	t.Chdir(dir)
	if got := cli(t, data, "export", "--out", "-"); got != stdout {
		t.Errorf("--out - wrote %q to stdout, want the export", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Errorf("--out - created a file named -")
	}

	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	out := filepath.Join(dir, "errata.jsonl")
	_, stderr, code := cliStatus(t, data, "export", "--out", out)
	if code != exitOK || stderr != "exported 1 article to "+out+"\ntaken at the log checkpoint of 2 leaves, kept in "+out+".checkpoint\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	// The checkpoint kept beside the export is one verify accepts.
	if got := cli(t, data, "verify", "--checkpoint", out+".checkpoint"); !strings.Contains(got, "the log extends its 2 leaves") {
		t.Errorf("verify --checkpoint %s.checkpoint: %q", out, got)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("export file mode %v, want 0644", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(out); string(b) != stdout {
		t.Errorf("file differs from stdout")
	}

	for name, target := range map[string]string{
		"missing directory": filepath.Join(dir, "no-such-dir", "errata.jsonl"),
		"a directory":       dir,
	} {
		_, stderr, code := cliStatus(t, data, "export", "--out", target)
		if code != exitError || !strings.HasPrefix(stderr, "errata: write "+target+": ") ||
			strings.Contains(stderr, ".tmp-") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q; want 1 and one line naming %s", name, code, stderr, target)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestExport_NewsEditsIsASQLiteDatabase: --format newsedits writes the
// corpus layout into a new SQLite file, and refuses standard output.
func TestExport_NewsEditsIsASQLiteDatabase(t *testing.T) {
	site := pageServer(t, func() []byte { return []byte(contractPage) })
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget")
	if _, stderr, code := cliStatus(t, data, "export", "--format", "newsedits"); code != exitUsage || !strings.Contains(stderr, "--out FILE") {
		t.Errorf("newsedits to stdout: exit %d, %q", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "newsedits.db")
	_, stderr, code := cliStatus(t, data, "export", "--format", "newsedits", "--out", out)
	if code != exitOK || !strings.HasPrefix(stderr, "exported 1 article, 1 version, ") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	b, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(b), "SQLite format 3\x00") {
		t.Fatalf("%s is not a SQLite database (%v)", out, err)
	}
}

// TestExport_ParquetIsAFile: --format parquet writes a Parquet file and
// refuses standard output, which is often a terminal.
func TestExport_ParquetIsAFile(t *testing.T) {
	site := pageServer(t, func() []byte { return []byte(contractPage) })
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget")
	if _, stderr, code := cliStatus(t, data, "export", "--format", "parquet"); code != exitUsage || !strings.Contains(stderr, "--out FILE") {
		t.Errorf("parquet to stdout: exit %d, %q", code, stderr)
	}
	out := filepath.Join(t.TempDir(), "versions.parquet")
	_, stderr, code := cliStatus(t, data, "export", "--format", "parquet", "--out", out)
	if code != exitOK || stderr != "exported 1 version to "+out+"\ntaken at the log checkpoint of 2 leaves, kept in "+out+".checkpoint\n" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "PAR1") {
		t.Fatalf("%s is not a Parquet file (%v)", out, err)
	}
}
