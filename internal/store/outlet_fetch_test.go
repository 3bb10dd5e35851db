package store

import (
	"context"
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
