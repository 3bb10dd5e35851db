package newsroom

import (
	"net/http"
	"strings"
	"time"
)

// Listing limits.
const (
	homeItems       = 20
	feedItems       = 20
	newsSitemapMax  = 1000  // Google News sitemaps hold at most 1,000 URLs
	sitemapMax      = 50000 // sitemaps hold at most 50,000 URLs
	newsSitemapDays = 2     // Google News wants articles from the last two days
)

// listItem is an article as lists show it.
type listItem struct {
	m        meta
	c        content
	path     string
	modified time.Time
}

// latest lists outlet o's live articles, newest first, up to limit. Bodies
// are generated only when withBody is set: sitemaps need titles alone.
func (n *Newsroom) latest(o, limit int, withBody bool) []listItem {
	n.mu.RLock()
	defer n.mu.RUnlock()
	count := n.publishedCount(o, n.step)
	out := make([]listItem, 0, min(limit, count))
	// Articles beyond ArticlesPerOutlet are newer than every step-0 one,
	// and step-0 ones get older as their index grows.
	for i := count - 1; i >= n.cfg.ArticlesPerOutlet && len(out) < limit; i-- {
		out = n.appendLive(out, key{outlet: o, index: i}, withBody)
	}
	for i := 0; i < n.cfg.ArticlesPerOutlet && len(out) < limit; i++ {
		out = n.appendLive(out, key{outlet: o, index: i}, withBody)
	}
	return out
}

func (n *Newsroom) appendLive(out []listItem, k key, withBody bool) []listItem {
	m := n.meta(k)
	c := content{Title: m.title, Slug: m.slug, Authors: []string{m.author}}
	if withBody {
		c = n.baseContent(m)
	}
	it := listItem{m: m, modified: m.published}
	for _, op := range n.ops[k] {
		if op.step > n.step {
			break
		}
		op.apply(&c)
		if op.step > m.pubStep {
			it.modified = n.stepTime(op.step)
		}
	}
	if c.Gone {
		return out
	}
	it.c, it.path = c, n.articlePath(k.outlet, m, c.Slug)
	return append(out, it)
}

func (it listItem) summary() string {
	if len(it.c.Paras) == 0 || len(it.c.Paras[0]) == 0 {
		return ""
	}
	return it.c.Paras[0][0]
}

// Tracking parameters real sites put on internal links; errata must strip
// them when it canonicalises.
const (
	homeTracking = "?utm_source=homepage&utm_medium=referral&utm_campaign=top-stories"
	feedTracking = "?utm_source=rss&utm_medium=feed&utm_campaign=syndication"
)

type homeItem struct {
	Title, Href, Summary, Section, CommentsHref string
	Published                                   time.Time
	Comments                                    int
}

type homeView struct {
	Outlet, Base, Style, FeedURL, FeedType string
	Items                                  []homeItem
	Churn                                  churn
}

func (n *Newsroom) serveHome(w http.ResponseWriter, r *http.Request, o int) {
	out := n.outlets[o]
	items := n.latest(o, homeItems, true)
	v := homeView{Outlet: out.name, Base: baseOf(r), Style: out.style.String()}
	var links []link
	for i, it := range items {
		href := it.path
		if i%3 == 1 {
			href += homeTracking
		}
		v.Items = append(v.Items, homeItem{
			Title: it.c.Title, Href: href, Summary: it.summary(), Section: topics[it.m.vars.Topic].Section,
			Published: it.m.published, Comments: (it.m.id*7)%90 + 1, CommentsHref: it.path + "#comments",
		})
		links = append(links, link{Title: it.c.Title, Href: it.path})
	}
	v.Churn = newChurn(n.freshChurn(), links)
	v.FeedURL, v.FeedType = feedOf(out.style)
	if v.FeedURL != "" {
		v.FeedURL = v.Base + v.FeedURL
	}
	body, ctype, err := n.execute(out.style, "home.html", v)
	if err != nil {
		http.Error(w, "newsroom: render failed", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body) //nolint:errcheck
}

func feedOf(s style) (path, mime string) {
	switch s {
	case styleWordPress:
		return pathRSS, "application/rss+xml"
	case styleNext:
		return pathAtom, "application/atom+xml"
	case styleLegacy:
		return pathRDF, "application/rdf+xml"
	}
	return "", ""
}

// withTracking adds the feed's tracking parameters to every third link.
func withTracking(u string, i int) string {
	if i%3 == 2 && !strings.Contains(u, "?") {
		return u + feedTracking
	}
	return u
}
