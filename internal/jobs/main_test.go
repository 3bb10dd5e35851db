package jobs

import (
	"os"
	"testing"

	"github.com/errata/errata/internal/pgtest"
)

// pg starts the PostgreSQL server the first time a benchmark asks for one;
// TestMain stops it.
var pg pgtest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// postgresURL is a fresh PostgreSQL database, dropped after the test, or
// skips the test when no PostgreSQL is installed (CI requires one).
func postgresURL(t testing.TB) string {
	t.Helper()
	return pg.Database(t)
}
