package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// TestCheck_ArticleMergedWhileCheckedIsStale catches a check in flight
// while another worker's check of an older article follows its redirect
// to the same URL and merges the fresh article into the old one. The
// check in flight then has no article to record into: it is stale, as
// when another worker recorded the same visit first, and is dropped
// quietly instead of failing with "store: not found".
func TestCheck_ArticleMergedWhileCheckedIsStale(t *testing.T) {
	var redirect, hold atomic.Bool
	started, release := make(chan struct{}), make(chan struct{})
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/old" && redirect.Load():
			http.Redirect(w, r, "/story", http.StatusMovedPermanently)
			return
		case r.URL.Path == "/story" && hold.CompareAndSwap(true, false):
			close(started)
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
			fmt.Fprint(w, page("Ferry service resumes", "The ferry service resumed on Friday after repairs.", 2))
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	ctx := context.Background()
	old, _, err := f.st.AddArticle(ctx, model.Article{OutletID: f.a.OutletID, URL: f.srv.URL + "/old",
		FirstSeen: f.now, NextCheck: f.now, State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := f.e.CheckArticle(ctx, old); err != nil || res.Version == nil {
		t.Fatalf("first check of the old article: %v, version %v", err, res.Version)
	}
	old, _ = f.st.Article(ctx, old.ID)

	// A second worker, with a fetcher of its own, as another process has.
	other := NewEngine(f.st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	other.Now = func() time.Time { return f.now.Add(time.Hour) }

	hold.Store(true)
	done := make(chan error, 1)
	go func() {
		_, err := f.e.CheckArticle(ctx, f.a)
		done <- err
	}()
	<-started
	redirect.Store(true)
	res, err := other.CheckArticle(ctx, old)
	if err != nil {
		t.Fatalf("the old article's check: %v", err)
	}
	if res.Article.ID != old.ID || res.Article.URL != f.a.URL {
		t.Fatalf("old article now %d at %s; want %d at %s", res.Article.ID, res.Article.URL, old.ID, f.a.URL)
	}
	close(release)
	err = <-done
	if !errors.Is(err, store.ErrStale) || errors.Is(err, store.ErrNotFound) {
		t.Fatalf("check of the merged article: %v; want a stale check", err)
	}
	if st, _ := f.st.Stats(ctx); st.Articles != 1 || st.Versions != 1 {
		t.Errorf("stats %+v; want the old article alone with its version", st)
	}
}
