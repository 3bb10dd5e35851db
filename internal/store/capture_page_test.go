package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// TestCapturePage_OldestFirstInPagesWithFilters: paging returns every
// capture once, in fetch order (ties by hash), without bodies; --since
// and one article's captures narrow it.
func TestCapturePage_OldestFirstInPagesWithFilters(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Ledger")
		a := mustArticle(t, s, o.ID, "https://ledger.example/a")
		base := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		// Inserted out of order; c and d share a time.
		times := map[string]time.Duration{"e": 4, "c": 2, "a": 0, "d": 2, "b": 1}
		for name, h := range times {
			c := model.Capture{Hash: fmt.Sprintf("%064s", name), URL: "https://ledger.example/" + name, Status: 200,
				Header: map[string][]string{"Content-Type": {"text/html"}}, FetchedAt: base.Add(h * time.Hour), Size: 3, Body: []byte("abc")}
			if added, err := s.AddCapture(ctx, c); err != nil || !added {
				t.Fatalf("AddCapture %s: %v, %v", name, added, err)
			}
		}
		if added, err := s.AddCapture(ctx, model.Capture{Hash: fmt.Sprintf("%064s", "a"), URL: "x", FetchedAt: base}); err != nil || added {
			t.Errorf("AddCapture of a kept hash: %v, %v; want false", added, err)
		}
		pages := func(q CaptureQuery) string {
			var got string
			for {
				page, err := s.CapturePage(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) == 0 {
					return got
				}
				for _, c := range page {
					if c.Body != nil || c.Header["Content-Type"][0] != "text/html" {
						t.Errorf("capture %s: body %q, header %v", c.Hash, c.Body, c.Header)
					}
					got += c.Hash[63:]
				}
				last := page[len(page)-1]
				q.AfterTime, q.AfterHash = last.FetchedAt, last.Hash
			}
		}
		if got := pages(CaptureQuery{Limit: 2}); got != "abcde" {
			t.Errorf("pages: %q, want abcde", got)
		}
		if got := pages(CaptureQuery{Limit: 2, Since: base.Add(2 * time.Hour)}); got != "cde" {
			t.Errorf("since: %q, want cde", got)
		}
		v := model.Version{ArticleID: a.ID, Seq: 0, FetchedAt: base, Title: "T", Text: "x", Hash: "h0", CaptureHash: fmt.Sprintf("%064s", "d")}
		if added, err := s.ImportVersion(ctx, v); err != nil || !added {
			t.Fatalf("ImportVersion: %v, %v", added, err)
		}
		if got := pages(CaptureQuery{Limit: 2, ArticleID: a.ID}); got != "d" {
			t.Errorf("article: %q, want d", got)
		}
		vs, err := s.CaptureVersions(ctx, v.CaptureHash)
		if err != nil || len(vs) != 1 || vs[0].Title != "T" {
			t.Errorf("CaptureVersions: %+v, %v", vs, err)
		}
	})
}

// TestImportVersion_SameTextAddsNothingAnotherIsRefused: a version
// imported twice is kept once; another text under a taken seq is
// ErrDuplicateVersion; the article's latest change moves forward only.
func TestImportVersion_SameTextAddsNothingAnotherIsRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Ledger")
		a := mustArticle(t, s, o.ID, "https://ledger.example/a")
		at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
		v1 := model.Version{ArticleID: a.ID, Seq: 1, FetchedAt: at.Add(time.Hour), Published: at, Title: "T", Text: "two", Hash: "h1"}
		v0 := model.Version{ArticleID: a.ID, Seq: 0, FetchedAt: at, Title: "T", Text: "one", Hash: "h0"}
		for _, v := range []model.Version{v1, v0} {
			if added, err := s.ImportVersion(ctx, v); err != nil || !added {
				t.Fatalf("ImportVersion %d: %v, %v", v.Seq, added, err)
			}
		}
		if added, err := s.ImportVersion(ctx, v1); err != nil || added {
			t.Errorf("ImportVersion again: %v, %v; want false, nil", added, err)
		}
		other := v1
		other.Text, other.Hash = "changed", "h2"
		if _, err := s.ImportVersion(ctx, other); !errors.Is(err, ErrDuplicateVersion) {
			t.Errorf("another text at seq 1: %v, want ErrDuplicateVersion", err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || !got.LastChanged.Equal(v1.FetchedAt) || !got.Published.Equal(at) {
			t.Errorf("last changed %v, published %v (%v); want %v, %v", got.LastChanged, got.Published, err, v1.FetchedAt, at)
		}
		if n, _ := s.CountVersions(ctx, a.ID); n != 2 {
			t.Errorf("%d versions, want 2", n)
		}
	})
}
