package store

import (
	"context"
	"errors"
	"fmt"
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

// The SQLite full-text index gets a transaction's versions at its end:
// what a batch wrote is found, a failed batch leaves nothing in the
// index, and a purge in the same transaction as the append takes out
// exactly what was added, which FTS5's own check finds consistent.
func TestRecordBatch_SearchIndexMatchesTheRows(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	o := mustOutlet(t, s, "o")
	a := mustArticle(t, s, o.ID, "http://o.example/a")
	b := mustArticle(t, s, o.ID, "http://o.example/b")
	var recs []CheckRecord
	for seq := range 20 {
		for _, art := range []model.Article{a, b} {
			v := version(art.ID, seq)
			v.Text = fmt.Sprintf("The harbour council met, edition %d of %s.", seq, art.URL)
			recs = append(recs, CheckRecord{Article: art, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: v})
		}
	}
	if _, err := s.RecordBatch(ctx, recs); err != nil {
		t.Fatal(err)
	}
	// A batch that fails after appending leaves no row in the index.
	failing := []CheckRecord{{Article: a, Check: model.Check{At: t0}, Version: version(a.ID, 20)}, recs[0]}
	if _, err := s.RecordBatch(ctx, failing); !errors.Is(err, ErrDuplicateVersion) {
		t.Fatalf("err = %v, want ErrDuplicateVersion", err)
	}
	err := s.write(ctx, "append and purge", func(tx *wtx) error {
		v := version(b.ID, 20)
		v.Text = "The harbour council met again."
		if _, err := insertVersion(ctx, tx, v); err != nil {
			return err
		}
		_, err := s.purgeTx(ctx, tx, b.ID)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO version_search (version_search, rank) VALUES ('integrity-check', 1)`); err != nil {
		t.Fatalf("full-text index differs from the versions: %v", err)
	}
	res, err := s.Search(ctx, SearchQuery{Text: "harbour council"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ArticleID != a.ID || res.Hits[0].Seq != 19 {
		t.Fatalf("Search = %+v, %v; want article a's newest version only", res.Hits, err)
	}
	if res, _ := s.Search(ctx, SearchQuery{Text: "edition"}); len(res.Hits) != 1 {
		t.Errorf("Search edition = %d hits; want 1", len(res.Hits))
	}
}
