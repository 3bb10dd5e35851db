package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// benchFixture seeds a long article: 40 paragraphs, 12 versions, each
// editing a few paragraphs, the shape of a developing story.
func benchFixture(b *testing.B) (*fixture, int64) {
	f := newFixture(b, Config{})
	paras := make([]string, 40)
	for i := range paras {
		paras[i] = fmt.Sprintf("Paragraph %d tells part of the story with enough words to look like real reporting, "+
			"quoting officials and witnesses at length about what happened on the day.", i)
	}
	var drafts []draft
	for v := range 12 {
		paras[(v*7)%40] = fmt.Sprintf("Paragraph rewritten in version %d with new facts and a fresh quote.", v)
		drafts = append(drafts, draft{fmt.Sprintf("Developing story, version %d", v), "By Staff",
			strings.Join(paras, "\n\n")})
	}
	a := seedArticle(b, f.store, "Daily Planet", "https://planet.example/long", drafts)
	return f, a.ID
}

func benchPage(b *testing.B, h http.Handler, path string) {
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s = %d", path, rec.Code)
		}
	}
}

func BenchmarkHistoryPage(b *testing.B) {
	f, id := benchFixture(b)
	benchPage(b, f.srv.Handler(), fmt.Sprintf("/articles/%d", id))
}

func BenchmarkDiffPage(b *testing.B) {
	f, id := benchFixture(b)
	benchPage(b, f.srv.Handler(), fmt.Sprintf("/articles/%d/diff/4/5", id))
}

func BenchmarkDiffPageInline(b *testing.B) {
	f, id := benchFixture(b)
	benchPage(b, f.srv.Handler(), fmt.Sprintf("/articles/%d/diff/4/5?view=inline", id))
}

func BenchmarkChangesFeed(b *testing.B) {
	f, _ := benchFixture(b)
	benchPage(b, f.srv.Handler(), "/changes.atom")
}

// BenchmarkChangesFeed_Cold renders the feed with every entry's diff
// computed and rendered afresh, as after a restart.
func BenchmarkChangesFeed_Cold(b *testing.B) {
	f, _ := benchFixture(b)
	h := f.srv.Handler()
	b.ReportAllocs()
	for b.Loop() {
		f.srv.diffs = newDiffCache(diffCacheBytes, diffCacheEntries)
		f.srv.entries = newEntryCache()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/changes.atom", nil))
		if rec.Code != http.StatusOK {
			b.Fatalf("/changes.atom = %d", rec.Code)
		}
	}
}

func BenchmarkChangesPage(b *testing.B) {
	f, _ := benchFixture(b)
	benchPage(b, f.srv.Handler(), "/")
}

// BenchmarkDiffPage_Rewrite asks again and again, as readers and crawlers
// do, for the diff of a long article rewritten from top to bottom.
func BenchmarkDiffPage_Rewrite(b *testing.B) {
	f := newFixture(b, Config{})
	a := seedArticle(b, f.store, "Daily Planet", "https://planet.example/rewrite", rewrittenDrafts(2000))
	b.Run("page", func(b *testing.B) {
		benchPage(b, f.srv.Handler(), fmt.Sprintf("/articles/%d/diff/0/1", a.ID))
	})
	b.Run("api", func(b *testing.B) {
		benchPage(b, f.srv.Handler(), fmt.Sprintf("/api/v1/articles/%d/diff/0/1", a.ID))
	})
}
