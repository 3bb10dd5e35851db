package newsroom

import (
	"net/http"
	"time"
)

// articleState is everything one article page needs, gathered under the
// read lock so rendering happens without it.
type articleState struct {
	m        meta
	c        content
	path     string // current path (after any slug change)
	modified time.Time
	links    []link // other headlines for the churning boxes
}

// lookupResult says how a path resolves at the current step.
type lookupResult int

const (
	lookupMissing lookupResult = iota
	lookupGone
	lookupMoved
	lookupFound
)

func (n *Newsroom) lookup(o int, path string) (articleState, lookupResult) {
	n.mu.RLock()
	defer n.mu.RUnlock()
	rt, ok := n.outlets[o].routes[path]
	if !ok || rt.since > n.step {
		return articleState{}, lookupMissing
	}
	m := n.meta(rt.key)
	if m.pubStep > n.step {
		return articleState{}, lookupMissing
	}
	st := articleState{m: m, c: n.contentAt(m, n.step), modified: m.published}
	if st.c.Gone {
		return st, lookupGone
	}
	st.path = n.articlePath(o, m, st.c.Slug)
	for _, op := range n.ops[m.key] {
		if op.step <= n.step && op.step > m.pubStep {
			st.modified = n.stepTime(op.step)
		}
	}
	st.links = n.boxLinks(o, m.key)
	if st.path != path {
		return st, lookupMoved
	}
	return st, lookupFound
}

// boxLinks are candidates for "Most read" and "Related stories": the
// outlet's step-0 articles under their first headlines. They never depend on
// the current step, so a CDN-cached page stays byte-identical.
func (n *Newsroom) boxLinks(o int, self key) []link {
	limit := min(n.cfg.ArticlesPerOutlet, mostReadSize+relatedSize+1)
	var out []link
	for i := range limit {
		k := key{outlet: o, index: i}
		if k == self {
			continue
		}
		m := n.metaFor(k, 0)
		out = append(out, link{Title: m.title, Href: n.articlePath(o, m, m.slug)})
	}
	return out
}

func (n *Newsroom) serveArticle(w http.ResponseWriter, r *http.Request, o int) {
	st, res := n.lookup(o, r.URL.Path)
	switch res {
	case lookupMissing:
		n.notFound(w, r, o, http.StatusNotFound)
		return
	case lookupGone:
		status := http.StatusNotFound
		if n.outlets[o].style == styleLegacy {
			status = http.StatusGone
		}
		n.notFound(w, r, o, status)
		return
	case lookupMoved:
		http.Redirect(w, r, baseOf(r)+st.path, http.StatusMovedPermanently)
		return
	}
	p, err := n.renderArticle(r, o, st)
	if err != nil {
		http.Error(w, "newsroom: render failed", http.StatusInternalServerError)
		return
	}
	n.send(w, r, o, p)
}
