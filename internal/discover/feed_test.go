package discover

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseFeed_Fixtures(t *testing.T) {
	tests := []struct {
		file, base, title string
		urls              []string
		dropped           int
	}{
		{"rss2.xml", "https://www.example.com/feed.xml", "The Daily Example", []string{
			"https://www.example.com/2026/11/23/city-council-approves-budget",
			"https://www.example.com/news/world/12345-storm-closes-harbour",
			"https://www.example.com/2026/11/22/guid-only",
		}, 1},
		{"atom.xml", "https://news.example.org/atom.xml", "Example Atom News", []string{
			"https://news.example.org/politics/minister-resigns",
			"https://news.example.org/politics/election-results?page=2",
		}, 0},
		{"rdf.xml", "https://legacy.example.net/rss", "Legacy Gazette", []string{
			"https://legacy.example.net/story/1",
			"https://legacy.example.net/story/2",
		}, 0},
		{"jsonfeed.json", "https://json.example.com/feed.json", "Example JSON Times", []string{
			"https://json.example.com/a/first-story",
			"https://json.example.com/a/second-story",
		}, 0},
		{"rss-javascript-links.xml", "https://www.example.com/feed.xml", "Hostile links", []string{
			"https://www.example.com/good",
		}, 6},
		{"rss-relative-links.xml", "https://www.example.com/section/feed.xml", "Relative", []string{
			"https://www.example.com/news/root-relative",
			"https://www.example.com/section/path-relative",
			"https://cdn.example.com/news/scheme-relative",
			"https://www.example.com/up/one",
			"https://www.example.com/news/with-whitespace",
		}, 0},
		{"rss-utm-params.xml", "https://www.example.com/feed.xml", "Tracked", []string{
			"https://www.example.com/one",
			"https://www.example.com/two?id=7&page=2",
		}, 0},
		{"rss-windows-1252.xml", "https://journal.example.fr/rss", "Le Journal “Café”", []string{
			"https://journal.example.fr/actu/muller-debat",
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := ParseFeed(fixture(t, tt.file), tt.base)
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tt.title {
				t.Errorf("title = %q, want %q", f.Title, tt.title)
			}
			if got := urls(f.Links); !slices.Equal(got, tt.urls) {
				t.Errorf("urls =\n%q\nwant\n%q", got, tt.urls)
			}
			if f.Dropped != tt.dropped {
				t.Errorf("dropped = %d, want %d", f.Dropped, tt.dropped)
			}
		})
	}
}

func TestParseFeed_TitlesAndDates(t *testing.T) {
	tests := []struct {
		file           string
		index          int
		title          string
		published, upd string
	}{
		{"rss2.xml", 0, "City council approves budget", "2026-11-23T08:30:00Z", ""},
		{"atom.xml", 0, "Minister resigns", "2026-11-23T07:15:00Z", "2026-11-23T09:00:00Z"},
		// gofeed reads an Atom entry without <published> as published at <updated>.
		{"atom.xml", 1, "Election results", "2026-11-22T20:00:00Z", "2026-11-22T20:00:00Z"},
		// dc:date is both dates to gofeed.
		{"rdf.xml", 0, "Bridge reopens", "2026-11-21T12:00:00Z", "2026-11-21T12:00:00Z"},
		{"jsonfeed.json", 0, "First story", "2026-11-20T10:00:00Z", ""},
		{"rss-windows-1252.xml", 0, "Müller – débat", "", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s#%d", tt.file, tt.index), func(t *testing.T) {
			f, err := ParseFeed(fixture(t, tt.file), "https://example.com/")
			if err != nil {
				t.Fatal(err)
			}
			l := f.Links[tt.index]
			if l.Title != tt.title {
				t.Errorf("title = %q, want %q", l.Title, tt.title)
			}
			checkTime(t, "published", l.Published, tt.published)
			checkTime(t, "updated", l.Updated, tt.upd)
		})
	}
}

func checkTime(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if want == "" {
		if !got.IsZero() {
			t.Errorf("%s = %v, want zero", what, got)
		}
		return
	}
	if w := mustTime(t, want); !got.Equal(w) {
		t.Errorf("%s = %v, want %v", what, got, w)
	}
}

func TestParseFeed_EmptyBaseUsesFeedLink(t *testing.T) {
	f, err := ParseFeed(fixture(t, "rss-relative-links.xml"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Links) == 0 || f.Links[0].URL != "https://www.example.com/news/root-relative" {
		t.Errorf("links = %q", urls(f.Links))
	}
}

func TestParseFeed_BadInputIsAnError(t *testing.T) {
	tests := map[string][]byte{
		"malformed":  fixture(t, "malformed.xml"),
		"empty":      nil,
		"blank":      []byte("  \n "),
		"html page":  []byte("<!DOCTYPE html><html><body>hi</body></html>"),
		"plain text": []byte("just some words"),
		"bad json":   []byte(`{"version": "https://jsonfeed.org/version/1", "items": [`),
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseFeed(body, "https://example.com/")
			if err == nil || !strings.HasPrefix(err.Error(), "discover: parse feed: ") {
				t.Errorf("error = %v, want a discover: parse feed: error", err)
			}
		})
	}
}

func FuzzParseFeed(f *testing.F) {
	addFixtures(f, "rss2.xml", "atom.xml", "rdf.xml", "jsonfeed.json", "rss-javascript-links.xml",
		"rss-relative-links.xml", "rss-utm-params.xml", "rss-windows-1252.xml", "malformed.xml")
	f.Fuzz(func(t *testing.T, body []byte) {
		feed, err := ParseFeed(body, "https://example.com/feed")
		if err != nil {
			return
		}
		checkLinks(t, feed.Links)
	})
}

// checkLinks asserts the invariants every returned link list keeps.
func checkLinks(t *testing.T, links []Link) {
	t.Helper()
	seen := make(map[string]bool)
	for _, l := range links {
		if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
			t.Fatalf("non-http link returned: %q", l.URL)
		}
		if seen[l.URL] {
			t.Fatalf("duplicate link returned: %q", l.URL)
		}
		seen[l.URL] = true
	}
}

func BenchmarkParseFeed(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title><link>https://www.example.com/</link>`)
	for i := range 100 {
		fmt.Fprintf(&sb, `<item><title>Story %d</title><link>https://www.example.com/news/%d-story?utm_source=rss&amp;id=%d</link>`+
			`<guid>https://www.example.com/news/%d-story</guid><pubDate>Mon, 23 Nov 2026 09:30:00 +0100</pubDate>`+
			`<description>Paragraph of text for story %d.</description></item>`, i, i, i, i, i)
	}
	sb.WriteString(`</channel></rss>`)
	body := []byte(sb.String())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFeed(body, "https://www.example.com/feed.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
