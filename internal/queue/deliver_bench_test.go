package queue

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// BenchmarkNotify_FanOut is the cost of one change for n subscriptions
// that all match it: the filters matched and one delivery job inserted
// per subscription, as Engine.OnVersion does in the check under serve,
// then the payload (the diff of a twelve-paragraph article) each delivery
// job builds before it sends. Each iteration is a fresh change, so River's
// uniqueness never skips an insert. ns/sub is the cost per subscription.
func BenchmarkNotify_FanOut(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("subs=%d", n), func(b *testing.B) {
			ctx := context.Background()
			e := newQueueEngine(b)
			a := fanOutArticle(b, e.Store)
			for i := range n {
				if _, err := e.Store.AddSubscription(ctx, model.Subscription{Name: fmt.Sprint("sub", i), URL: "https://hooks.example/x"}, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
			q, err := New(ctx, e, Config{Database: databaseOf(e), Deliver: &jobs.Deliverer{Store: e.Store, Now: time.Now, Log: e.Log}})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = q.close() })
			seq := 1
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				v := recordChange(b, e.Store, a, seq)
				seq++
				b.StartTimer()
				q.EnqueueDeliveries(ctx, a, v)
				for range n {
					if _, err := q.cfg.Deliver.Payload(ctx, v); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.StopTimer()
			if got := jobStates(b, q, KindDeliver)["available"]; got != min(b.N*n, maxDepthCount) {
				b.Fatalf("%d delivery jobs queued, want %d", got, b.N*n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/sub")
		})
	}
}

// fanOutText is an article of twelve paragraphs; each change rewrites one.
func fanOutText(seq int) string {
	paras := make([]string, 12)
	for i := range paras {
		paras[i] = fmt.Sprintf("Paragraph %d of the story says what the council decided and why, with quotes and figures.", i)
	}
	paras[seq%len(paras)] = fmt.Sprintf("Paragraph rewritten in edition %d with a correction of the figures.", seq)
	return strings.Join(paras, "\n\n")
}

func fanOutArticle(b *testing.B, st *store.Store) model.Article {
	b.Helper()
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, "bench", "bench.example")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://bench.example/story", FirstSeen: now, NextCheck: now, State: model.StateActive})
	if err != nil {
		b.Fatal(err)
	}
	recordChange(b, st, a, 0)
	return a
}

// recordChange records version seq of a.
func recordChange(b *testing.B, st *store.Store, a model.Article, seq int) model.Version {
	b.Helper()
	v := &model.Version{Seq: seq, FetchedAt: time.Now(), Title: fmt.Sprint("Council story, edition ", seq), Text: fanOutText(seq),
		Hash: fmt.Sprint("h", seq), Classes: []string{"headline", "text_rewritten"}, Added: 9, Removed: 14}
	id, err := st.Record(context.Background(), store.CheckRecord{Article: a, Check: model.Check{At: v.FetchedAt, Outcome: model.OutcomeNewVersion}, Version: v})
	if err != nil {
		b.Fatal(err)
	}
	v.ID, v.ArticleID = id, a.ID
	return *v
}
