package main

import (
	"testing"

	"github.com/errata/errata/internal/pgtest"
)

// pg is one PostgreSQL server for the package's tests, started on first
// use and stopped by TestMain.
var pg pgtest.Shared

// postgresDB returns the URL of a fresh database, or skips the test when
// no PostgreSQL is installed (CI requires one: ERRATA_REQUIRE_POSTGRES).
func postgresDB(t *testing.T) string {
	t.Helper()
	return pg.Database(t)
}

func stopPostgres() { pg.Stop() }
