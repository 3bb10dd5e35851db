package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// Two handles stand in for two errata processes on one file: SQLite's file
// lock, not Go's mutexes, must serialise them, and busy_timeout must absorb
// the waiting so no write fails.
func TestConcurrent_TwoHandlesManyGoroutinesAllWritesLand(t *testing.T) {
	const (
		goroutines = 8
		perG       = 25
	)
	ctx := context.Background()
	forEachDialect(t, func(t *testing.T, s1 *Store, reopen func() (*Store, error)) {
		s2, err := reopen()
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		o := mustOutlet(t, s1, "Daily")
		a := mustArticle(t, s1, o.ID, "https://d.example/shared")

		var wg sync.WaitGroup
		errs := make(chan error, goroutines*perG*2)
		for g := 0; g < goroutines; g++ {
			s := s1
			if g%2 == 1 {
				s = s2
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < perG; i++ {
					url := fmt.Sprintf("https://d.example/g%d/%d", g, i)
					if _, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: url}); err != nil {
						errs <- err
					}
					c := model.Check{ArticleID: a.ID, At: t0.Add(time.Duration(g*perG+i) * time.Second), Outcome: model.OutcomeUnchanged}
					if _, err := s.Record(ctx, CheckRecord{Article: a, Check: c}); err != nil {
						errs <- err
					}
					if _, err := s.Articles(ctx, 0, 10); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		st, err := s2.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 1+goroutines*perG || st.Checks != goroutines*perG {
			t.Errorf("Stats = %+v; want %d articles, %d checks", st, 1+goroutines*perG, goroutines*perG)
		}
	})
}
