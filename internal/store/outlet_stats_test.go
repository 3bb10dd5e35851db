package store

import (
	"context"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// sqlCountedOutlets is what outlet_stats holds, counted the long way.
const sqlCountedOutlets = `SELECT o.id,
	(SELECT count(*) FROM articles a WHERE a.outlet_id = o.id),
	(SELECT count(*) FROM versions v JOIN articles a ON a.id = v.article_id WHERE a.outlet_id = o.id AND v.seq > 0),
	coalesce((SELECT max(v.fetched_at) FROM versions v JOIN articles a ON a.id = v.article_id
		WHERE a.outlet_id = o.id AND v.seq > 0), 0)
	FROM outlets o ORDER BY o.id`

// The outlets listing reads kept counters; after every kind of write that
// moves them (articles added, versions appended, an outlet merged into
// another, an article purged, a versionless article absorbed) they must
// equal what counting every row gives.
func TestOutletStats_KeptEqualCounted(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		check := func(step string) {
			t.Helper()
			want := map[int64][3]int64{}
			rows, err := s.r.QueryContext(ctx, s.d.rebind(sqlCountedOutlets))
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id int64
				var c [3]int64
				if err := rows.Scan(&id, &c[0], &c[1], &c[2]); err != nil {
					t.Fatal(err)
				}
				want[id] = c
			}
			rows.Close()
			got, err := s.OutletSummaries(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %d outlets listed, %d exist", step, len(got), len(want))
			}
			for _, o := range got {
				w := want[o.ID]
				have := [3]int64{int64(o.Articles), int64(o.Changes), nanos(o.LastChanged)}
				if o.LastChanged.IsZero() {
					have[2] = 0
				}
				if have != w {
					t.Errorf("%s: outlet %s lists %v, counting gives %v", step, o.Name, have, w)
				}
			}
		}
		record := func(a model.Article, seq int, at time.Time) {
			t.Helper()
			v := version(a.ID, seq)
			v.FetchedAt, v.Hash = at, at.String()
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: model.Check{ArticleID: a.ID, At: at, Outcome: model.OutcomeNewVersion}, Version: v}); err != nil {
				t.Fatal(err)
			}
		}
		one, two := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		check("outlets made")
		a := mustArticle(t, s, one.ID, "https://one.example/a")
		b := mustArticle(t, s, one.ID, "https://one.example/b")
		c := mustArticle(t, s, two.ID, "https://two.example/c")
		for seq := range 3 {
			record(a, seq, t0.Add(time.Duration(seq)*time.Hour))
		}
		record(b, 0, t0)
		record(b, 1, t0.Add(5*time.Hour)) // one's newest change
		record(c, 0, t0)
		record(c, 1, t0.Add(9*time.Hour))
		check("versions appended")

		if _, err := s.PurgeArticle(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		check("the article holding the newest change purged")

		if _, err := s.MergeOutlets(ctx, two.ID, one.ID); err != nil {
			t.Fatal(err)
		}
		check("outlet two merged into one")

		three := mustOutlet(t, s, "three")
		d := mustArticle(t, s, three.ID, "https://three.example/d")
		if _, err := s.MergeOutlets(ctx, one.ID, three.ID); err != nil {
			t.Fatal(err)
		}
		check("one merged into three")
		// d has no versions: a check that finds a's page moved to d's URL
		// folds d into a.
		a, _ = s.Article(ctx, a.ID)
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: model.Check{ArticleID: a.ID, At: t0.Add(10 * time.Hour),
			Outcome: model.OutcomeUnchanged}, Absorb: d.ID}); err != nil {
			t.Fatal(err)
		}
		check("an article absorbed")
	})
}
