package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/errata/errata/internal/model"
)

// victimSite serves one real story on a second site.
func victimSite(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, page("Minister resigns", "The minister resigned on Monday after the inquiry reported.", 1))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCheck_RedirectToAnotherSiteNeverMovesTheArticle(t *testing.T) {
	victim := victimSite(t)
	target := victim.URL + "/their-story"
	var redirect atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if redirect.Load() {
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, page("Minister resigns", "The minister was never asked to resign, aides said.", 1))
	})
	ctx := context.Background()
	vo, err := f.st.EnsureOutlet(ctx, "victim", strings.TrimPrefix(victim.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	// The victim's own feed discovered its story already.
	va, _, err := f.st.AddArticle(ctx, model.Article{OutletID: vo.ID, URL: target, FirstSeen: f.now, NextCheck: f.now, State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	f.check(t) // the attacker's fake text, under the attacker's URL
	redirect.Store(true)
	for range 3 {
		f.check(t)
	}
	if f.a.URL != f.srv.URL+"/story" {
		t.Fatalf("attacker's article moved to %s; a redirect to another site must not move it", f.a.URL)
	}
	got, err := f.st.ArticleByURL(ctx, target)
	if err != nil || got.ID != va.ID || got.OutletID != vo.ID {
		t.Fatalf("victim URL is article %d of outlet %d (%v), want article %d of the victim outlet %d", got.ID, got.OutletID, err, va.ID, vo.ID)
	}
	if vs, _ := f.st.Versions(ctx, va.ID); len(vs) != 0 {
		t.Fatalf("victim article has %d versions before its own first check", len(vs))
	}
	res, err := f.e.CheckArticle(ctx, va)
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := f.st.Versions(ctx, va.ID)
	if res.Outcome != model.OutcomeNewVersion || len(vs) != 1 || !strings.Contains(vs[0].Text, "resigned on Monday") {
		t.Fatalf("victim's first check: %s, %d versions; want its own text as v0", res.Outcome, len(vs))
	}
}

func TestCheck_PermanentRedirectWithinTheSiteMovesTheArticle(t *testing.T) {
	var redirect atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if redirect.Load() && r.URL.Path == "/story" {
			http.Redirect(w, r, "/story-new-slug", http.StatusMovedPermanently)
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	f.check(t)
	redirect.Store(true)
	res := f.check(t)
	if f.a.URL != f.srv.URL+"/story-new-slug" || res.Version != nil {
		t.Fatalf("after a 301 within the site: %s at %s, want no version, at the new slug", res.Outcome, f.a.URL)
	}
	if a, err := f.st.ArticleByURL(context.Background(), f.srv.URL+"/story"); err != nil || a.ID != f.a.ID {
		t.Fatalf("old URL is article %d (%v), want an alias of %d", a.ID, err, f.a.ID)
	}
}

func TestCheck_RedirectToTheHomePageIsGoneNotAVersion(t *testing.T) {
	var redirect atomic.Bool
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if redirect.Load() && r.URL.Path == "/story" {
			http.Redirect(w, r, "/", http.StatusMovedPermanently)
			return
		}
		if r.URL.Path == "/" {
			fmt.Fprint(w, page("Front page", "Today's top stories from around the region, updated all day long.", 2))
			return
		}
		fmt.Fprint(w, page("Council approves budget", "The council approved the budget on Tuesday.", 1))
	})
	f.check(t)
	redirect.Store(true)
	res := f.check(t)
	if res.Outcome != model.OutcomeGone || f.a.URL != f.srv.URL+"/story" {
		t.Fatalf("redirect to the home page: %s at %s, want gone at the article's URL", res.Outcome, f.a.URL)
	}
	if res.Err == nil || !strings.Contains(res.Err.Error(), "home page") {
		t.Errorf("reason %v, want one naming the home page", res.Err)
	}
	if vs := f.versions(t); len(vs) != 1 {
		t.Fatalf("%d versions, want the article's one", len(vs))
	}
}

func TestPoll_AFeedCannotClaimAnotherSitesArticle(t *testing.T) {
	victim := victimSite(t)
	tracked, untracked := victim.URL+"/their-story", victim.URL+"/another-story"
	feed := fmt.Sprintf(`<?xml version="1.0"?><rss version="2.0"><channel><title>Attacker</title>
<item><title>Theirs</title><link>%s</link></item>
<item><title>Also theirs</title><link>%s</link></item>
<item><title>Ours</title><link>%%s/own-story</link></item>
</channel></rss>`, tracked, untracked)
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, feed, "http://"+r.Host)
	})
	ctx := context.Background()
	victimHost := strings.TrimPrefix(victim.URL, "http://")
	vo, err := f.st.EnsureOutlet(ctx, "victim", victimHost)
	if err != nil {
		t.Fatal(err)
	}
	src, _, err := f.st.AddSource(ctx, model.Source{OutletID: f.a.OutletID, URL: f.srv.URL + "/feed", Kind: model.SourceFeed, NextPoll: f.now, CreatedAt: f.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.e.PollSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	for u, want := range map[string]int64{tracked: vo.ID, untracked: vo.ID, f.srv.URL + "/own-story": f.a.OutletID} {
		a, err := f.st.ArticleByURL(ctx, u)
		if err != nil || a.OutletID != want {
			t.Errorf("%s: outlet %d (%v), want %d", u, a.OutletID, err, want)
		}
	}
}

func TestPoll_AnotherSitesArticleGetsAnOutletOfItsOwn(t *testing.T) {
	victim := victimSite(t)
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Aggregator</title>
<item><title>Theirs</title><link>%s/their-story</link></item></channel></rss>`, victim.URL)
	})
	ctx := context.Background()
	src, _, err := f.st.AddSource(ctx, model.Source{OutletID: f.a.OutletID, URL: f.srv.URL + "/feed", Kind: model.SourceFeed, NextPoll: f.now, CreatedAt: f.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.e.PollSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	a, err := f.st.ArticleByURL(ctx, victim.URL+"/their-story")
	if err != nil {
		t.Fatal(err)
	}
	o, err := f.st.Outlet(ctx, a.OutletID)
	if err != nil || o.ID == f.a.OutletID || o.Host != strings.TrimPrefix(victim.URL, "http://") {
		t.Fatalf("article of outlet %+v (%v), want a new outlet on its own host", o, err)
	}
}
