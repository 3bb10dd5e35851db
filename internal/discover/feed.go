package discover

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Feed is what a feed lists.
type Feed struct {
	Title   string
	Links   []Link
	Dropped int // items whose link was missing or not http(s)
}

// ParseFeed parses an RSS 0.9x/2.0, Atom, RDF (RSS 1.0) or JSON Feed document
// fetched from base. Relative links are resolved against base (or, when base
// is empty, against the feed's own link). Items without a usable http(s) link
// are counted in Dropped; URLs repeated after canonicalisation appear once.
func ParseFeed(body []byte, base string) (Feed, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return Feed{}, errors.New("discover: parse feed: empty document")
	}
	f, err := parseGofeed(body)
	if err != nil {
		return Feed{}, fmt.Errorf("discover: parse feed: %w", err)
	}
	if base == "" {
		base = f.Link
	}
	set := newLinkSet(base)
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		set.add(itemLink(it), Link{
			Title:     strings.TrimSpace(it.Title),
			Published: utc(it.PublishedParsed),
			Updated:   utc(it.UpdatedParsed),
		})
	}
	return Feed{Title: strings.TrimSpace(f.Title), Links: set.links, Dropped: set.dropped}, nil
}

// parseGofeed runs gofeed, turning a panic inside it into an error: feeds
// are hostile input, and one bad feed must not take the worker down.
func parseGofeed(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("gofeed panicked: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(body))
}

// itemLink picks the item's article URL: its link, else its first alternate,
// else a GUID that is itself an absolute http(s) URL. GUIDs that are not URLs
// ("tag:", numbers) must not be resolved, or they would become made-up paths
// on the feed's host.
func itemLink(it *gofeed.Item) string {
	if l := strings.TrimSpace(it.Link); l != "" {
		return l
	}
	for _, l := range it.Links {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	g := strings.TrimSpace(it.GUID)
	lg := strings.ToLower(g)
	if strings.HasPrefix(lg, "http://") || strings.HasPrefix(lg, "https://") {
		return g
	}
	return ""
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
