package jobs

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/loadbench"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/stories"
)

// BenchmarkStories_Place places one new article into a store holding 10,000
// and 100,000 placed articles. The time per placement must not grow with
// the store: candidates come from index lookups bounded per key.
func BenchmarkStories_Place(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			ctx := context.Background()
			st, err := store.Open(ctx, b.TempDir()+"/errata.db")
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			corpus := newsroom.StoriesCorpus(1)
			seedPlaced(b, st, n, corpus)
			ids := storeCorpus(b, st, corpus)
			p := NewPlacer(st, nil)
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if err := p.Place(ctx, ids[i%len(ids)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// seedPlaced writes n articles with a version each and their index rows,
// in bulk. Index rows are drawn like real ones: band keys unique to each
// text, and facts from a pool so common keys are shared by many
// articles; articles arrive one a minute, so a time window holds the
// same number of them whatever the store's size.
//
// The fact pool is the corpus's own facts, so placing a corpus article
// looks up keys that thousands of stored articles share.
func seedPlaced(b *testing.B, st *store.Store, n int, corpus []newsroom.CorpusArticle) {
	b.Helper()
	ctx := context.Background()
	if _, err := loadbench.Seed(ctx, st, n, 1, 1); err != nil {
		b.Fatal(err)
	}
	var pool []int64
	for _, c := range corpus {
		pool = append(pool, stories.FactKeys(stories.NewFeatures(stories.Article{Outlet: c.Outlet, Title: c.Title, Paragraphs: c.Paragraphs}))...)
	}
	r := rand.New(rand.NewPCG(9, 9))
	const batch = 5000
	base := corpus[0].FirstSeen.Add(-time.Duration(n) * time.Minute)
	var ps []store.Placement
	for id := int64(1); id <= int64(n); id++ {
		p := store.Placement{ArticleID: id, OutletID: id%20 + 1, SeenAt: base.Add(time.Duration(id-1) * time.Minute)}
		for range 32 {
			p.Bands = append(p.Bands, int64(r.Uint64()))
		}
		for range 12 {
			p.Facts = append(p.Facts, pool[r.IntN(len(pool))])
		}
		ps = append(ps, p)
		if len(ps) == batch || id == int64(n) {
			if err := st.SavePlacements(ctx, ps); err != nil {
				b.Fatal(err)
			}
			ps = ps[:0]
		}
	}
}

// storeCorpus records the corpus's articles, one version each, and places
// them first seen first; it returns their ids in corpus order.
func storeCorpus(t testing.TB, st *store.Store, corpus []newsroom.CorpusArticle) []int64 {
	t.Helper()
	ids := recordCorpus(t, st, corpus)
	ctx := context.Background()
	order := slices.Clone(ids)
	seen := map[int64]time.Time{}
	for i, c := range corpus {
		seen[ids[i]] = c.FirstSeen
	}
	slices.SortStableFunc(order, func(a, b int64) int { return seen[a].Compare(seen[b]) })
	p := NewPlacer(st, nil)
	for _, id := range order {
		if err := p.Place(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// recordCorpus records the corpus's articles, one version each, without
// placing them; it returns their ids in corpus order.
func recordCorpus(t testing.TB, st *store.Store, corpus []newsroom.CorpusArticle) []int64 {
	t.Helper()
	ctx := context.Background()
	ids := make([]int64, len(corpus))
	for i, c := range corpus {
		o, err := st.EnsureOutlet(ctx, c.Outlet, c.Host)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://%s/story/%d", c.Host, c.ID),
			FirstSeen: c.FirstSeen, NextCheck: c.FirstSeen, State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(c.Paragraphs, "\n\n")
		v := &model.Version{Seq: 0, FetchedAt: c.FirstSeen, Title: c.Title, Byline: c.Byline, Text: text,
			Hash: revise.Hash(c.Title, c.Byline, text)}
		a.LastChanged = c.FirstSeen
		if _, err := st.Record(ctx, store.CheckRecord{Article: a, Version: v,
			Check: model.Check{At: c.FirstSeen, Outcome: model.OutcomeNewVersion}}); err != nil {
			t.Fatal(err)
		}
		ids[i] = a.ID
	}
	return ids
}
