package jobs

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/browsertest"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/render"
	"github.com/errata/errata/internal/store"
)

// scriptNewsroom starts a newsroom with only its two script outlets
// tracked, in a fresh store, and an engine that renders browser outlets
// with up to tabs pages at once (0: the default).
func scriptNewsroom(t testing.TB, mode model.FetchMode, tabs int) (*Engine, *store.Store, *newsroom.Newsroom, []newsroom.OutletInfo) {
	t.Helper()
	ctx := context.Background()
	nr := newsroom.New(newsroom.Config{Seed: 7, ScriptOutlets: true, ArticlesPerOutlet: 3})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nr.Close)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fc := fetch.New(fetch.Config{AllowPrivate: true})
	e := NewEngine(st, fc, nil)
	if mode == model.FetchBrowser {
		r := render.New(fc, render.Config{Chromium: browsertest.Path(t), Tabs: tabs, Timeout: 20 * time.Second, IdleTimeout: 5 * time.Second})
		t.Cleanup(r.Close)
		e.Render = r
	}
	var script []newsroom.OutletInfo
	for _, o := range nr.Outlets() {
		if !strings.HasPrefix(o.Style, "script-") {
			continue
		}
		script = append(script, o)
		if _, err := e.AddURL(ctx, o.FeedURL, o.Name); err != nil {
			t.Fatal(err)
		}
		out, err := st.OutletNamed(ctx, o.Name)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.SetOutletFetch(ctx, out.ID, mode); err != nil {
			t.Fatal(err)
		}
	}
	return e, st, nr, script
}

// TestRender_NewsroomScriptOutletsRecordEveryRevision crawls the script
// outlets through the newsroom's whole script with the browser mode: every
// revision is recorded, and nothing else.
func TestRender_NewsroomScriptOutletsRecordEveryRevision(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	e, st, nr, script := scriptNewsroom(t, model.FetchBrowser, 0)
	crawl := func() {
		t.Helper()
		if _, err := e.Crawl(ctx, true, 4); err != nil {
			t.Fatal(err)
		}
	}
	for {
		crawl()
		crawl()
		if nr.Step() >= nr.Steps()-1 {
			break
		}
		nr.Advance()
	}
	for range 3 {
		crawl()
	}
	truth := scriptTruth(nr, script)
	got := recorded(t, st)
	s := newsroom.ScoreAgainst(truth, got)
	t.Logf("script outlets: articles %d/%d revisions %d recall %.2f spurious %d text_f1 %.3f titles %.2f",
		s.Found, s.Articles, s.Revisions, s.Recall, s.Spurious, s.TextF1, s.Titles)
	if s.Revisions < 4 {
		t.Fatalf("the script outlets have %d revisions; want several", s.Revisions)
	}
	if s.Found != s.Articles {
		t.Errorf("found %d of %d articles", s.Found, s.Articles)
	}
	if s.Recall != 1 {
		t.Errorf("revision recall %.3f, want 1.00", s.Recall)
	}
	if s.Spurious != 0 {
		t.Errorf("%d spurious versions, want 0", s.Spurious)
	}
	assertServedKept(t, st, got)
}

