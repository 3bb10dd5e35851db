package queue

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errata/errata/internal/model"
)

// BenchmarkQueue_Checks measures checks per second through River on
// SQLite: one job per article, same bytes every time, so the figure is
// the queue's and the store's cost, not extraction's.
func BenchmarkQueue_Checks(b *testing.B) {
	ctx := context.Background()
	body := []byte(page("Council approves budget", "The council approved the budget on Monday.", 1))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	defer srv.Close()
	e := newQueueEngine(b)
	o, err := e.Store.EnsureOutlet(ctx, "bench", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	arts := make([]model.Article, b.N)
	for i := range arts {
		arts[i], _, err = e.Store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("%s/a/%d", srv.URL, i),
			FirstSeen: e.Now().UTC(), NextCheck: e.Now().UTC(), State: model.StateActive})
		if err != nil {
			b.Fatal(err)
		}
	}
	q, err := New(ctx, e, Config{Database: databaseOf(e), Tick: MinTick})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	waitFor(b, "every check", func() bool { return jobStates(b, q, KindCheck)["completed"] >= b.N })
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
	if err := q.Stop(ctx); err != nil {
		b.Fatal(err)
	}
}
