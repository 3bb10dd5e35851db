package main

import (
	"context"
	"sync"
	"testing"

	"github.com/errata/errata/internal/pgtest"
)

// pg is one PostgreSQL server for the package's tests, started on first
// use and stopped by TestMain.
var pg struct {
	once sync.Once
	srv  *pgtest.Server
	err  error
}

// postgresDB returns the URL of a fresh database, or skips the test when
// no PostgreSQL is installed (CI requires one: ERRATA_REQUIRE_POSTGRES).
func postgresDB(t *testing.T) string {
	t.Helper()
	pg.once.Do(func() { pg.srv, pg.err = pgtest.Start(context.Background()) })
	if pg.err != nil {
		if pgtest.IsUnavailable(pg.err) && !pgtest.Required() {
			t.Skipf("PostgreSQL half skipped: %v", pg.err)
		}
		t.Fatal(pg.err)
	}
	url, drop, err := pg.srv.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { drop() })
	return url
}

func stopPostgres() {
	if pg.srv != nil {
		pg.srv.Stop()
	}
}
