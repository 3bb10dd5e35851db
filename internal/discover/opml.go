package discover

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxOPMLFeeds is the most feeds read from one OPML file; a list that long
// is a mistake or an attack, not someone's subscriptions.
const MaxOPMLFeeds = 10000

// OPMLFeed is one feed listed in an OPML file.
type OPMLFeed struct {
	Title   string // the outline's text (or title): a hint for the outlet name
	URL     string // the feed URL (xmlUrl), canonicalised
	HTMLURL string // the site URL (htmlUrl), canonicalised; "" if absent or not http(s)
}

// ParseOPML returns the feeds an OPML file lists: every <outline> with an
// xmlUrl, however deeply nested. Outlines without one (categories) only group
// others and are not returned. Feeds whose URL is not http(s) are skipped; a
// feed listed twice appears once.
func ParseOPML(r io.Reader) ([]OPMLFeed, error) {
	d := newXMLDecoder(r)
	root, err := firstElement(d)
	if err != nil {
		return nil, fmt.Errorf("discover: parse opml: %w", err)
	}
	if !strings.EqualFold(root.Name.Local, "opml") {
		return nil, fmt.Errorf("discover: parse opml: root element <%s> is not <opml>", root.Name.Local)
	}
	feeds, err := readOutlines(d)
	if err != nil {
		return nil, fmt.Errorf("discover: parse opml: %w", err)
	}
	return feeds, nil
}

// readOutlines collects feed outlines in document order. Nested outlines
// arrive as further start elements, so no stack is needed.
func readOutlines(d *xml.Decoder) ([]OPMLFeed, error) {
	var feeds []OPMLFeed
	seen := make(map[string]bool)
	for len(feeds) < MaxOPMLFeeds {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return feeds, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		f, ok := outlineFeed(se.Attr)
		if !ok || seen[f.URL] {
			continue
		}
		seen[f.URL] = true
		feeds = append(feeds, f)
	}
	return feeds, nil
}

// outlineFeed reads a feed from an outline's attributes; ok is false for
// category outlines and for feeds without an http(s) URL. Attribute names are
// matched case-insensitively because exporters disagree (xmlUrl, xmlURL).
func outlineFeed(attrs []xml.Attr) (OPMLFeed, bool) {
	var text, title, xmlURL, htmlURL string
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "text":
			text = a.Value
		case "title":
			title = a.Value
		case "xmlurl":
			xmlURL = a.Value
		case "htmlurl":
			htmlURL = a.Value
		}
	}
	u, err := Canonicalize(xmlURL)
	if err != nil {
		return OPMLFeed{}, false
	}
	name := strings.TrimSpace(text)
	if name == "" {
		name = strings.TrimSpace(title)
	}
	site, err := Canonicalize(htmlURL)
	if err != nil {
		site = ""
	}
	return OPMLFeed{Title: name, URL: u, HTMLURL: site}, true
}
