package discover

import (
	"strings"
	"time"
)

// Link is one article URL found in a source.
type Link struct {
	URL   string // canonicalised absolute http(s) URL
	Title string // as the source gives it; may be empty
	// Published is the publication time the source states, in UTC; zero if
	// unknown. For feeds it is gofeed's reading, which takes an Atom entry's
	// <updated> when <published> is missing.
	Published time.Time
	// Updated is the last modification the source states (feed <updated>,
	// sitemap <lastmod>); zero if unknown. It is kept apart from Published
	// because a lastmod can be days after publication.
	Updated time.Time
	// Words is how many words of text the source gives for the article
	// (a feed entry's content, else its summary), 0 when none.
	Words int
}

// linkSet collects links in document order, keeping the first of any URLs
// that are equal after canonicalisation and counting the ones refused.
type linkSet struct {
	base    string
	seen    map[string]bool
	links   []Link
	dropped int
}

func newLinkSet(base string) *linkSet {
	return &linkSet{base: base, seen: make(map[string]bool)}
}

// add resolves and canonicalises ref; a ref that cannot be made an http(s)
// URL is counted as dropped, never returned.
func (s *linkSet) add(ref string, l Link) {
	if strings.TrimSpace(ref) == "" {
		// An empty reference resolves to the base itself: not an article.
		s.dropped++
		return
	}
	u, err := Resolve(s.base, ref)
	if err != nil {
		s.dropped++
		return
	}
	if s.seen[u] {
		return
	}
	s.seen[u] = true
	l.URL = u
	s.links = append(s.links, l)
}
