package pgtest

import (
	"context"
	"sync"
	"testing"
)

// Shared is one PostgreSQL server for a test package: started the first
// time a test asks for it, so runs that never touch PostgreSQL never start
// one, and stopped by the package's TestMain.
type Shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// Server returns the package's server, starting it on first use. Where no
// PostgreSQL is installed it skips tb, unless EnvRequire makes that a
// failure (as under CI).
func (s *Shared) Server(tb testing.TB) *Server {
	tb.Helper()
	s.once.Do(func() { s.srv, s.err = Start(context.Background()) })
	if s.err == nil {
		return s.srv
	}
	if IsUnavailable(s.err) && !Required() {
		tb.Skipf("PostgreSQL half skipped: %v", s.err)
	}
	tb.Fatalf("PostgreSQL: %v", s.err)
	return nil
}

// Database returns the URL of a fresh database on the package's server,
// dropped when tb ends (a failed drop is logged: the server and its
// databases go with TestMain's Stop anyway).
func (s *Shared) Database(tb testing.TB) string {
	tb.Helper()
	url, drop, err := s.Server(tb).NewDatabase(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := drop(); err != nil {
			tb.Logf("PostgreSQL: %v", err)
		}
	})
	return url
}

// Stop stops the server if a test started it.
func (s *Shared) Stop() {
	if s.srv != nil {
		_ = s.srv.Stop()
	}
}
