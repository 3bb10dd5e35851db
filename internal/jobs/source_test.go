package jobs

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
)

// addSource registers the fixture's server path as a source of its outlet.
func (f *fixture) addSource(t *testing.T, path string, kind model.SourceKind) {
	t.Helper()
	_, _, err := f.st.AddSource(context.Background(), model.Source{
		OutletID: f.a.OutletID, URL: f.srv.URL + path, Kind: kind, NextPoll: f.now, CreatedAt: f.now,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// source returns the fixture's one source as it is stored now.
func (f *fixture) source(t *testing.T) model.Source {
	t.Helper()
	srcs, err := f.st.Sources(context.Background())
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources = %v, %v; want one", srcs, err)
	}
	return srcs[0]
}

// poll polls the fixture's one source an hour after the previous poll.
func (f *fixture) poll(t *testing.T) (PollResult, error) {
	t.Helper()
	src := f.source(t)
	f.now = f.now.Add(time.Hour)
	return f.e.PollSource(context.Background(), src)
}

// tracked reports whether an article is tracked under the server's path.
func (f *fixture) tracked(t *testing.T, path string) bool {
	t.Helper()
	_, err := f.st.ArticleByURL(context.Background(), f.srv.URL+path)
	return err == nil
}

// feedOf renders an RSS feed of n items, oldest first, item i published
// i minutes after the first.
func feedOf(base string, n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>`)
	t0 := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Item %d</title><link>%s/news/%d</link><pubDate>%s</pubDate></item>\n",
			i, base, i, t0.Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z))
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// A feed of more items than maxNewPerPoll yields the newest
// maxNewPerPoll articles on the first poll and the rest on the next,
// although the feed is unchanged: the first poll keeps no validators.
func TestPollSource_CapsNewArticlesAndTakesTheRestNextPoll(t *testing.T) {
	const extra = 37
	var notModified atomic.Int64
	var f *fixture
	f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feedOf(f.srv.URL, maxNewPerPoll+extra))
	})
	f.addSource(t, "/feed.xml", model.SourceFeed)

	first, err := f.poll(t)
	if err != nil {
		t.Fatal(err)
	}
	if first.New != maxNewPerPoll || first.Deferred != extra {
		t.Fatalf("first poll: %d new, %d deferred; want %d, %d", first.New, first.Deferred, maxNewPerPoll, extra)
	}
	if !f.tracked(t, fmt.Sprintf("/news/%d", maxNewPerPoll+extra-1)) || f.tracked(t, "/news/0") {
		t.Errorf("first poll did not take the newest items first")
	}
	// The fixture's host interval is 0: the host checks the batch at once,
	// so the rest is due as soon as the schedule allows.
	if next := f.source(t).NextPoll; !next.Equal(f.now.Add(schedule.MinInterval)) {
		t.Errorf("after a capped poll the next is due at %v, want %v", next, f.now.Add(schedule.MinInterval))
	}
	second, err := f.poll(t)
	if err != nil {
		t.Fatal(err)
	}
	if second.New != extra || second.Deferred != 0 || notModified.Load() != 0 {
		t.Fatalf("second poll: %d new, %d deferred, %d answered 304; want %d, 0, 0",
			second.New, second.Deferred, notModified.Load(), extra)
	}
	if !f.tracked(t, "/news/0") {
		t.Errorf("oldest item not tracked after the second poll")
	}
	// A complete poll keeps the validators: the next one is conditional.
	if third, err := f.poll(t); err != nil || third.New != 0 || notModified.Load() != 1 {
		t.Errorf("third poll: %+v, %v, %d answered 304; want nothing new from a 304", third, err, notModified.Load())
	}
}

func TestNewestFirst_DatedNewestFirstThenUndatedInOrder(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 23, h, 0, 0, 0, time.UTC) }
	links := []discover.Link{
		{URL: "undated-1"},
		{URL: "published-9", Published: at(9)},
		{URL: "updated-10", Updated: at(10)},
		{URL: "undated-2"},
		{URL: "published-8-updated-11", Published: at(8), Updated: at(11)},
	}
	var got []string
	for _, l := range newestFirst(links) {
		got = append(got, l.URL)
	}
	want := []string{"updated-10", "published-9", "published-8-updated-11", "undated-1", "undated-2"}
	if !slices.Equal(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// A sitemap index whose child stalls, fails or is broken still yields its
// other children's URLs; the failed child is reported and read on the
// next poll, which is not answered from the validators.
func TestPollSource_FailedChildSitemapDoesNotFailTheIndex(t *testing.T) {
	tests := []struct {
		name string
		bad  http.HandlerFunc
	}{
		{"stalled", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }},
		{"server error", func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
		}},
		{"not a sitemap", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<html>maintenance</html>") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var recovered atomic.Bool
			var f *fixture
			f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/xml")
				switch r.URL.Path {
				case "/sitemap.xml":
					w.Header().Set("ETag", `"index"`)
					if r.Header.Get("If-None-Match") == `"index"` {
						w.WriteHeader(http.StatusNotModified)
						return
					}
					fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%[1]s/a.xml</loc></sitemap>`+
						`<sitemap><loc>%[1]s/bad.xml</loc></sitemap><sitemap><loc>%[1]s/b.xml</loc></sitemap></sitemapindex>`, f.srv.URL)
				case "/a.xml", "/b.xml", "/bad.xml":
					if r.URL.Path == "/bad.xml" && !recovered.Load() {
						tt.bad(w, r)
						return
					}
					name := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), ".xml")
					fmt.Fprintf(w, `<urlset><url><loc>%[1]s/news/%[2]s1</loc></url><url><loc>%[1]s/news/%[2]s2</loc></url></urlset>`, f.srv.URL, name)
				default:
					http.NotFound(w, r)
				}
			})
			f.e.Fetch = fetch.New(fetch.Config{AllowPrivate: true, HeaderTimeout: time.Second})
			t.Cleanup(f.e.Fetch.CloseIdleConnections)
			f.addSource(t, "/sitemap.xml", model.SourceSitemap)

			first, err := f.poll(t)
			if err != nil {
				t.Fatalf("poll failed: %v", err)
			}
			if first.New != 4 || !slices.Equal(first.Failed, []string{f.srv.URL + "/bad.xml"}) {
				t.Fatalf("first poll: %d new, failed %q; want 4 new, the bad child failed", first.New, first.Failed)
			}
			for _, p := range []string{"/news/a1", "/news/a2", "/news/b1", "/news/b2"} {
				if !f.tracked(t, p) {
					t.Errorf("%s not tracked", p)
				}
			}
			recovered.Store(true)
			second, err := f.poll(t)
			if err != nil || second.New != 2 || len(second.Failed) != 0 {
				t.Fatalf("second poll: %+v, %v; want the recovered child's 2 articles", second, err)
			}
		})
	}
}

