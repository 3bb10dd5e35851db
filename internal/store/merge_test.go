package store

import (
	"context"
	"errors"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestRecord_AbsorbFoldsAMovedArticleIntoTheOldOne(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "o")
		old := mustArticle(t, s, o.ID, "http://o.example/old-slug")
		if _, err := s.Record(ctx, CheckRecord{Article: old, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(old.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		moved := mustArticle(t, s, o.ID, "http://o.example/new-slug")
		if _, err := s.Record(ctx, CheckRecord{Article: moved, Check: model.Check{At: t0, Outcome: model.OutcomeError}}); err != nil {
			t.Fatal(err)
		}

		old.URL = moved.URL
		rec := CheckRecord{Article: old, Check: model.Check{At: t0, Outcome: model.OutcomeUnchanged}, Absorb: moved.ID}
		if _, err := s.Record(ctx, rec); err != nil {
			t.Fatalf("Record with Absorb: %v", err)
		}
		for _, u := range []string{"http://o.example/old-slug", "http://o.example/new-slug"} {
			a, err := s.ArticleByURL(ctx, u)
			if err != nil || a.ID != old.ID {
				t.Errorf("ArticleByURL(%s) = %d, %v; want article %d", u, a.ID, err, old.ID)
			}
		}
		if a, _ := s.Article(ctx, old.ID); a.URL != "http://o.example/new-slug" {
			t.Errorf("canonical URL %s, want the new slug", a.URL)
		}
		if _, err := s.Article(ctx, moved.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("absorbed article still there: %v", err)
		}
		if st, _ := s.Stats(ctx); st.Articles != 1 || st.Versions != 1 || st.Checks != 2 {
			t.Errorf("stats %+v, want 1 article, 1 version, 2 checks", st)
		}
	})
}

func TestRecord_AbsorbRefusesAnArticleWithVersions(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "o")
		a := mustArticle(t, s, o.ID, "http://o.example/a")
		b := mustArticle(t, s, o.ID, "http://o.example/b")
		if _, err := s.Record(ctx, CheckRecord{Article: b, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(b.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		_, err := s.Record(ctx, CheckRecord{Article: a, Check: model.Check{At: t0, Outcome: model.OutcomeUnchanged}, Absorb: b.ID})
		if !errors.Is(err, ErrConflict) {
			t.Fatalf("err = %v, want ErrConflict", err)
		}
		if st, _ := s.Stats(ctx); st.Articles != 2 || st.Checks != 1 {
			t.Errorf("stats %+v after a refused absorb, want nothing changed", st)
		}
	})
}

func TestLineage_HashesOfAllVersionsAndTheLatestInFull(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "o").ID, "http://o.example/a")
		for seq := range 3 {
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(a.ID, seq)}); err != nil {
				t.Fatal(err)
			}
		}
		vs, err := s.Lineage(ctx, a.ID)
		if err != nil || len(vs) != 3 {
			t.Fatalf("Lineage = %d versions, %v", len(vs), err)
		}
		full, _ := s.Versions(ctx, a.ID)
		for i, v := range vs {
			if v.Seq != i || v.Hash != full[i].Hash {
				t.Errorf("version %d: seq %d hash %q, want %d %q", i, v.Seq, v.Hash, i, full[i].Hash)
			}
		}
		if vs[2].Text != full[2].Text || vs[0].Text != "" {
			t.Errorf("want only the latest version's text")
		}
	})
}

// TestRecord_CheckOfAnArticleMergedMeanwhileIsStale: a check in flight
// while another check merged its article into another one finds the row
// gone. That is a stale check, like one another worker recorded first,
// not a missing row.
func TestRecord_CheckOfAnArticleMergedMeanwhileIsStale(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "o")
		old := mustArticle(t, s, o.ID, "http://o.example/old-slug")
		if _, err := s.Record(ctx, CheckRecord{Article: old, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(old.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		moved := mustArticle(t, s, o.ID, "http://o.example/new-slug")
		other := mustArticle(t, s, o.ID, "http://o.example/other")
		read := moved.LastChecked // the in-flight check of moved read this

		old.URL = moved.URL
		if _, err := s.Record(ctx, CheckRecord{Article: old, Check: model.Check{At: t0, Outcome: model.OutcomeUnchanged}, Absorb: moved.ID}); err != nil {
			t.Fatal(err)
		}
		_, err := s.Record(ctx, CheckRecord{Article: moved, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion},
			Version: version(moved.ID, 0), IfLastChecked: &read})
		if !errors.Is(err, ErrStale) || errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrStale", err)
		}
		// A second merge of the same article, decided before the first
		// committed, is stale as well.
		_, err = s.Record(ctx, CheckRecord{Article: other, Check: model.Check{At: t0, Outcome: model.OutcomeUnchanged}, Absorb: moved.ID})
		if !errors.Is(err, ErrStale) {
			t.Fatalf("absorbing an article merged meanwhile: err = %v, want ErrStale", err)
		}
		if st, _ := s.Stats(ctx); st.Articles != 2 || st.Versions != 1 || st.Checks != 2 {
			t.Errorf("stats %+v, want the two live articles, 1 version, 2 checks", st)
		}
	})
}
