package jobs

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/store"
)

// benchPages are the pages the check benchmarks run on: one from the
// newsroom and, when the shared benchmark set is present, a real one.
func benchPages(b *testing.B) map[string][]byte {
	b.Helper()
	pages := map[string][]byte{"newsroom": newsroomPage(b)}
	const real = "../../../shared/data/article-extraction-benchmark/html/042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz"
	if f, err := os.Open(real); err == nil {
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			b.Fatal(err)
		}
		pages["real"] = body
	}
	return pages
}

func newsroomPage(b *testing.B) []byte {
	nr := newsroom.New(newsroom.Config{Seed: 1})
	srv := httptest.NewServer(nr.Handler(0))
	defer srv.Close()
	nr.SetBaseURL(0, srv.URL)
	resp, err := http.Get(nr.Truth()[0].URL)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// benchEngine is an engine on a fresh store tracking one article at srv.
func benchEngine(b *testing.B, srv *httptest.Server) (*Engine, model.Article) {
	b.Helper()
	dir := b.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "errata.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	fc := fetch.New(fetch.Config{AllowPrivate: true, HostInterval: 0})
	e := NewEngine(st, fc, nil)
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, "bench", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	now := e.now()
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: srv.URL + "/article", FirstSeen: now, NextCheck: now, State: model.StateActive})
	if err != nil {
		b.Fatal(err)
	}
	return e, a
}

func serve(b *testing.B, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkCheck_NotModified is a check answered 304 thanks to the ETag.
func BenchmarkCheck_NotModified(b *testing.B) {
	page := newsroomPage(b)
	srv := serve(b, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(page)
	})
	runChecks(b, srv, model.OutcomeNotModified)
}

// BenchmarkCheck_SameBytes is a 200 whose body is byte for byte the last
// one: no extraction runs.
func BenchmarkCheck_SameBytes(b *testing.B) {
	page := newsroomPage(b)
	srv := serve(b, func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	runChecks(b, srv, model.OutcomeSameBytes)
}

func runChecks(b *testing.B, srv *httptest.Server, want model.Outcome) {
	e, a := benchEngine(b, srv)
	ctx := context.Background()
	res, err := e.CheckArticle(ctx, a) // the first version
	if err != nil {
		b.Fatal(err)
	}
	a = res.Article
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := e.CheckArticle(ctx, a)
		if err != nil || res.Outcome != want {
			b.Fatalf("outcome %s, err %v; want %s", res.Outcome, err, want)
		}
		a = res.Article
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "checks/s")
}

// BenchmarkCheck_Changed is a check of a page that changed: fetch,
// extract, find the difference, keep the fetch pending, then the
// confirmation fetch a moment later, extract again, re-read the latest
// capture, revise, diff, keep the capture and record the version. One op
// is the whole real change, both fetches. Compare with
// BenchmarkTrafilaturaAlone on the same page.
func BenchmarkCheck_Changed(b *testing.B) {
	for name, page := range benchPages(b) {
		b.Run(name, func(b *testing.B) {
			var rev atomic.Int64
			srv := serve(b, func(w http.ResponseWriter, r *http.Request) {
				w.Write(revisedPage(page, rev.Load()))
			})
			e, a := benchEngine(b, srv)
			ctx := context.Background()
			check := func() CheckResult {
				res, err := e.CheckArticle(ctx, a)
				if err != nil {
					b.Fatal(err)
				}
				a = res.Article
				return res
			}
			fetches := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				if i > 0 && i%versionsPerArticle == 0 {
					// Real articles have a few dozen versions at most;
					// a fresh one keeps the history realistic.
					b.StopTimer()
					a = freshArticle(b, e, a)
					b.StartTimer()
				}
				rev.Add(1)
				res := check()
				fetches++
				if res.Outcome == model.OutcomeConfirming {
					res = check()
					fetches++
				}
				if res.Outcome != model.OutcomeNewVersion {
					b.Fatalf("outcome %s (%v)", res.Outcome, res.Err)
				}
			}
			b.ReportMetric(float64(fetches)/float64(b.N), "fetches/op")
		})
	}
}

// versionsPerArticle is how many versions one benchmark article gets.
const versionsPerArticle = 20

// freshArticle tracks another article of the same outlet at the same server.
func freshArticle(b *testing.B, e *Engine, prev model.Article) model.Article {
	now := e.now()
	a, _, err := e.Store.AddArticle(context.Background(), model.Article{
		OutletID: prev.OutletID, URL: fmt.Sprintf("%s?n=%d", prev.URL, now.UnixNano()),
		FirstSeen: now, NextCheck: now, State: model.StateActive,
	})
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// BenchmarkTrafilaturaAlone is go-trafilatura's extraction with default
// options on the pages the check benchmarks use.
func BenchmarkTrafilaturaAlone(b *testing.B) {
	for name, page := range benchPages(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			i := int64(0)
			for b.Loop() {
				i++
				_, err := trafilatura.Extract(bytes.NewReader(revisedPage(page, i)), trafilatura.Options{})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// revisedPage makes revision n of a page: the paragraph in the middle of
// the page (inside the article on any news page) gains a sentence, as an
// outlet's update would.
func revisedPage(page []byte, n int64) []byte {
	s := string(page)
	var opens []int
	for i := 0; ; {
		j := strings.Index(s[i:], "<p")
		if j < 0 {
			break
		}
		i += j + 2
		if i < len(s) && (s[i] == '>' || s[i] == ' ') {
			if k := strings.IndexByte(s[i:], '>'); k >= 0 {
				opens = append(opens, i+k+1)
			}
		}
	}
	if len(opens) == 0 {
		return page
	}
	at := opens[len(opens)/2]
	return []byte(s[:at] + fmt.Sprintf("Update %d: officials gave new figures on Tuesday. ", n) + s[at:])
}

// BenchmarkCheck_Churn is a check of a newsroom page whose furniture
// changes on every request while its article does not: the common case
// on real outlets, extracted and compared every time, never a version.
func BenchmarkCheck_Churn(b *testing.B) {
	nr := newsroom.New(newsroom.Config{Seed: 1})
	srv := httptest.NewServer(nr.Handler(0))
	b.Cleanup(srv.Close)
	nr.SetBaseURL(0, srv.URL)
	e, a := benchEngine(b, srv)
	a.URL = nr.Truth()[0].URL
	ctx := context.Background()
	res, err := e.CheckArticle(ctx, a)
	if err != nil || res.Version == nil {
		b.Fatalf("first check: %v %v", res.Outcome, err)
	}
	a = res.Article
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		res, err := e.CheckArticle(ctx, a)
		if err != nil || res.Version != nil {
			b.Fatalf("outcome %s, err %v", res.Outcome, err)
		}
		a = res.Article
	}
}