// After a capped poll the next batch waits for the host to check this
// one at its pace, never less than the schedule's least interval.
func TestBacklogDelay_OneHostIntervalPerArticle(t *testing.T) {
	tests := []struct {
		interval time.Duration
		added    int
		want     time.Duration
	}{
		{time.Second, maxNewPerPoll, maxNewPerPoll * time.Second},
		{5 * time.Millisecond, 10, schedule.MinInterval},
		{0, maxNewPerPoll, schedule.MinInterval},
	}
	for _, tt := range tests {
		e := &Engine{Fetch: fetch.New(fetch.Config{HostInterval: tt.interval})}
		if got := e.backlogDelay(tt.added); got != tt.want {
			t.Errorf("interval %s, %d added: delay %s, want %s", tt.interval, tt.added, got, tt.want)
		}
	}
}

// A gzipped sitemap is held to the fetch client's body size limit once
// inflated, as a plain one is.
func TestPollSource_GzippedSitemapHeldToTheBodyLimit(t *testing.T) {
	const limit = 64 << 10
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{"within the limit", limit / 2, false},
		{"inflates past it", 4 * limit, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f *fixture
			f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/sitemap.xml.gz" {
					http.NotFound(w, r)
					return
				}
				w.Header().Set("Content-Type", "application/x-gzip")
				zw := gzip.NewWriter(w)
				defer zw.Close()
				doc := fmt.Sprintf(`<urlset><url><loc>%s/news/1</loc></url>`, f.srv.URL)
				fmt.Fprint(zw, doc, strings.Repeat(" ", tt.size-len(doc)-len("</urlset>")), "</urlset>")
			})
			f.e.Fetch = fetch.New(fetch.Config{AllowPrivate: true, MaxBodySize: limit})
			t.Cleanup(f.e.Fetch.CloseIdleConnections)
			f.addSource(t, "/sitemap.xml.gz", model.SourceSitemap)
			res, err := f.poll(t)
			if tt.wantErr {
				if !errors.Is(err, discover.ErrTooLarge) {
					t.Fatalf("err = %v, want discover.ErrTooLarge", err)
				}
				return
			}
			if err != nil || res.New != 1 {
				t.Fatalf("poll: %+v, %v; want 1 new article", res, err)
			}
		})
	}
}
