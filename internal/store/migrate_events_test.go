package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A SQLite store at schema 8 with a delivery upgrades to 9 with the
// delivery kept (the deliveries table is rebuilt) and still unique.
func TestMigrate_0009KeepsDeliveries(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "errata.db")
	db, err := sql.Open(driverName, writerDSN(path, Options{}.withDefaults()))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	old := &Store{path: path, d: dialectSQLite, w: db}
	ms, err := loadMigrations(dialectSQLite)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.schemaVersion(ctx, tx); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.version > 8 {
			break
		}
		if err := old.applyMigration(ctx, tx, m); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	for _, q := range []string{
		`INSERT INTO outlets (id, name, host) VALUES (1, 'Daily', 'daily.example')`,
		`INSERT INTO articles (id, outlet_id, url) VALUES (1, 1, 'https://daily.example/a')`,
		`INSERT INTO versions (id, article_id, seq, fetched_at, title, byline, published, text, hash, capture_hash, extractor, classes, added, removed)
			VALUES (7, 1, 0, 1, 'T', '', 0, 'x', 'h', '', 'x1', '', 0, 0)`,
		`INSERT INTO subscriptions (id, name, url) VALUES (3, 'desk', 'https://hooks.example/x')`,
		`INSERT INTO deliveries (id, subscription_id, version_id, status, attempts) VALUES (5, 3, 7, 'delivered', 2)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	ds, err := s.Deliveries(ctx, 3, 0)
	if err != nil || len(ds) != 1 || ds[0].ID != 5 || ds[0].VersionID != 7 || ds[0].EventID != 0 || ds[0].Attempts != 2 {
		t.Fatalf("deliveries after the upgrade: %+v, %v", ds, err)
	}
	again, err := s.EnsureDelivery(ctx, 3, 7, t0)
	if err != nil || again.ID != 5 {
		t.Fatalf("EnsureDelivery after the upgrade = %+v, %v; want the kept row", again, err)
	}
}
