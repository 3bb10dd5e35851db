package store

import (
	"context"
	"errors"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestRecordBatch_AllOrNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "o").ID, "http://o.example/a")
		rec := func(seq int) CheckRecord {
			return CheckRecord{Article: a, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(a.ID, seq)}
		}
		ids, err := s.RecordBatch(ctx, []CheckRecord{rec(0), rec(1), rec(2)})
		if err != nil || len(ids) != 3 || ids[0] == 0 || ids[2] == 0 {
			t.Fatalf("RecordBatch = %v, %v", ids, err)
		}
		if _, err := s.RecordBatch(ctx, []CheckRecord{rec(3), rec(1)}); !errors.Is(err, ErrDuplicateVersion) {
			t.Fatalf("err = %v, want ErrDuplicateVersion", err)
		}
		if st, _ := s.Stats(ctx); st.Versions != 3 || st.Checks != 3 {
			t.Errorf("stats %+v: a failed batch must leave nothing", st)
		}
	})
}
