package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// newsSite is a small news site: a front page advertising its feed (or
// not), the feed, one article, and optionally a robots.txt with sitemaps.
type newsSite struct {
	srv               *httptest.Server
	advertise         bool
	robots            string
	feedDown          atomic.Bool
	feedHits, artHits atomic.Int64
}

const siteArticle = `<!doctype html><html><head><title>Council approves harbour budget</title></head><body>
<article><h1>Council approves harbour budget</h1>
<p>The city council approved the harbour budget on Tuesday after a long debate about the ferry.</p>
<p>The plan sets aside money for new moorings and a second ferry for the winter timetable.</p>
<p>Residents can comment on the plan until the end of the year, officials said.</p></article></body></html>`

func newNewsSite(t *testing.T, advertise bool, robots string) *newsSite {
	t.Helper()
	s := &newsSite{advertise: advertise, robots: robots}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	base := "http://" + r.Host
	switch r.URL.Path {
	case "/":
		head := ""
		if s.advertise {
			head = `<link rel="alternate" type="application/rss+xml" title="The Daily Ledger" href="/feed.xml">`
		}
		fmt.Fprintf(w, `<!doctype html><html><head><title>The Daily Ledger</title>%s</head><body><h1>Latest news</h1>
<ul><li><a href="/news/1">Council approves harbour budget</a> <time datetime="2026-11-23T07:57:00Z">07:57</time></li>
<li><a href="/news/2">Storm warning</a> <time datetime="2026-11-23T07:12:00Z">07:12</time></li>
<li><a href="/news/3">Library opens on Sundays</a> <time datetime="2026-11-22T16:00:00Z">yesterday</time></li></ul>
<p>The Daily Ledger covers the harbour town and its council, its ferries and its weather, every day of the year.</p>
</body></html>`, head)
	case "/robots.txt":
		if s.robots == "" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprint(w, strings.ReplaceAll(s.robots, "BASE", base))
	case "/feed.xml":
		s.feedHits.Add(1)
		if s.feedDown.Load() {
			http.Error(w, "maintenance", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>The Daily Ledger</title>
<item><title>Council approves harbour budget</title><link>%s/news/1</link></item></channel></rss>`, base)
	case "/sitemap-news.xml":
		fmt.Fprintf(w, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>%s/news/1</loc>
<news:news><news:publication_date>2026-11-23T07:57:00Z</news:publication_date><news:title>Council</news:title></news:news></url></urlset>`, base)
	case "/news/1":
		s.artHits.Add(1)
		fmt.Fprint(w, siteArticle)
	default:
		http.NotFound(w, r)
	}
}

type sourceList struct {
	Sources []sourceJSON `json:"sources"`
}

func listSources(t *testing.T, data string) []sourceJSON {
	t.Helper()
	var l sourceList
	if err := json.Unmarshal([]byte(cli(t, data, "sources", "--json")), &l); err != nil {
		t.Fatalf("sources --json: %v", err)
	}
	return l.Sources
}

// wantRun runs errata and checks its exit status and that stdout and
// stderr hold the given strings.
func wantRun(t *testing.T, data string, code int, stdout, stderr []string, args ...string) string {
	t.Helper()
	out, errOut, got := cliStatus(t, data, args...)
	if got != code {
		t.Fatalf("errata %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), got, code, out, errOut)
	}
	for _, s := range stdout {
		if !strings.Contains(out, s) {
			t.Errorf("errata %s: stdout lacks %q:\n%s", strings.Join(args, " "), s, out)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(errOut, s) {
			t.Errorf("errata %s: stderr lacks %q:\n%s", strings.Join(args, " "), s, errOut)
		}
	}
	return out
}

func TestAdd_FrontPageIsTrackedThroughTheFeedItAdvertises(t *testing.T) {
	s := newNewsSite(t, true, "")
	data := t.TempDir()
	u := s.srv.URL
	wantRun(t, data, 0, []string{
		u + "/ is the site's front page; tracking the feeds it advertises:",
		`added feed ` + u + `/feed.xml (outlet "The Daily Ledger")`,
	}, nil, "add", u)
	wantRun(t, data, 1, nil, []string{"is not tracked"}, "history", u+"/")
}

func TestAdd_FrontPageWithoutFeedTakesTheNewsSitemap(t *testing.T) {
	s := newNewsSite(t, false, "User-agent: *\nAllow: /\nSitemap: BASE/sitemap-news.xml\n")
	data := t.TempDir()
	u := s.srv.URL
	wantRun(t, data, 0, []string{
		u + "/ is the site's front page and advertises no feed; tracking the news sitemap its robots.txt lists:",
		"added sitemap " + u + "/sitemap-news.xml",
	}, nil, "add", u+"/")
}

func TestAdd_FrontPageWithNeitherIsOneArticleWithNoDate(t *testing.T) {
	s := newNewsSite(t, false, "")
	data := t.TempDir()
	u := s.srv.URL
	wantRun(t, data, 0, []string{
		u + "/ is the site's front page, advertises no feed and lists no news sitemap; tracking it as one article:",
		"added article " + u + "/",
	}, nil, "add", u+"/")
	wantRun(t, data, 0, []string{"published     unknown"}, nil, "history", u+"/")
	export := cli(t, data, "export")
	if !strings.Contains(export, `"published":""`) {
		t.Errorf("export gives the front page a published date:\n%s", export)
	}
}

func TestSources_ListPauseResumeAndRemoveKeepingVersions(t *testing.T) {
	s := newNewsSite(t, true, "")
	data := t.TempDir()
	u := s.srv.URL
	cli(t, data, "add", u+"/")
	cli(t, data, "crawl")

	table := wantRun(t, data, 0, []string{"OUTLET", "KIND", "URL", "STATE", "LAST POLL", "LAST ERROR", "ARTICLES", "NEXT POLL"}, nil, "sources")
	row := strings.Fields(strings.Split(strings.TrimSpace(table), "\n")[1])
	if len(row) < 8 || strings.Join(row[:6], " ") != "The Daily Ledger feed "+u+"/feed.xml active" {
		t.Errorf("sources row = %q", row)
	}
	if src := listSources(t, data); len(src) != 1 || src[0].State != "active" || src[0].Articles != 1 || src[0].LastPoll == "" {
		t.Fatalf("sources --json = %+v; want the feed, active, with its one article", src)
	}

	// A failing poll shows its reason in the list.
	s.feedDown.Store(true)
	if _, stderr, code := cliStatus(t, data, "crawl", "--all"); code != exitError || !strings.Contains(stderr, "every source failed") {
		t.Errorf("crawl with its only source failing: exit %d, stderr %q; want 1 and the verdict", code, stderr)
	}
	if src := listSources(t, data); src[0].State != "failing" || !strings.Contains(src[0].LastError, "500") {
		t.Errorf("after a failed poll: %+v; want failing with the HTTP status", src[0])
	}
	wantRun(t, data, 0, []string{"failing", "500"}, nil, "sources")
	s.feedDown.Store(false)

	// Paused, neither the feed nor the article is fetched; the article is
	// named with a trailing slash it was not added with.
	wantRun(t, data, 0, []string{"paused feed " + u + "/feed.xml"}, nil, "pause", u+"/feed.xml")
	wantRun(t, data, 0, []string{"paused article " + u + "/news/1"}, nil, "pause", u+"/news/1/")
	wantRun(t, data, 0, []string{"already paused"}, nil, "pause", u+"/feed.xml")
	wantRun(t, data, 0, []string{"paused by hand"}, nil, "history", u+"/news/1/")
	if src := listSources(t, data); src[0].State != "paused" || src[0].NextPoll != "" {
		t.Errorf("paused source listed as %+v", src[0])
	}
	feeds, arts := s.feedHits.Load(), s.artHits.Load()
	cli(t, data, "crawl", "--all")
	if s.feedHits.Load() != feeds || s.artHits.Load() != arts {
		t.Errorf("crawl --all fetched the paused feed %d and article %d times", s.feedHits.Load()-feeds, s.artHits.Load()-arts)
	}
	wantRun(t, data, 0, []string{"resumed feed"}, nil, "resume", u+"/feed.xml")
	wantRun(t, data, 0, []string{"resumed article"}, nil, "resume", u+"/news/1")
	cli(t, data, "crawl", "--all")
	if s.feedHits.Load() == feeds || s.artHits.Load() == arts {
		t.Error("crawl --all after resume fetched neither the feed nor the article")
	}

	// Removing the source keeps what was recorded.
	wantRun(t, data, 0, []string{"removed feed " + u + "/feed.xml", "1 article it found no longer checked", "versions are kept"}, nil,
		"remove", u+"/feed.xml")
	if src := listSources(t, data); len(src) != 0 {
		t.Errorf("sources after remove = %+v", src)
	}
	wantRun(t, data, 0, []string{"v0", "removed by hand"}, nil, "history", u+"/news/1")
	if exp := cli(t, data, "export"); !strings.Contains(exp, `"url":"`+u+`/news/1"`) || !strings.Contains(exp, `"seq":0`) {
		t.Errorf("export after remove lost the article:\n%s", exp)
	}
	wantRun(t, data, 1, nil, []string{"neither a tracked source nor a tracked article"}, "pause", u+"/feed.xml")
}

func TestRemove_PurgeNeedsConfirmationThenDeletesVersions(t *testing.T) {
	s := newNewsSite(t, true, "")
	data := t.TempDir()
	u := s.srv.URL
	cli(t, data, "add", u+"/news/1")
	wantRun(t, data, 2, nil, []string{"This deletes article " + u + "/news/1 and its 1 version for good.", "Confirm with --yes"},
		"remove", u+"/news/1", "--purge")
	wantRun(t, data, 0, []string{"v0"}, nil, "history", u+"/news/1")
	wantRun(t, data, 2, nil, []string{"--yes only confirms --purge"}, "remove", u+"/news/1", "--yes")
	wantRun(t, data, 0, []string{"purged article " + u + "/news/1: 1 article, 1 version and 1 raw capture deleted"}, nil,
		"remove", u+"/news/1", "--purge", "--yes")
	wantRun(t, data, 1, nil, []string{"is not tracked"}, "history", u+"/news/1")
	if exp := cli(t, data, "export"); strings.Contains(exp, "/news/1") {
		t.Errorf("export still has the purged article:\n%s", exp)
	}
}

func TestImport_ReportsEachSkippedOutline(t *testing.T) {
	s := newNewsSite(t, true, "")
	opml := filepath.Join(t.TempDir(), "subs.opml")
	body := `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Ledger" xmlUrl="` + s.srv.URL + `/feed.xml"/>
<outline text="Bookmarklet" xmlUrl="javascript:alert(1)"/>
<outline text="Local" xmlUrl="file:///etc/passwd"/>
<outline text="Blank" type="rss" xmlUrl=""/>
</body></opml>`
	if err := os.WriteFile(opml, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	wantRun(t, t.TempDir(), 0, []string{"imported 1 feed (1 new)", "skipped 3 outlines"}, []string{
		`skipped outline "Bookmarklet" (javascript:alert(1)): not an http or https URL (javascript:)`,
		`skipped outline "Local" (file:///etc/passwd): not an http or https URL (file:)`,
		`skipped outline "Blank" (): no feed URL`,
	}, "import", opml)
}

func TestAdd_OutletsAreMatchedByHost(t *testing.T) {
	s := newNewsSite(t, true, "")
	other := newNewsSite(t, true, "")
	data := t.TempDir()
	u := s.srv.URL
	cli(t, data, "add", u+"/feed.xml")
	wantRun(t, data, 1, nil, []string{`is already tracked as outlet "The Daily Ledger"`, `--outlet "The Daily Ledger"`},
		"add", u+"/news/1", "--outlet", "Ledger")
	if out := cli(t, data, "outlets"); strings.Count(out, "\n") != 2 {
		t.Errorf("a second outlet was made:\n%s", out)
	}
	// Without --outlet, an article of the site joins the site's outlet.
	wantRun(t, data, 0, []string{`added article ` + u + `/news/1 (outlet "The Daily Ledger")`}, nil, "add", u+"/news/1")

	// Rename, refuse a taken name, merge another site's outlet in.
	wantRun(t, data, 0, []string{`renamed outlet "The Daily Ledger" to "Ledger"`}, nil, "outlets", "rename", "the daily ledger", "Ledger")
	cli(t, data, "add", other.srv.URL+"/feed.xml", "--outlet", "Ledger Weekend")
	wantRun(t, data, 1, nil, []string{`an outlet is already called "Ledger"`, "errata outlets merge"}, "outlets", "rename", "Ledger Weekend", "Ledger")
	wantRun(t, data, 0, []string{`merged outlet "Ledger Weekend" into "Ledger": 0 articles and 1 source moved`}, nil,
		"outlets", "merge", "Ledger Weekend", "Ledger")
	out := cli(t, data, "outlets")
	if strings.Contains(out, "Ledger Weekend") || !strings.Contains(out, "Ledger") {
		t.Errorf("outlets after merge:\n%s", out)
	}
	if src := listSources(t, data); len(src) != 2 || src[0].Outlet != "Ledger" || src[1].Outlet != "Ledger" {
		t.Errorf("sources after merge = %+v; want both under Ledger", src)
	}
	wantRun(t, data, 2, nil, []string{"rename OLD NEW"}, "outlets", "rename", "Ledger")
}
