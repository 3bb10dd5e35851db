package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// site is a news site on loopback whose pages a test chooses by path.
type site struct {
	srv   *httptest.Server
	pages map[string]string // path -> body; content type guessed from the body
	hits  map[string]*atomic.Int64
}

func newSite(t *testing.T, pages map[string]string) *site {
	t.Helper()
	s := &site{pages: pages, hits: map[string]*atomic.Int64{}}
	for p := range pages {
		s.hits[p] = new(atomic.Int64)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := s.pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		s.hits[r.URL.Path].Add(1)
		fmt.Fprint(w, strings.ReplaceAll(body, "BASE", s.url()))
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url() string { return s.srv.URL }

func newAddEngine(t *testing.T) *Engine {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	e.Now = func() time.Time { return time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC) }
	return e
}

// frontPage is a site's home page listing stories, advertising the given
// <link> elements in its head.
func frontPage(head string) string {
	return `<!doctype html><html><head><title>The Daily Ledger – Latest news</title>` + head + `</head><body>
<main><h1>Latest news</h1>
<article><h2><a href="/news/1">Council votes on the harbour budget</a></h2>
<p>The council voted on the harbour budget on Tuesday after a long debate about the ferry and the roads.</p>
<time datetime="2026-11-23T07:57:00Z">07:57</time></article>
<article><h2><a href="/news/2">Storm warning for the coast</a></h2>
<p>Forecasters warned of a storm arriving late on Friday with strong winds along the coast and rain inland.</p>
<time datetime="2026-11-23T07:12:00Z">07:12</time></article>
<article><h2><a href="/news/3">Library opens on Sundays</a></h2>
<p>The city library will open on Sundays from next month, the council said, after a petition from readers.</p>
<time datetime="2026-11-22T16:00:00Z">yesterday</time></article>
</main></body></html>`
}

const rssFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>The Daily Ledger</title>
<item><title>Council votes</title><link>BASE/news/1</link></item></channel></rss>`

const newsSitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>BASE/news/1</loc>
<news:news><news:publication_date>2026-11-23T07:57:00Z</news:publication_date><news:title>Council votes</news:title></news:news></url></urlset>`

const archiveSitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>BASE/news/1</loc><lastmod>2026-11-23</lastmod></url></urlset>`

func TestAddURL_FrontPageTracksTheFeedsItAdvertises(t *testing.T) {
	s := newSite(t, map[string]string{
		"/": frontPage(`<link rel="alternate" type="application/rss+xml" title="Ledger" href="/feed.xml">
			<link rel="alternate" type="application/atom+xml" href="/gone.atom">
			<link rel="alternate" type="application/rss+xml" href="/not-a-feed">`),
		"/feed.xml":   rssFeed,
		"/not-a-feed": frontPage(""),
	})
	e := newAddEngine(t)
	res, err := e.AddURL(context.Background(), s.url(), "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Via != ViaFeeds || len(res.All) != 1 || res.Kind != model.SourceFeed || res.URL != s.url()+"/feed.xml" {
		t.Fatalf("AddURL = %+v; want the advertised feed tracked", res)
	}
	if res.Outlet != "The Daily Ledger" {
		t.Errorf("outlet = %q; want the feed's title", res.Outlet)
	}
	want := []Skipped{
		{URL: s.url() + "/gone.atom", Reason: "HTTP status 404"},
		{URL: s.url() + "/not-a-feed", Reason: "advertised as a feed but is an HTML page"},
	}
	if fmt.Sprint(res.Skipped) != fmt.Sprint(want) {
		t.Errorf("skipped = %+v; want %+v", res.Skipped, want)
	}
	if _, err := e.Store.ArticleByURL(context.Background(), s.url()+"/"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the front page was tracked as an article: %v", err)
	}
}

func TestAddURL_FrontPageWithoutFeedsTakesItsNewsSitemap(t *testing.T) {
	s := newSite(t, map[string]string{
		"/":                 frontPage(""),
		"/robots.txt":       "User-agent: *\nAllow: /\n\nSitemap: BASE/sitemap.xml\nSitemap: BASE/sitemap-news.xml\n",
		"/sitemap.xml":      archiveSitemap,
		"/sitemap-news.xml": newsSitemap,
	})
	e := newAddEngine(t)
	res, err := e.AddURL(context.Background(), s.url()+"/", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Via != ViaSitemap || len(res.All) != 1 || res.Kind != model.SourceSitemap || res.URL != s.url()+"/sitemap-news.xml" {
		t.Fatalf("AddURL = %+v; want the news sitemap tracked", res)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].URL != s.url()+"/sitemap.xml" || !strings.Contains(res.Skipped[0].Reason, "not a news sitemap") {
		t.Errorf("skipped = %+v; want the archive sitemap, not a news sitemap", res.Skipped)
	}
}

func TestAddURL_FrontPageWithNeitherIsOneArticleWithoutADate(t *testing.T) {
	s := newSite(t, map[string]string{"/": frontPage("")})
	e := newAddEngine(t)
	res, err := e.AddURL(context.Background(), s.url()+"/", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Via != AsArticle || res.Kind != model.SourceArticle || res.Check == nil {
		t.Fatalf("AddURL = %+v; want the page tracked as one article", res)
	}
	a, err := e.Store.ArticleByURL(context.Background(), s.url()+"/")
	if err != nil {
		t.Fatal(err)
	}
	if !a.Published.IsZero() {
		t.Errorf("published = %s; a front page states no date of its own", a.Published)
	}
	if v := res.Check.Version; v == nil || !v.Published.IsZero() {
		t.Errorf("first version = %+v; want one without a published date", v)
	}
}

func TestAddURL_AnArticleAdvertisingAFeedStaysAnArticle(t *testing.T) {
	s := newSite(t, map[string]string{
		"/news/1": strings.Replace(page("Council votes", "The council voted on Tuesday.", 1), "</head>",
			`<link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>`, 1),
		"/feed.xml": rssFeed,
	})
	e := newAddEngine(t)
	res, err := e.AddURL(context.Background(), s.url()+"/news/1", "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Via != AsGiven || res.Kind != model.SourceArticle {
		t.Errorf("AddURL = %+v; want the article itself", res)
	}
	if n := s.hits["/feed.xml"].Load(); n != 0 {
		t.Errorf("feed fetched %d times; an article's feed link is not followed", n)
	}
}

func TestAddURL_NamedOutletOnATrackedHostIsRefused(t *testing.T) {
	s := newSite(t, map[string]string{
		"/feed.xml": rssFeed,
		"/news/1":   page("Council votes", "The council voted on Tuesday.", 1),
	})
	e := newAddEngine(t)
	ctx := context.Background()
	if _, err := e.AddURL(ctx, s.url()+"/feed.xml", ""); err != nil {
		t.Fatal(err)
	}
	_, err := e.AddURL(ctx, s.url()+"/news/1", "Ledger")
	var oh *OutletHostError
	if !errors.As(err, &oh) || oh.Existing != "The Daily Ledger" {
		t.Fatalf("add with --outlet Ledger = %v; want refused naming The Daily Ledger", err)
	}
	if _, err := e.Store.OutletByName(ctx, "Ledger"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an outlet Ledger was made: %v", err)
	}
	res, err := e.AddURL(ctx, s.url()+"/news/1", "the daily ledger")
	if err != nil || res.Outlet != "The Daily Ledger" {
		t.Errorf("add with the outlet's name in another case = %+v, %v; want it joined", res, err)
	}
}

func TestAddURL_ARemovedArticleAddedAgainIsTrackedAgain(t *testing.T) {
	s := newSite(t, map[string]string{"/news/1": page("Council votes", "The council voted on Tuesday.", 1)})
	e := newAddEngine(t)
	ctx := context.Background()
	first, err := e.AddURL(ctx, s.url()+"/news/1", "")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := e.Store.ArticleByURL(ctx, first.URL)
	if err := e.Store.SetArticleHold(ctx, a.ID, model.HoldPaused); err != nil {
		t.Fatal(err)
	}
	if again, err := e.AddURL(ctx, s.url()+"/news/1", ""); err != nil || again.Created || again.State != "paused" {
		t.Errorf("add of a paused article = %+v, %v; want already tracked, paused", again, err)
	}
	if err := e.Store.SetArticleHold(ctx, a.ID, model.HoldRemoved); err != nil {
		t.Fatal(err)
	}
	again, err := e.AddURL(ctx, s.url()+"/news/1", "")
	if err != nil || !again.Restored {
		t.Fatalf("add of a removed article = %+v, %v; want it restored", again, err)
	}
	if got, _ := e.Store.Article(ctx, a.ID); got.Hold != model.HoldNone {
		t.Errorf("hold = %q; want none", got.Hold)
	}
}

func TestImportOPML_ReportsSkippedOutlinesAndJoinsTheHostsOutlet(t *testing.T) {
	e := newAddEngine(t)
	ctx := context.Background()
	o, err := e.Store.EnsureOutlet(ctx, "The Daily Ledger", "ledger.example")
	if err != nil {
		t.Fatal(err)
	}
	opml := `<opml version="2.0"><body>
		<outline text="Ledger" xmlUrl="https://ledger.example/feed.xml"/>
		<outline text="Planet" xmlUrl="https://planet.example/rss"/>
		<outline text="Bookmarklet" xmlUrl="javascript:void(0)"/>
		<outline text="Nothing" type="rss" xmlUrl=""/>
	</body></opml>`
	res, err := e.ImportOPML(ctx, strings.NewReader(opml))
	if err != nil {
		t.Fatal(err)
	}
	if res.Feeds != 2 || res.New != 2 || len(res.Skipped) != 2 {
		t.Fatalf("ImportOPML = %+v; want 2 feeds and 2 skipped", res)
	}
	src, err := e.Store.SourceByURL(ctx, "https://ledger.example/feed.xml")
	if err != nil || src.OutletID != o.ID {
		t.Errorf("ledger feed = %+v, %v; want it under The Daily Ledger", src, err)
	}
	if _, err := e.Store.OutletByName(ctx, "Ledger"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a second outlet Ledger was made: %v", err)
	}
}
