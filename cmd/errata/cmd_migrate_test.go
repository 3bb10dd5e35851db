package main

import (
	"strings"
	"testing"

	"github.com/errata/errata/internal/newsroom"
)

func TestMigrate_CopiesTheEmbeddedStoreIntoPostgresWithMatchingDigests(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	db := postgresDB(t)
	nr := newsroom.New(newsroom.Config{Seed: 9})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	data := t.TempDir()
	cli(t, data, "add", nr.Outlets()[0].FeedURL)
	cli(t, data, "crawl", "--all")

	for run := range 2 { // the second run finds the copy done and changes nothing
		out := cli(t, data, "migrate", "--to", db)
		if strings.Contains(out, "MISMATCH") || strings.Count(out, " ok\n") < 5 {
			t.Fatalf("run %d: want every table ok:\n%s", run+1, out)
		}
	}
	sqlite := exportRecorded(t, data)
	pg := exportRecorded(t, t.TempDir(), "--db", db)
	if len(sqlite) == 0 || len(pg) != len(sqlite) {
		t.Errorf("exported %d articles from PostgreSQL, %d from SQLite", len(pg), len(sqlite))
	}
}

func TestMigrate_WantsAPostgresURL(t *testing.T) {
	_, stderr, code := cliStatus(t, t.TempDir(), "migrate", "--to", "/tmp/other.db")
	if code != exitUsage || !strings.Contains(stderr, "postgres://") {
		t.Errorf("exit %d, stderr %q; want usage error naming postgres://", code, stderr)
	}
}
