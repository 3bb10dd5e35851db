package jobs

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestPollSource_KeepsWhyItFailedAndWhichSourceFoundEachArticle(t *testing.T) {
	var broken atomic.Bool
	broken.Store(true)
	var f *fixture
	f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte(strings.ReplaceAll(rssFeed, "BASE", f.srv.URL)))
	})
	f.addSource(t, "/feed.xml", model.SourceFeed)
	if _, err := f.poll(t); err == nil {
		t.Fatal("poll of a failing feed succeeded")
	}
	src := f.source(t)
	if src.Errors != 1 || !strings.Contains(src.LastError, "503") || src.State() != model.SourceFailing {
		t.Errorf("after a failed poll: errors %d, last error %q, state %s", src.Errors, src.LastError, src.State())
	}
	broken.Store(false)
	if _, err := f.poll(t); err != nil {
		t.Fatal(err)
	}
	src = f.source(t)
	if src.Errors != 0 || src.LastError != "" || src.State() != model.SourceActive {
		t.Errorf("after a good poll: errors %d, last error %q, state %s", src.Errors, src.LastError, src.State())
	}
	a, err := f.st.ArticleByURL(context.Background(), f.srv.URL+"/news/1")
	if err != nil || a.SourceID != src.ID {
		t.Errorf("article found = %+v, %v; want it credited to source %d", a, err, src.ID)
	}
}

func TestCrawl_LeavesPausedSourcesAndHeldArticlesAlone(t *testing.T) {
	var feedHits, storyHits atomic.Int64
	var f *fixture
	f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			feedHits.Add(1)
			w.Write([]byte(strings.ReplaceAll(rssFeed, "BASE", f.srv.URL)))
		case "/story":
			storyHits.Add(1)
			w.Write([]byte(page("Council votes", "The council voted on Tuesday.", 1)))
		default:
			http.NotFound(w, r)
		}
	})
	ctx := context.Background()
	f.addSource(t, "/feed.xml", model.SourceFeed)
	if err := f.st.SetSourcePaused(ctx, f.source(t).ID, true); err != nil {
		t.Fatal(err)
	}
	for _, h := range []model.Hold{model.HoldPaused, model.HoldRemoved} {
		if err := f.st.SetArticleHold(ctx, f.a.ID, h); err != nil {
			t.Fatal(err)
		}
		for _, all := range []bool{false, true} {
			if _, err := f.e.Crawl(ctx, all, 1); err != nil {
				t.Fatal(err)
			}
		}
	}
	if feedHits.Load() != 0 || storyHits.Load() != 0 {
		t.Errorf("paused feed polled %d times, held article checked %d times; want none", feedHits.Load(), storyHits.Load())
	}
	if err := f.st.SetSourcePaused(ctx, f.source(t).ID, false); err != nil {
		t.Fatal(err)
	}
	if err := f.st.SetArticleHold(ctx, f.a.ID, model.HoldNone); err != nil {
		t.Fatal(err)
	}
	if _, err := f.e.Crawl(ctx, true, 1); err != nil {
		t.Fatal(err)
	}
	if feedHits.Load() == 0 || storyHits.Load() == 0 {
		t.Errorf("after resume: feed polled %d times, article checked %d times; want both", feedHits.Load(), storyHits.Load())
	}
}
