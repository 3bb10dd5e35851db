package store

import (
	"context"
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// TestPostgres_PoolKeepsConnectionsAcrossBursts records bursts of checks
// from as many callers as the pool has connections and finds none closed
// for being idle one too many: every new connection costs PostgreSQL a
// backend start and every statement prepared again.
func TestPostgres_PoolKeepsConnectionsAcrossBursts(t *testing.T) {
	s, _ := openPostgresTemp(t)
	ctx := context.Background()
	a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
	callers := DefaultReaders + postgresWriters
	for burst := range 3 {
		var wg sync.WaitGroup
		for i := range callers {
			wg.Go(func() {
				if _, err := s.Article(ctx, a.ID); err != nil {
					t.Error(err)
				}
				at := t0.Add(time.Duration(burst*callers+i) * time.Second)
				if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, at, model.OutcomeNotModified)}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	if closed := s.w.Stats().MaxIdleClosed; closed != 0 {
		t.Errorf("%d connections closed for being idle; want none", closed)
	}
}

// Every reader a burst of requests opened stays open for the next one:
// a reader closed after its query loses its page cache and prepared
// statements, and reopening it cost more than most reads.
func TestReaders_AllKeptIdleAfterABurst(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var txs []*sql.Tx
	for range DefaultReaders {
		tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM versions").Scan(&n); err != nil {
			t.Fatal(err)
		}
		txs = append(txs, tx)
	}
	for _, tx := range txs {
		_ = tx.Rollback()
	}
	if st := s.r.Stats(); st.Idle != DefaultReaders || st.MaxIdleClosed != 0 {
		t.Errorf("reader pool after a burst: %d idle, %d closed for lack of room; want %d idle, none closed",
			st.Idle, st.MaxIdleClosed, DefaultReaders)
	}
}
