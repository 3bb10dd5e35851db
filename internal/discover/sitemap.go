package discover

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// MaxSitemapEntries is the most <url> or <sitemap> entries read from one
// sitemap, the protocol's own limit; anything beyond is ignored.
const MaxSitemapEntries = 50000

// Sitemap is what a sitemap or sitemap index lists.
type Sitemap struct {
	Links     []Link   // article URLs of a <urlset>
	Children  []string // sitemap URLs of a <sitemapindex>, canonicalised
	Dropped   int      // entries without an http(s) <loc>
	Truncated bool     // more than MaxSitemapEntries entries; the rest were ignored
	// News reports a Google News sitemap: its entries carry news:title or
	// news:publication_date, the listing of a site's recent articles.
	News bool
}

// sitemapEntry is one <url> or <sitemap>. Field tags without a namespace
// match any namespace, so news:title and plain title both land here.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Title           string `xml:"title"`
		PublicationDate string `xml:"publication_date"`
	} `xml:"news"`
}

// ParseSitemap parses a sitemap (<urlset>), a sitemap index (<sitemapindex>,
// whose entries come back as Children) or a Google News sitemap (whose
// news:title and news:publication_date fill Title and Published), fetched
// from base. A gzipped body (sitemap.xml.gz) is inflated first, to at most
// maxBytes, else the error wraps ErrTooLarge: callers pass the body size
// limit they fetched under, so a compressed sitemap is held to the same cap
// as a plain one. It streams, so a large sitemap is never held as a tree.
func ParseSitemap(body []byte, base string, maxBytes int64) (Sitemap, error) {
	if isGzip(body) {
		var err error
		if body, err = gunzip(body, maxBytes); err != nil {
			return Sitemap{}, fmt.Errorf("discover: parse sitemap: %w", err)
		}
	}
	d := newXMLDecoder(bytes.NewReader(body))
	root, err := firstElement(d)
	if err != nil {
		return Sitemap{}, fmt.Errorf("discover: parse sitemap: %w", err)
	}
	switch root.Name.Local {
	case "urlset", "sitemapindex":
	default:
		return Sitemap{}, fmt.Errorf("discover: parse sitemap: root element <%s> is not <urlset> or <sitemapindex>", root.Name.Local)
	}
	set := newLinkSet(base)
	truncated, err := readEntries(d, root.Name.Local == "sitemapindex", set)
	if err != nil {
		return Sitemap{}, fmt.Errorf("discover: parse sitemap: %w", err)
	}
	sm := Sitemap{Dropped: set.dropped, Truncated: truncated}
	if root.Name.Local == "urlset" {
		sm.Links = set.links
		sm.News = hasNews(set.links)
		return sm, nil
	}
	for _, l := range set.links {
		sm.Children = append(sm.Children, l.URL)
	}
	return sm, nil
}

// hasNews reports links read from news:news elements: in a sitemap, only
// those give a link a title or a publication date.
func hasNews(links []Link) bool {
	for _, l := range links {
		if l.Title != "" || !l.Published.IsZero() {
			return true
		}
	}
	return false
}

// readEntries decodes each <url> (or, in an index, <sitemap>) entry into set
// until the document ends or MaxSitemapEntries is reached.
func readEntries(d *xml.Decoder, index bool, set *linkSet) (truncated bool, err error) {
	want := "url"
	if index {
		want = "sitemap"
	}
	entries := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != want {
			continue
		}
		if entries == MaxSitemapEntries {
			return true, nil
		}
		entries++
		var e sitemapEntry
		if err := d.DecodeElement(&e, &se); err != nil {
			return false, err
		}
		set.add(e.Loc, Link{
			Title:     strings.TrimSpace(e.News.Title),
			Published: parseW3CDate(e.News.PublicationDate),
			Updated:   parseW3CDate(e.LastMod),
		})
	}
}

// newXMLDecoder returns a lenient decoder: real sitemaps and OPML files carry
// HTML entities, bare ampersands and non-UTF-8 encodings.
func newXMLDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// firstElement returns the document's root element.
func firstElement(d *xml.Decoder) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return xml.StartElement{}, errors.New("no root element")
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}
