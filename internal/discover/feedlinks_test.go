package discover

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestFeedLinks_AdvertisedFeedsInPageOrder(t *testing.T) {
	got := FeedLinks(fixture(t, "home-advertises-feeds.html"), "https://www.example.com/")
	want := []FeedLink{
		{URL: "https://www.example.com/feed.xml", Type: "application/rss+xml", Title: "The Daily Example"},
		{URL: "https://www.example.com/atom.xml", Type: "application/atom+xml", Title: "Atom"},
		{URL: "https://www.example.com/feed.json", Type: "application/feed+json", Title: "JSON Feed"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("FeedLinks =\n%+v\nwant\n%+v", got, want)
	}
}

func TestFeedLinks_NoneOnAPageWithout(t *testing.T) {
	page := `<html><head><link rel="alternate" hreflang="de" href="/de/"><link rel="stylesheet" href="/a.css"></head></html>`
	if got := FeedLinks([]byte(page), "https://example.com/"); len(got) != 0 {
		t.Errorf("FeedLinks = %+v; want none", got)
	}
}

func TestFeedLinks_BoundedToMaxFeedLinks(t *testing.T) {
	var b strings.Builder
	for i := range MaxFeedLinks + 5 {
		fmt.Fprintf(&b, `<link rel="alternate" type="application/rss+xml" href="/section/%d.xml">`, i)
	}
	if got := FeedLinks([]byte(b.String()), "https://example.com/"); len(got) != MaxFeedLinks {
		t.Errorf("FeedLinks read %d links; want %d", len(got), MaxFeedLinks)
	}
}

func FuzzFeedLinks(f *testing.F) {
	addFixtures(f, "home-advertises-feeds.html", "page-canonical.html")
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, l := range FeedLinks(page, "https://example.com/") {
			if !strings.HasPrefix(l.URL, "http") || !feedTypes[l.Type] {
				t.Fatalf("bad feed link %+v", l)
			}
		}
	})
}
