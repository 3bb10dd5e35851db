package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// Each entry of every feed format carries the change itself: the old and
// new headline or byline and the changed paragraphs marked, with the
// unchanged ones counted, not repeated.
func TestFeeds_EntriesCarryTheDiff(t *testing.T) {
	f := newFixture(t, Config{})
	for _, ext := range []string{"atom", "rss", "json"} {
		feed := parseFeed(t, f, fmt.Sprintf("/articles/%d/changes.%s", f.mayor.ID, ext))
		if len(feed.Items) != 2 {
			t.Fatalf("%s: %d items, want 2", ext, len(feed.Items))
		}
		content := func(it *gofeed.Item) string {
			if ext == "rss" {
				return it.Description
			}
			return it.Content
		}
		newest, first := content(feed.Items[0]), content(feed.Items[1])
		mustContain(t, ext+" first change", first, "<strong>Headline:</strong>", "<del>", "<ins>stormy </ins>",
			"Tuesday<ins> evening</ins>", "[2 unchanged paragraphs]")
		mustContain(t, ext+" second change", newest, "<strong>Byline:</strong>", "<ins> and Bo Writer</ins>",
			"<del>7</del><ins>6</ins>", "<ins>Correction: an earlier version of this article misstated the vote.</ins>",
			"[1 unchanged paragraph]", "See the diff")
		if strings.Contains(newest, "She will leave in May") {
			t.Errorf("%s: an unchanged paragraph is repeated in the entry:\n%s", ext, newest)
		}
	}
}

// The changes page's filters work on every feed.
func TestFeeds_FollowTheChangesFilters(t *testing.T) {
	f := newFixture(t, Config{})
	for _, ext := range []string{"atom", "rss", "json"} {
		all, byline := parseFeed(t, f, "/changes."+ext), parseFeed(t, f, "/changes."+ext+"?class=byline")
		if len(byline.Items) == 0 || len(byline.Items) == len(all.Items) {
			t.Errorf("%s ?class=byline: %d of %d items", ext, len(byline.Items), len(all.Items))
		}
		for _, it := range byline.Items {
			if !strings.Contains(strings.Join(it.Categories, " "), "byline") {
				t.Errorf("%s ?class=byline: an entry of %v", ext, it.Categories)
			}
		}
		planet := parseFeed(t, f, "/changes."+ext+"?outlet=Daily+Planet")
		if len(planet.Items) != 2 {
			t.Errorf("%s ?outlet=: %d items, want the Daily Planet's 2", ext, len(planet.Items))
		}
		for _, it := range planet.Items {
			if !strings.Contains(it.Link, fmt.Sprintf("/articles/%d/", f.mayor.ID)) {
				t.Errorf("%s ?outlet=: entry of another outlet: %s", ext, it.Link)
			}
		}
	}
	if resp, _ := f.get(t, "/changes.atom?outlet=Nobody"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown outlet: %d, want 404", resp.StatusCode)
	}
}

// Entry and feed ids do not change with the host name the server is
// reached by; links follow the configured base URL.
func TestFeeds_IDsAreTagsWhateverTheHost(t *testing.T) {
	f := newFixture(t, Config{})
	ids := func(host string) (string, []string) {
		req, err := http.NewRequest(http.MethodGet, f.ts.URL+"/changes.atom", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		feed, err := gofeed.NewParser().Parse(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, it := range feed.Items {
			out = append(out, it.GUID)
		}
		return feed.FeedLink + " " + fmt.Sprint(len(feed.Items)), out
	}
	_, a := ids("errata.example")
	_, b := ids("other.example:8080")
	if len(a) == 0 || strings.Join(a, " ") != strings.Join(b, " ") {
		t.Fatalf("ids differ by host:\n%v\n%v", a, b)
	}
	for _, id := range a {
		if !strings.HasPrefix(id, "tag:errata.invalid,") || !strings.Contains(id, ":version:") {
			t.Errorf("id %q is not errata's tag URI", id)
		}
	}
	based := newFixture(t, Config{BaseURL: "https://errata.example/watch/"})
	feed := parseFeed(t, based, "/changes.rss")
	for _, it := range feed.Items {
		if !strings.HasPrefix(it.Link, "https://errata.example/watch/articles/") {
			t.Errorf("link %q does not follow the base URL", it.Link)
		}
	}
}

// Feeds answer conditional requests with 304 and compress for clients
// that accept gzip.
func TestFeeds_ConditionalGetAndGzip(t *testing.T) {
	f := newFixture(t, Config{})
	const path = "/changes.atom"
	resp, plain := f.do(t, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"identity"}})
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if resp.StatusCode != 200 || etag == "" || modified == "" {
		t.Fatalf("first GET: %d, ETag %q, Last-Modified %q", resp.StatusCode, etag, modified)
	}
	for name, h := range map[string]http.Header{
		"If-None-Match":     {"If-None-Match": {etag}, "Accept-Encoding": {"identity"}},
		"If-Modified-Since": {"If-Modified-Since": {modified}, "Accept-Encoding": {"identity"}},
	} {
		resp, body := f.do(t, http.MethodGet, path, nil, h)
		if resp.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s: %d with %d bytes, want 304 and nothing", name, resp.StatusCode, len(body))
		}
	}
	resp, zipped := f.do(t, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"gzip"}})
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("ETag") == etag {
		t.Fatalf("gzip: Content-Encoding %q, ETag %q (plain %q)", resp.Header.Get("Content-Encoding"), resp.Header.Get("ETag"), etag)
	}
	zr, err := gzip.NewReader(strings.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(unzipped, []byte(plain)) {
		t.Errorf("gzip body does not inflate to the plain feed (%v)", err)
	}
	if resp, _ := f.do(t, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"gzip;q=0"}}); resp.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent to a client that refused it")
	}
}

func TestCheckBaseURL(t *testing.T) {
	for base, ok := range map[string]bool{
		"": true, "https://errata.example/": true, "http://127.0.0.1:8080/watch": true,
		"errata.example": false, "ftp://errata.example/": false, "https://": false,
		"https://errata.example/?a=1": false, "javascript:alert(1)": false,
	} {
		if err := CheckBaseURL(base); (err == nil) != ok {
			t.Errorf("CheckBaseURL(%q) = %v, want ok %v", base, err, ok)
		}
	}
}
