package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

func parseFeed(t *testing.T, f *fixture, path string) *gofeed.Feed {
	t.Helper()
	resp, body := f.get(t, path)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d\n%s", path, resp.StatusCode, body)
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("gofeed cannot parse %s: %v\n%s", path, err, body)
	}
	return feed
}

func TestFeeds_ParseAndLinkToDiffs(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "http://errata.test/"})
	mayor := f.mayor.ID
	scopes := []struct {
		name, path string
		entries    int
	}{
		{"all", "/changes", 3},
		{"outlet", "/outlets/Daily%20Planet/changes", 2},
		{"article", fmt.Sprintf("/articles/%d/changes", mayor), 2},
	}
	for _, sc := range scopes {
		for _, ext := range []string{"atom", "rss", "json"} {
			t.Run(sc.name+"."+ext, func(t *testing.T) {
				feed := parseFeed(t, f, sc.path+"."+ext)
				if len(feed.Items) != sc.entries {
					t.Fatalf("%d entries, want %d", len(feed.Items), sc.entries)
				}
				if feed.Title == "" || !strings.HasPrefix(feed.Link, "http://errata.test/") {
					t.Errorf("feed title %q link %q", feed.Title, feed.Link)
				}
				var mayorNewest *gofeed.Item
				for _, it := range feed.Items {
					if !strings.HasPrefix(it.Link, "http://errata.test/articles/") || !strings.Contains(it.Link, "/diff/") {
						t.Errorf("entry link %q is not an absolute diff link", it.Link)
					}
					if it.Link == fmt.Sprintf("http://errata.test/articles/%d/diff/1/2", mayor) {
						mayorNewest = it
					}
				}
				if mayorNewest == nil {
					t.Fatal("no entry for the mayor article's correction")
				}
				summary := mayorNewest.Description
				if summary == "" {
					summary = mayorNewest.Content
				}
				mustContain(t, "entry", mayorNewest.Title, "Correction", "Mayor quits after stormy budget vote")
				mustContain(t, "summary", summary, "Daily Planet changed version 2", "words")
				if mayorNewest.PublishedParsed == nil && mayorNewest.UpdatedParsed == nil {
					t.Error("entry has no date")
				}
			})
		}
	}
}

func TestFeeds_HeadlineChangeSummarised(t *testing.T) {
	f := newFixture(t, Config{})
	feed := parseFeed(t, f, fmt.Sprintf("/articles/%d/changes.atom", f.mayor.ID))
	last := feed.Items[len(feed.Items)-1]
	mustContain(t, "summary", last.Description, "Headline was “Mayor resigns after budget vote”, now “Mayor quits after stormy budget vote”")
	if !strings.HasPrefix(feed.Link, f.ts.URL) {
		t.Errorf("without BaseURL, links should use the request host: %q", feed.Link)
	}
}

// A title holding markup comes out of every feed as that literal text, and
// never as markup in the raw bytes (CVE-2026-27645 style).
func TestFeeds_EscapeTitles(t *testing.T) {
	f := newFixture(t, Config{})
	for _, ext := range []string{"atom", "rss", "json"} {
		t.Run(ext, func(t *testing.T) {
			path := fmt.Sprintf("/articles/%d/changes.%s", f.hostile.ID, ext)
			_, raw := f.get(t, path)
			if strings.Contains(raw, "<script>") {
				t.Errorf("raw %s feed holds <script>:\n%s", ext, raw)
			}
			feed := parseFeed(t, f, path)
			if len(feed.Items) != 1 || !strings.Contains(feed.Items[0].Title, xssTitle) {
				t.Errorf("parsed title = %q, want it to hold %q as text", feed.Items[0].Title, xssTitle)
			}
			if !strings.Contains(feed.Title, xssTitle) {
				t.Errorf("feed title = %q", feed.Title)
			}
		})
	}
}

func TestFeeds_EmptyAndMissing(t *testing.T) {
	f := newFixture(t, Config{})
	empty := seedArticle(t, f.store, "Quiet", "https://quiet.example/a", []draft{{"Still", "", "Unchanged."}})
	for _, ext := range []string{"atom", "rss", "json"} {
		if feed := parseFeed(t, f, fmt.Sprintf("/articles/%d/changes.%s", empty.ID, ext)); len(feed.Items) != 0 {
			t.Errorf("%s: %d items for an article that never changed", ext, len(feed.Items))
		}
	}
	for _, path := range []string{"/articles/999/changes.atom", "/outlets/Nope/changes.rss"} {
		if resp, _ := f.get(t, path); resp.StatusCode != 404 {
			t.Errorf("%s = %d, want 404", path, resp.StatusCode)
		}
	}
}
