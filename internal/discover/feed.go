package discover

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
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
			Words:     entryWords(it),
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

// entryWords counts the words of an item's text: its content, else its
// description, markup left out.
func entryWords(it *gofeed.Item) int {
	if n := markupWords(it.Content); n > 0 {
		return n
	}
	return markupWords(it.Description)
}

// markupWords counts the words in the text of an HTML fragment (or of
// plain text), outside script and style elements.
func markupWords(fragment string) int {
	z := html.NewTokenizer(strings.NewReader(fragment))
	n, skip := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken:
			if name, _ := z.TagName(); isRawText(string(name)) {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); isRawText(string(name)) && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				n += wordCount(string(z.Text()))
			}
		}
	}
}

func isRawText(tag string) bool { return tag == "script" || tag == "style" }

// wordCount counts the fields holding a letter or a digit, so that the
// punctuation after an inline element ("<em>x</em>.") is no word.
func wordCount(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}
