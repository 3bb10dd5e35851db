package discover

import (
	"bytes"
	"mime"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxFeedLinks bounds the feeds read from one page's advertisements: a
// site lists its main feed and perhaps a few sections, and a page listing
// hundreds is not to be followed blindly.
const MaxFeedLinks = 10

// feedTypes are the media types of <link rel="alternate"> that announce a
// feed (RSS, Atom, RDF, JSON Feed).
var feedTypes = map[string]bool{
	"application/rss+xml": true, "application/atom+xml": true,
	"application/rdf+xml": true, "application/feed+json": true,
}

// FeedLink is one feed a page advertises.
type FeedLink struct {
	URL   string // canonicalised absolute http(s) URL
	Type  string // media type, lower-cased
	Title string
}

// FeedLinks returns the feeds a page advertises with <link rel="alternate"
// type="application/rss+xml|atom+xml|rdf+xml|feed+json" href="...">, in
// page order, resolved against pageURL and canonicalised, at most
// MaxFeedLinks, each once. Links that are not http(s) are left out. Only
// the first MaxHeadScan bytes are read, where such links live.
func FeedLinks(page []byte, pageURL string) []FeedLink {
	if len(page) > MaxHeadScan {
		page = page[:MaxHeadScan]
	}
	var out []FeedLink
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for len(out) < MaxFeedLinks {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if atom.Lookup(name) != atom.Link || !hasAttr {
			continue
		}
		fl, ok := feedLink(attrs(z), pageURL)
		if ok && !seen[fl.URL] {
			seen[fl.URL] = true
			out = append(out, fl)
		}
	}
	return out
}

// feedLink reads one <link>'s attributes; ok is false unless it
// advertises a feed at an http(s) URL.
func feedLink(a map[string]string, pageURL string) (FeedLink, bool) {
	if !hasToken(a["rel"], "alternate") {
		return FeedLink{}, false
	}
	mt, _, err := mime.ParseMediaType(a["type"])
	if err != nil || !feedTypes[strings.ToLower(mt)] {
		return FeedLink{}, false
	}
	href := strings.TrimSpace(a["href"])
	if href == "" {
		return FeedLink{}, false
	}
	u, err := Resolve(pageURL, href)
	if err != nil {
		return FeedLink{}, false
	}
	return FeedLink{URL: u, Type: strings.ToLower(mt), Title: strings.TrimSpace(a["title"])}, true
}

// hasToken reports whether a space-separated, case-insensitive token list
// (rel) holds tok.
func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(strings.ToLower(list)) {
		if t == tok {
			return true
		}
	}
	return false
}
