package jobs

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/render"
	"github.com/errata/errata/internal/store"
)

// benchTabs is how many pages the rendered benchmark checks at once.
const benchTabs = 4

// BenchmarkCheck_Rendered checks the newsroom's script outlets' articles
// in browser mode, benchTabs at a time: each op is one whole check (the
// page fetched, rendered until the network is idle, extracted, compared
// and recorded). It reports checks per second and the memory of the
// browser's processes at the end (their proportional set sizes).
func BenchmarkCheck_Rendered(b *testing.B) {
	ctx := context.Background()
	e, st, _, _ := scriptNewsroom(b, model.FetchBrowser, benchTabs)
	if _, err := e.Crawl(ctx, true, benchTabs); err != nil { // first versions
		b.Fatal(err)
	}
	arts, err := st.Articles(ctx, 0, 100)
	if err != nil || len(arts) < benchTabs {
		b.Fatalf("%d articles (%v), want at least %d", len(arts), err, benchTabs)
	}
	var next atomic.Int64
	b.SetParallelism((benchTabs + 1) / 2) // RunParallel starts GOMAXPROCS×this goroutines
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		a := arts[int(next.Add(1)-1)%len(arts)]
		for pb.Next() {
			res, err := e.CheckArticle(ctx, a)
			if err != nil {
				b.Error(err)
				return
			}
			if res.Outcome == model.OutcomeError || res.Outcome == model.OutcomeNewVersion {
				b.Errorf("%s: outcome %s (%v)", a.URL, res.Outcome, res.Err)
				return
			}
			a = res.Article
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
	b.ReportMetric(float64(e.Render.(*render.Renderer).BrowserMemory())/(1<<20), "browser-PSS-MB")
}

// BenchmarkCheck_Plain checks a plain outlet's churning page, with and
// without a renderer wired: plain outlets never start a browser and pay
// nothing for it but reading their fetch mode.
func BenchmarkCheck_Plain(b *testing.B) {
	for _, withRenderer := range []bool{false, true} {
		b.Run("renderer="+strconv.FormatBool(withRenderer), func(b *testing.B) {
			ctx := context.Background()
			nr := newsroom.New(newsroom.Config{Seed: 1})
			srv := httptest.NewServer(nr.Handler(0))
			b.Cleanup(srv.Close)
			nr.SetBaseURL(0, srv.URL)
			st, err := store.Open(ctx, filepath.Join(b.TempDir(), "errata.db"))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { st.Close() })
			e := NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
			var r *render.Renderer
			if withRenderer {
				r = render.New(e.Fetch, render.Config{Chromium: "/nonexistent/chromium"})
				b.Cleanup(r.Close)
				e.Render = r
			}
			o, err := st.EnsureOutlet(ctx, "plain", "127.0.0.1")
			if err != nil {
				b.Fatal(err)
			}
			now := e.now()
			a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: nr.Truth()[0].URL, FirstSeen: now, NextCheck: now, State: model.StateActive})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				res, err := e.CheckArticle(ctx, a)
				if err != nil || res.Outcome == model.OutcomeError {
					b.Fatalf("outcome %s, err %v (%v)", res.Outcome, err, res.Err)
				}
				a = res.Article
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
			if r != nil && r.Started() != 0 {
				b.Errorf("%d browsers started for a plain outlet", r.Started())
			}
		})
	}
}
