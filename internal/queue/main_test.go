package queue

import (
	"context"
	"os"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/pgtest"
	"github.com/errata/errata/internal/store"
)

// pg starts the PostgreSQL server the first time a test asks for one;
// TestMain stops it.
var pg pgtest.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	os.Exit(code)
}

// newPostgresEngine is newQueueEngine on a fresh PostgreSQL database,
// whose URL it returns too, or skips the test when no PostgreSQL is
// installed (CI requires one).
func newPostgresEngine(t testing.TB) (*jobs.Engine, string) {
	t.Helper()
	url := pg.Database(t)
	st, err := store.OpenURL(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := jobs.NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	e.Policy = everySecond()
	databases.Store(e, url)
	return e, url
}

// forEachEngine runs fn on an engine over SQLite and one over PostgreSQL.
func forEachEngine(t *testing.T, fn func(t *testing.T, e *jobs.Engine)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, newQueueEngine(t)) })
	t.Run("postgres", func(t *testing.T) {
		e, _ := newPostgresEngine(t)
		fn(t, e)
	})
}
