package jobs

import (
	"context"
	"net/http"
	"testing"
)

// TestCrawl_ArticleCheckedMeanwhileElsewhereIsSkippedNotAnError: while the
// crawl fetches the page, another process records a check of the same
// article (the server does it here, through the store, before answering).
// The crawl's own check is then stale: it is counted as skipped, and the
// pass succeeds.
func TestCrawl_ArticleCheckedMeanwhileElsewhereIsSkippedNotAnError(t *testing.T) {
	var f *fixture
	f = newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		a, err := f.st.Article(r.Context(), f.a.ID)
		if err != nil {
			t.Error(err)
			return
		}
		a.LastChecked = f.now.Add(-1)
		if err := f.st.UpdateArticle(r.Context(), a); err != nil {
			t.Error(err)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page("Council approves budget", "The council approved the budget on Monday.", 1)))
	})
	st, err := f.e.Crawl(context.Background(), true, 1)
	if err != nil {
		t.Fatalf("Crawl: %v; want the stale check skipped", err)
	}
	if st.Skipped != 1 || st.Checks != 0 {
		t.Errorf("stats %+v, want 1 skipped and 0 checks", st)
	}
	if n, err := f.st.CountChecks(context.Background(), f.a.ID); err != nil || n != 0 {
		t.Errorf("%d checks recorded (%v), want 0: the other process's visit is not one of ours", n, err)
	}
}
