package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestOutletFetch_ModeAndShortTextNotes(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Script Gazette")
		if o.Fetch != model.FetchHTTP || o.Browser() {
			t.Fatalf("new outlet fetch mode %q, want http", o.Fetch)
		}
		at := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
		short := model.ShortText{URL: "https://gazette.example/a", Words: 12, Promised: 400, At: at}
		for range 2 {
			if err := s.NoteShortText(ctx, o.ID, short); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Outlet(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		short.Count = 2
		if got.Short != short || !got.SuggestBrowser() {
			t.Errorf("short text %+v (suggest %v), want %+v and a suggestion", got.Short, got.SuggestBrowser(), short)
		}

		if err := s.SetOutletFetch(ctx, o.ID, model.FetchBrowser); err != nil {
			t.Fatal(err)
		}
		if err := s.NoteShortText(ctx, o.ID, short); err != nil {
			t.Fatal(err)
		}
		got, _ = s.Outlet(ctx, o.ID)
		if !got.Browser() || got.Short.Count != 0 || got.SuggestBrowser() {
			t.Errorf("after the switch: mode %q, %d short fetches, suggest %v; want browser, 0, false", got.Fetch, got.Short.Count, got.SuggestBrowser())
		}
		if err := s.SetOutletFetch(ctx, o.ID, "lynx"); err == nil {
			t.Error("an unknown fetch mode was accepted")
		}
	})
}

func TestCopy_KeepsFetchModeAndShortText(t *testing.T) {
	from, _ := openTemp(t)
	to, _ := openTemp(t)
	testCopy(t, from, to)
	ctx := context.Background()
	daily, err := to.OutletByName(ctx, "Daily")
	if err != nil {
		t.Fatal(err)
	}
	uni, err := to.OutletByName(ctx, "Ünïcode Times")
	if err != nil {
		t.Fatal(err)
	}
	if !daily.Browser() || uni.Short.Promised != 300 || uni.Short.Count != 1 {
		t.Errorf("copied outlets: Daily fetch %q, Ünïcode Times short %+v", daily.Fetch, uni.Short)
	}
}

func TestArticlePromise_SetAndRead(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		if got, err := s.ArticlePromise(ctx, a.ID); err != nil || got != 0 {
			t.Fatalf("promise before any = %d, %v", got, err)
		}
		for _, words := range []int{420, 450} {
			if err := s.SetArticlePromise(ctx, a.ID, words); err != nil {
				t.Fatal(err)
			}
			if got, err := s.ArticlePromise(ctx, a.ID); err != nil || got != words {
				t.Fatalf("promise = %d, %v; want %d", got, err, words)
			}
		}
	})
}

// TestPurge_TakesTheServedPageOfARenderedCapture: a check that kept a
// rendered DOM and the page as served records both, and purging the
// article deletes both, logged, so verify finds nothing amiss.
func TestPurge_TakesTheServedPageOfARenderedCapture(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		served := capture("served")
		dom := capture("dom")
		dom.Header = map[string][]string{"Content-Type": {"text/html; charset=utf-8"},
			model.HeaderRendered: {"browser"}, model.HeaderServedCapture: {served.Hash}}
		v := version(a.ID, 0)
		v.CaptureHash = dom.Hash
		rec := CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: dom, Served: served, Version: v}
		if _, err := s.Record(ctx, rec); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{dom.Hash, served.Hash} {
			if _, err := s.Capture(ctx, h); err != nil {
				t.Fatalf("capture %s not kept: %v", h, err)
			}
		}
		p, err := s.PurgeArticle(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Captures != 2 {
			t.Errorf("purged %d captures, want 2", p.Captures)
		}
		for _, h := range []string{dom.Hash, served.Hash} {
			if _, err := s.Capture(ctx, h); err == nil {
				t.Errorf("capture %s survived the purge", h)
			}
		}
		if got := verifyFindings(t, s, ""); len(got) != 0 {
			t.Errorf("verify findings %q, want none", got)
		}
	})
}

// A fetch mode changed through the store is what OutletFetchMode gives at
// once, though it caches what it read.
func TestOutletFetchMode_SeesAChangeAtOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "daily")
		for _, mode := range []model.FetchMode{model.FetchHTTP, model.FetchBrowser, model.FetchHTTP} {
			if err := s.SetOutletFetch(ctx, o.ID, mode); err != nil {
				t.Fatal(err)
			}
			for range 2 { // read, then cached
				if got, err := s.OutletFetchMode(ctx, o.ID); err != nil || got != mode {
					t.Fatalf("OutletFetchMode = %q, %v; want %q", got, err, mode)
				}
			}
		}
		if _, err := s.OutletFetchMode(ctx, o.ID+100); !errors.Is(err, ErrNotFound) {
			t.Errorf("OutletFetchMode of no outlet: %v, want ErrNotFound", err)
		}
	})
}
