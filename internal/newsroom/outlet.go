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

// scriptKind is how an outlet's pages get their text: in the HTML, or only
// once a script has run (Config.ScriptOutlets).
type scriptKind int

const (
	scriptNone   scriptKind = iota
	scriptInline            // an inline script inserts the text after load
	scriptJSON              // a script fetches the text from a JSON endpoint
)

// scriptOutletNames name the script outlets, in scriptKind order.
var scriptOutletNames = [...]string{scriptInline: "The Script Gazette", scriptJSON: "Hydration Herald"}

// pathStoryAPI is where a scriptJSON outlet serves an article's text:
// the prefix, then the article's own path.
const pathStoryAPI = "/api/story"

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
	// script, when not scriptNone, leaves the article text out of the
	// HTML for a script to put in.
	script scriptKind
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

// newScriptOutlet is outlet i, a WordPress site whose article text only
// a script of kind puts on the page.
func newScriptOutlet(i int, kind scriptKind) *outlet {
	return &outlet{idx: i, name: scriptOutletNames[kind], style: styleWordPress, script: kind,
		routes: map[string]route{}, slugs: map[int]string{}}
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

// styleName is the outlet's style, or its script kind for the outlets
// whose text needs scripts.
func (o *outlet) styleName() string {
	switch o.script {
	case scriptInline:
		return "script-inline"
	case scriptJSON:
		return "script-json"
	}
	return o.style.String()
}

// OutletInfo says where an outlet and its feeds live. Empty URLs are not
// served by that outlet.
type OutletInfo struct {
	Name, BaseURL, RSSURL, AtomURL, NewsSitemapURL, SitemapIndexURL string
	FeedURL                                                         string // the outlet's one feed, whichever format it is
	Style                                                           string // "wordpress", "nextjs", "legacy", "script-inline" or "script-json"
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
			Style:           o.styleName(),
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
