package store

import (
	"context"
	"os"
	"testing"

	"github.com/errata/errata/internal/pgtest"
)

// pg starts the PostgreSQL server the first time a test asks for it, so
// runs that never touch PostgreSQL (-run filters, the crash child process)
// never start one. TestMain stops it.
var pg pgtest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

func pgServer(t testing.TB) *pgtest.Server {
	t.Helper()
	return pg.Server(t)
}

// openPostgresTemp opens a store on a fresh database, dropped after the test.
func openPostgresTemp(t testing.TB) (*Store, string) {
	t.Helper()
	ctx := context.Background()
	url, drop, err := pgServer(t).NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := drop(); err != nil {
			t.Error(err)
		}
	})
	s, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatalf("OpenURL: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, url
}

// forEachStore runs fn against a fresh SQLite store and a fresh
// PostgreSQL store, as subtests "sqlite" and "postgres": both must pass
// the same tests.
func forEachStore(t *testing.T, fn func(t *testing.T, s *Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		s, _ := openTemp(t)
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s, _ := openPostgresTemp(t)
		fn(t, s)
	})
}

// forEachDialect is forEachStore for tests that need a second handle on
// the same database, as a second process would open it.
func forEachDialect(t *testing.T, fn func(t *testing.T, s *Store, reopen func() (*Store, error))) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		s, path := openTemp(t)
		fn(t, s, func() (*Store, error) { return Open(context.Background(), path) })
	})
	t.Run("postgres", func(t *testing.T) {
		s, url := openPostgresTemp(t)
		fn(t, s, func() (*Store, error) { return OpenURL(context.Background(), url) })
	})
}
