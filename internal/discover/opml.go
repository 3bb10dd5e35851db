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

// OPMLSkip is a feed outline that cannot be followed, and why.
type OPMLSkip struct {
	Title  string // the outline's text (or title)
	URL    string // its xmlUrl as written
	Reason string
}

// OPML is what an OPML file lists.
type OPML struct {
	Feeds   []OPMLFeed
	Skipped []OPMLSkip // feed outlines without a usable URL, in file order
}

// ParseOPML returns the feeds an OPML file lists: every <outline> with an
// xmlUrl (or of type "rss"), however deeply nested. Outlines without
// either (categories) only group others and are not returned. Feeds whose
// URL is empty or not http(s) (javascript:, file:) are listed in Skipped
// with the reason; a feed listed twice appears once.
func ParseOPML(r io.Reader) (OPML, error) {
	d := newXMLDecoder(r)
	root, err := firstElement(d)
	if err != nil {
		return OPML{}, fmt.Errorf("discover: parse opml: %w", err)
	}
	if !strings.EqualFold(root.Name.Local, "opml") {
		return OPML{}, fmt.Errorf("discover: parse opml: root element <%s> is not <opml>", root.Name.Local)
	}
	o, err := readOutlines(d)
	if err != nil {
		return OPML{}, fmt.Errorf("discover: parse opml: %w", err)
	}
	return o, nil
}

// readOutlines collects feed outlines in document order. Nested outlines
// arrive as further start elements, so no stack is needed.
func readOutlines(d *xml.Decoder) (OPML, error) {
	var o OPML
	seen := make(map[string]bool)
	for len(o.Feeds) < MaxOPMLFeeds && len(o.Skipped) < MaxOPMLFeeds {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return o, nil
		}
		if err != nil {
			return OPML{}, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(se.Name.Local, "outline") {
			continue
		}
		f, skip, isFeed := outlineFeed(se.Attr)
		switch {
		case !isFeed || seen[f.URL]:
		case skip != nil:
			o.Skipped = append(o.Skipped, *skip)
		default:
			seen[f.URL] = true
			o.Feeds = append(o.Feeds, f)
		}
	}
	return o, nil
}

// outlineFeed reads a feed from an outline's attributes. isFeed is false
// for category outlines (no xmlUrl, not of type rss); skip says why a
// feed outline's URL cannot be followed. Attribute names are matched
// case-insensitively because exporters disagree (xmlUrl, xmlURL).
func outlineFeed(attrs []xml.Attr) (f OPMLFeed, skip *OPMLSkip, isFeed bool) {
	var text, title, xmlURL, htmlURL, typ string
	hasURL := false
	for _, a := range attrs {
		switch strings.ToLower(a.Name.Local) {
		case "text":
			text = a.Value
		case "title":
			title = a.Value
		case "xmlurl":
			xmlURL, hasURL = a.Value, true
		case "htmlurl":
			htmlURL = a.Value
		case "type":
			typ = a.Value
		}
	}
	if !hasURL && !strings.EqualFold(strings.TrimSpace(typ), "rss") {
		return OPMLFeed{}, nil, false
	}
	name := strings.TrimSpace(text)
	if name == "" {
		name = strings.TrimSpace(title)
	}
	u, err := Canonicalize(xmlURL)
	if err != nil {
		return OPMLFeed{}, &OPMLSkip{Title: name, URL: xmlURL, Reason: skipReason(xmlURL, err)}, true
	}
	site, err := Canonicalize(htmlURL)
	if err != nil {
		site = ""
	}
	return OPMLFeed{Title: name, URL: u, HTMLURL: site}, nil, true
}

// skipReason says in words why an outline's URL cannot be followed.
func skipReason(raw string, err error) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "no feed URL"
	}
	if errors.Is(err, ErrScheme) {
		if scheme, _, ok := strings.Cut(raw, ":"); ok && !strings.Contains(scheme, "/") {
			return fmt.Sprintf("not an http or https URL (%s:)", strings.ToLower(scheme))
		}
		return "not an absolute http or https URL"
	}
	return "not a valid URL"
}
