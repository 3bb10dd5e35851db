package newsroom

import (
	"strconv"
)

// style is the CMS an outlet imitates.
type style int

const (
	styleWordPress style = iota // RSS 2.0, no validators, gzip
	styleNext                   // Atom, content-based ETag + Last-Modified, frozen churn
	styleLegacy                 // RSS 1.0 (RDF), Last-Modified only, windows-1252
	styleCount
)

func (s style) String() string {
	return [...]string{"wordpress", "nextjs", "legacy"}[s]
}

// Feed and sitemap paths; each outlet serves the feed of its style.
const (
	pathRSS          = "/feed.xml"
	pathAtom         = "/atom.xml"
	pathRDF          = "/index.rdf"
	pathNewsSitemap  = "/sitemap-news.xml"
	pathSitemapIndex = "/sitemap.xml"
	pathSitemap      = "/sitemap-articles.xml"
)

var outletNames = [styleCount][]string{
	{"The Daily Ledger", "Harbour Times", "The Evening Courant"},
	{"Metro Wire", "The Signal", "Pulse News"},
	{"Gazette Régionale", "The Valley Herald", "Nordstadt Bürgerblatt"},
}

// route maps a path to an article; since is the step from which the path
// exists (a slug change adds a path later).
type route struct {
	key   key
	since int
}

// outlet is one simulated publication. routes and extras are guarded by
// Newsroom.mu.
type outlet struct {
	idx    int
	name   string
	style  style
	routes map[string]route
	extras []int // publication step of each article beyond ArticlesPerOutlet
	// slugs holds the slug of articles whose headline slug was already taken
	// at their path; like WordPress, they get "-2", "-3"...
	slugs map[int]string
}

func newOutlet(i int) *outlet {
	st := style(i % int(styleCount))
	names := outletNames[st]
	name := names[(i/int(styleCount))%len(names)]
	if round := i / (int(styleCount) * len(names)); round > 0 {
		name += " " + strconv.Itoa(round+1)
	}
	return &outlet{idx: i, name: name, style: st, routes: map[string]route{}, slugs: map[int]string{}}
}

// articlePath is where the outlet's CMS puts an article with this slug.
func (n *Newsroom) articlePath(o int, m meta, slug string) string {
	p := m.published.UTC()
	section := topics[m.vars.Topic].Section
	switch n.outlets[o].style {
	case styleNext:
		return "/news/" + section + "/" + strconv.Itoa(m.id) + "-" + slug
	case styleLegacy:
		return "/" + section + "/" + p.Format("2006/01/02") + "/" + slug + ".html"
	}
	return p.Format("/2006/01/02/") + slug
}

// OutletInfo says where an outlet and its feeds live. Empty URLs are not
// served by that outlet.
type OutletInfo struct {
	Name, BaseURL, RSSURL, AtomURL, NewsSitemapURL, SitemapIndexURL string
	FeedURL                                                         string // the outlet's one feed, whichever format it is
	Style                                                           string // "wordpress", "nextjs" or "legacy"
}

// Outlets describes every outlet. BaseURL is known after Start (or
// SetBaseURL).
func (n *Newsroom) Outlets() []OutletInfo {
	out := make([]OutletInfo, len(n.outlets))
	for i, o := range n.outlets {
		base := n.baseURL(i)
		info := OutletInfo{
			Name:            o.name,
			BaseURL:         base,
			NewsSitemapURL:  base + pathNewsSitemap,
			SitemapIndexURL: base + pathSitemapIndex,
			Style:           o.style.String(),
		}
		switch o.style {
		case styleWordPress:
			info.RSSURL = base + pathRSS
			info.FeedURL = info.RSSURL
		case styleNext:
			info.AtomURL = base + pathAtom
			info.FeedURL = info.AtomURL
		case styleLegacy:
			info.RSSURL = base + pathRDF
			info.FeedURL = info.RSSURL
		}
		out[i] = info
	}
	return out
}

// claimPath routes a free path for article m with the wanted slug, adding
// "-2", "-3"... while the path is taken, and returns the slug it got.
func (n *Newsroom) claimPath(m meta, slug string, since int) string {
	out := n.outlets[m.key.outlet]
	got := slug
	for i := 2; ; i++ {
		if _, taken := out.routes[n.articlePath(m.key.outlet, m, got)]; !taken {
			break
		}
		got = slug + "-" + strconv.Itoa(i)
	}
	out.routes[n.articlePath(m.key.outlet, m, got)] = route{key: m.key, since: since}
	return got
}
