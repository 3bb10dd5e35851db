package newsroom

import (
	"strings"
)

// TruthVersion is one distinct state of an article as published. Byline is
// the author names without "By " ("Jane Doe and Omar Haddad"); Text is the
// body paragraphs joined by "\n\n", without any page furniture.
type TruthVersion struct {
	Title, Byline, Text string
	Kind                Kind // what produced it; kinds joined by "+" if one step made several
	Step                int  // the step it was first served at
}

// TruthArticle is what really happened to one article.
type TruthArticle struct {
	Outlet   string
	URL      string   // first published URL, absolute
	Aliases  []string // later URLs (a slug change's new URL)
	Versions []TruthVersion
	Gone     bool // answers 404/410 now
}

// Truth reports every published article as of the current step, outlet by
// outlet in publication order.
func (n *Newsroom) Truth() []TruthArticle {
	n.mu.RLock()
	defer n.mu.RUnlock()
	var out []TruthArticle
	for o := range n.outlets {
		base := n.baseURL(o)
		for i := range n.publishedCount(o, n.step) {
			out = append(out, n.truthOf(key{outlet: o, index: i}, base))
		}
	}
	return out
}

// truthOf replays k's ops step by step, keeping each state that differs from
// the one before. Callers hold n.mu.
func (n *Newsroom) truthOf(k key, base string) TruthArticle {
	m := n.meta(k)
	c := n.baseContent(m)
	t := TruthArticle{Outlet: n.outlets[k.outlet].name, URL: base + n.articlePath(k.outlet, m, m.slug)}
	ops := n.ops[k]
	var kinds []string
	for i := 0; i < len(ops) && ops[i].step <= m.pubStep; i++ {
		ops[i].apply(&c)
	}
	t.Versions = []TruthVersion{n.snapshot(&c, KindPublished, m.pubStep)}
	slug := c.Slug
	for i := 0; i < len(ops); i++ {
		o := ops[i]
		if o.step <= m.pubStep || o.step > n.step {
			continue
		}
		o.apply(&c)
		kinds = append(kinds, string(o.kind))
		if i+1 < len(ops) && ops[i+1].step == o.step {
			continue // finish the step before taking its snapshot
		}
		if c.Slug != slug {
			slug = c.Slug
			t.Aliases = append(t.Aliases, base+n.articlePath(k.outlet, m, slug))
		}
		v := n.snapshot(&c, Kind(strings.Join(kinds, "+")), o.step)
		kinds = kinds[:0]
		if last := t.Versions[len(t.Versions)-1]; v.Title != last.Title || v.Byline != last.Byline || v.Text != last.Text {
			t.Versions = append(t.Versions, v)
		}
	}
	t.Gone = c.Gone
	return t
}

func (n *Newsroom) snapshot(c *content, kind Kind, step int) TruthVersion {
	return TruthVersion{Title: c.Title, Byline: c.Byline(), Text: c.Text(), Kind: kind, Step: step}
}