// TestRender_NewsroomScriptOutletsPlainSuggestBrowser crawls the script
// outlets plainly: each outlet is noted as yielding far less text than its
// pages promise, so its page suggests the browser mode, and its mode stays.
func TestRender_NewsroomScriptOutletsPlainSuggestBrowser(t *testing.T) {
	ctx := context.Background()
	e, st, _, script := scriptNewsroom(t, model.FetchHTTP, 0)
	if _, err := e.Crawl(ctx, true, 4); err != nil {
		t.Fatal(err)
	}
	for _, o := range script {
		out, err := st.OutletNamed(ctx, o.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !out.SuggestBrowser() || out.Browser() {
			t.Errorf("%s: suggest %v, mode %q; want the suggestion and plain fetches still", o.Name, out.SuggestBrowser(), out.Fetch)
		}
		if out.Short.Promised < minPromisedWords || out.Short.Words*2 >= out.Short.Promised || !strings.HasPrefix(out.Short.URL, o.BaseURL) {
			t.Errorf("%s: short text %+v", o.Name, out.Short)
		}
	}
}

// scriptTruth is the truth of the script outlets' articles alone.
func scriptTruth(nr *newsroom.Newsroom, script []newsroom.OutletInfo) []newsroom.TruthArticle {
	var out []newsroom.TruthArticle
	for _, a := range nr.Truth() {
		for _, o := range script {
			if strings.HasPrefix(a.URL, o.BaseURL+"/") {
				out = append(out, a)
			}
		}
	}
	return out
}

// recorded reads every article's versions from the store.
func recorded(t *testing.T, st *store.Store) []newsroom.Recorded {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var got []newsroom.Recorded
	for _, a := range arts {
		vs, err := st.Versions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := newsroom.Recorded{URL: a.URL}
		for _, v := range vs {
			r.Versions = append(r.Versions, newsroom.TruthVersion{Title: v.Title, Byline: v.Byline, Text: v.Text})
		}
		got = append(got, r)
	}
	return got
}

// assertServedKept checks that each version's capture is the rendered DOM,
// holding the version's first paragraph, and names the capture of the page
// as served, which is stored and lacks it.
func assertServedKept(t *testing.T, st *store.Store, got []newsroom.Recorded) {
	t.Helper()
	ctx := context.Background()
	arts, err := st.Articles(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, a := range arts {
		vs, err := st.Versions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			first, _, _ := strings.Cut(v.Text, "\n\n")
			dom := captureText(t, st, v.CaptureHash)
			c, err := st.Capture(ctx, v.CaptureHash)
			if err != nil {
				t.Fatal(err)
			}
			h := http.Header(c.Header)
			if h.Get(model.HeaderRendered) != "browser" || !strings.Contains(dom, first) {
				t.Errorf("%s v%d: capture not a rendered DOM with the text (header %v)", a.URL, v.Seq, c.Header)
				continue
			}
			served := captureText(t, st, h.Get(model.HeaderServedCapture))
			if strings.Contains(served, "<p>"+first) {
				t.Errorf("%s v%d: the served page already holds the text", a.URL, v.Seq)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no version to check captures of")
	}
}

func captureText(t *testing.T, st *store.Store, hash string) string {
	t.Helper()
	body, err := st.CaptureContent(context.Background(), hash)
	if err != nil {
		t.Fatalf("capture %s: %v", hash, err)
	}
	return string(body)
}

// TestRender_AddArticleOfBrowserOutletIsRendered adds one script page of
// an outlet in browser mode by URL: it is tracked as an article, its first
// version recorded in full from the one fetch AddURL makes.
func TestRender_AddArticleOfBrowserOutletIsRendered(t *testing.T) {
	ctx := context.Background()
	e, st, nr, script := scriptNewsroom(t, model.FetchBrowser, 0)
	var page newsroom.TruthArticle
	for _, a := range scriptTruth(nr, script) {
		if strings.HasPrefix(a.URL, script[0].BaseURL) {
			page = a
			break
		}
	}
	res, err := e.AddURL(ctx, page.URL, script[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added.Kind != model.SourceArticle {
		t.Fatalf("added as a %s, want an article", res.Added.Kind)
	}
	a, err := st.ArticleByURL(ctx, res.Added.URL)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.Versions(ctx, a.ID)
	if err != nil || len(vs) != 1 {
		t.Fatalf("%d versions (%v), want the first", len(vs), err)
	}
	if f1 := newsroom.TokenF1(page.Versions[0].Text, vs[0].Text); f1 < 0.98 {
		t.Errorf("first version text F1 %.3f against the truth", f1)
	}
}
