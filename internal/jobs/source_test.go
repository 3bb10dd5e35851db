package jobs

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
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

// poll polls the fixture's one source as it is stored now.
func (f *fixture) poll(t *testing.T) (PollResult, error) {
	t.Helper()
	srcs, err := f.st.Sources(context.Background())
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources = %v, %v; want one", srcs, err)
	}
	f.now = f.now.Add(time.Hour)
	return f.e.PollSource(context.Background(), srcs[0])
}

// tracked reports whether an article is tracked under the server's path.
func (f *fixture) tracked(t *testing.T, path string) bool {
	t.Helper()
	_, err := f.st.ArticleByURL(context.Background(), f.srv.URL+path)
	return err == nil
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
