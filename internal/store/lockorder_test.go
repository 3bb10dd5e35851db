package store

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// TestLearn_TakesOutletItemsInOneOrder: another worker's transaction has
// learned item k1 of an outlet and not committed yet; Learn, given k2 then
// k1, waits for it. It must wait holding nothing: if it had inserted k2
// first, the other transaction, going on to k2, would wait for Learn, and
// the two would deadlock. The other transaction's lock timeout only stops
// the test from hanging when k2 is held.
func TestLearn_TakesOutletItemsInOneOrder(t *testing.T) {
	ctx := context.Background()
	s, url := openPostgresTemp(t)
	o := mustOutlet(t, s, "daily")
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	other, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	const insert = `INSERT INTO furniture (outlet_id, article_id, kind, origin, key, learned_at)
		VALUES ($1, 0, 'text', 'template', $2, 0) ON CONFLICT DO NOTHING`
	if _, err := other.Exec(insert, o.ID, "k1"); err != nil {
		t.Fatal(err)
	}

	item := func(key string) model.Furniture {
		return model.Furniture{OutletID: o.ID, Kind: "text", Origin: "template", Key: key}
	}
	done := make(chan error, 1)
	go func() { done <- s.Learn(ctx, []model.Furniture{item("k2"), item("k1")}, t0) }()
	deadline := time.Now().Add(time.Minute)
	for waiting := 0; waiting == 0; {
		if time.Now().After(deadline) {
			t.Fatal("Learn never waited for the other transaction")
		}
		err := db.QueryRow(`SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := other.Exec(`SET LOCAL lock_timeout = '200ms'`); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Exec(insert, o.ID, "k2"); err != nil {
		t.Fatalf("Learn holds k2 while it waits for k1: %v", err)
	}
	if err := other.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Learn: %v", err)
	}
}
