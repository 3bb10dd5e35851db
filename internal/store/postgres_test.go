package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestOpenURL_PicksDialectByScheme(t *testing.T) {
	tests := []struct {
		target string
		pg     bool
	}{
		{"postgres://u@h/db", true},
		{"POSTGRESQL://u@h/db", true},
		{"/data/errata.db", false},
		{"errata.db", false},
		{"postgres.db", false},
	}
	for _, tt := range tests {
		if got := IsPostgresURL(tt.target); got != tt.pg {
			t.Errorf("IsPostgresURL(%q) = %v; want %v", tt.target, got, tt.pg)
		}
	}
}

func TestOpenURL_PathHidesPassword(t *testing.T) {
	got := redactURL("postgres://errata:s3cret@db.example/errata")
	if strings.Contains(got, "s3cret") {
		t.Errorf("redactURL = %q; password shown", got)
	}
}

func TestPostgres_MigrationsAppliedOnce(t *testing.T) {
	ctx := context.Background()
	s, url := openPostgresTemp(t)
	mustOutlet(t, s, "daily")
	for i := 0; i < 2; i++ {
		s2, err := OpenURL(ctx, url)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		var n int
		if err := s2.r.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if ms, _ := loadMigrations(dialectPostgres); n != len(ms) {
			t.Errorf("schema_migrations rows = %d, want %d", n, len(ms))
		}
		if st, err := s2.Stats(ctx); err != nil || st.Outlets != 1 {
			t.Errorf("Stats after reopen = %+v, %v; want 1 outlet kept", st, err)
		}
		_ = s2.Close()
	}
}

// Several processes starting together on an empty database: the
// advisory lock lets one migrate while the others wait, then find the
// schema current.
func TestPostgres_ConcurrentOpensMigrateOnce(t *testing.T) {
	const opens = 6
	ctx := context.Background()
	url, drop, err := pgServer(t).NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()
	var wg sync.WaitGroup
	stores := make([]*Store, opens)
	errs := make([]error, opens)
	for i := range opens {
		wg.Go(func() { stores[i], errs[i] = OpenURL(ctx, url) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
			continue
		}
		defer stores[i].Close()
	}
	var n int
	if stores[0] != nil {
		_ = stores[0].r.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n)
	}
	if ms, _ := loadMigrations(dialectPostgres); n != len(ms) {
		t.Errorf("schema_migrations rows = %d, want %d", n, len(ms))
	}
}

func TestPostgres_RefusesOtherDatabaseUntouched(t *testing.T) {
	ctx := context.Background()
	url, drop, err := pgServer(t).NewDatabase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer drop()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE notes (x TEXT)`); err != nil {
		t.Fatal(err)
	}
	s, err := OpenURL(ctx, url)
	if err == nil {
		_ = s.Close()
		t.Fatal("OpenURL succeeded on a foreign database")
	}
	if !errors.Is(err, ErrNotErrata) || !strings.Contains(err.Error(), "is not an errata database") {
		t.Errorf("error = %v; want ErrNotErrata", err)
	}
	var tables int
	if err := db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil || tables != 1 {
		t.Errorf("public tables = %d, %v; want only notes", tables, err)
	}
}

func TestPostgres_NewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	s, url := openPostgresTemp(t)
	if _, err := s.w.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	_, err := OpenURL(ctx, url)
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "upgrade errata") {
		t.Errorf("error = %v; want ErrTooNew", err)
	}
}

// A writer blocked by another process's lock past the busy timeout gets
// ErrBusy, as on SQLite, naming the database without its password.
func TestPostgres_BusyGivesClearError(t *testing.T) {
	ctx := context.Background()
	holder, url := openPostgresTemp(t)
	other, err := OpenPostgres(ctx, url, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := holder.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`LOCK TABLE outlets IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	_, err = other.EnsureOutlet(ctx, "x", "x.example")
	want := "store: database is busy: another errata process is writing to " + other.Path() + "; try again"
	if !errors.Is(err, ErrBusy) || err.Error() != want {
		t.Errorf("error = %v; want %q", err, want)
	}
}

// Two pools stand in for two worker processes adding the same URLs at
// once: check-then-insert races end in one row per URL and no error.
func TestPostgres_RacingAddsOfOneURLAllSucceed(t *testing.T) {
	const goroutines = 8
	ctx := context.Background()
	s1, url := openPostgresTemp(t)
	s2, err := OpenURL(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*20)
	for g := range goroutines {
		s := []*Store{s1, s2}[g%2]
		wg.Go(func() {
			for i := range 10 {
				o, err := s.EnsureOutlet(ctx, "Daily", "d.example")
				if err != nil {
					errs <- err
					continue
				}
				art := model.Article{OutletID: o.ID, URL: "https://d.example/" + string(rune('a'+i))}
				if _, _, err := s.AddArticle(ctx, art); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if st, err := s1.Stats(ctx); err != nil || st.Outlets != 1 || st.Articles != 10 {
		t.Errorf("Stats = %+v, %v; want 1 outlet, 10 articles", st, err)
	}
}
