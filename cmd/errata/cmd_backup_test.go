package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBackup_CopyReopensWithEverything: the backup is one SQLite file
// that, put in place as errata.db, gives the same export as the original.
func TestBackup_CopyReopensWithEverything(t *testing.T) {
	site := pageServer(t, func() []byte { return []byte(contractPage) })
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget")
	cli(t, data, "crawl", "--all")
	want := cli(t, data, "export")

	out := filepath.Join(t.TempDir(), "errata-backup.db")
	got := cli(t, data, "backup", "--out", out)
	if !regexp.MustCompile(`^backed up 1 article, 1 version and 1 capture to ` + regexp.QuoteMeta(out) +
		` \([0-9.]+ MB\); the copy reopens and passes SQLite's integrity check\n$`).MatchString(got) {
		t.Errorf("backup said %q", got)
	}
	restored := t.TempDir()
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "errata.db"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	if again := cli(t, restored, "export"); again != want {
		t.Errorf("export of the restored copy differs:\n%s\nwant\n%s", again, want)
	}
	// A second backup replaces the first.
	cli(t, data, "backup", "--out", out)
}

func TestBackup_RefusesWhatItCannotCopy(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"PostgreSQL", []string{"backup", "--db", "postgres://errata@127.0.0.1:1/errata", "--out", filepath.Join(dir, "x.db")}, exitUsage,
			"errata: backup: --db is PostgreSQL: use pg_dump"},
		{"no file", []string{"backup", "--data", dir}, exitUsage, "errata: backup: --out FILE is required"},
		{"standard output", []string{"backup", "--data", dir, "--out", "-"}, exitUsage, "errata: backup: --out FILE is required"},
		{"no data", []string{"backup", "--data", filepath.Join(dir, "none"), "--out", filepath.Join(dir, "x.db")}, exitError,
			"errata: no errata data in " + filepath.Join(dir, "none")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runEnv(t, nil, tt.args...)
			if code != tt.code || !strings.HasPrefix(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want %d and one line starting %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("refused backups left %v", left)
	}
}
