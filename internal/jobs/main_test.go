package jobs

import (
	"context"
	"os"
	"sync"
	"testing"

	"github.com/errata/errata/internal/pgtest"
)

// pgOnce starts the PostgreSQL server the first time a benchmark asks for
// one, so runs that never touch PostgreSQL never start it; TestMain stops
// it.
var pgOnce struct {
	sync.Once
	srv *pgtest.Server
	err error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if pgOnce.srv != nil {
		_ = pgOnce.srv.Stop()
	}
	os.Exit(code)
}

// postgresURL is a fresh PostgreSQL database, dropped after the test, or
// skips the test when no PostgreSQL is installed (CI requires one).
func postgresURL(t testing.TB) string {
	t.Helper()
	pgOnce.Do(func() { pgOnce.srv, pgOnce.err = pgtest.Start(context.Background()) })
	if pgOnce.err != nil {
		if pgtest.IsUnavailable(pgOnce.err) && !pgtest.Required() {
			t.Skipf("PostgreSQL half skipped: %v", pgOnce.err)
		}
		t.Fatal(pgOnce.err)
	}
	url, drop, err := pgOnce.srv.NewDatabase(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = drop() })
	return url
}
