package realpages

import "github.com/errata/errata/internal/newsroom"

// Truth is what a perfect tracker has recorded by the current step: per
// article, the published state and each real revision served since.
// Mishaps make no version; a flip-flop's revision makes one.
func (n *Newsroom) Truth() []newsroom.TruthArticle {
	step := n.Step()
	var out []newsroom.TruthArticle
	for _, a := range n.articles {
		t := newsroom.TruthArticle{Outlet: styles[a.outlet].outlet, URL: a.url}
		s := a.states[0]
		t.Versions = []newsroom.TruthVersion{{Title: s.title, Text: s.truthText(a.page), Kind: newsroom.Kind(KindPublished)}}
		for _, e := range a.events {
			if e.step > step || !e.kind.Revision() {
				continue
			}
			s = s.apply(a.page, e)
			v := newsroom.TruthVersion{Title: s.title, Text: s.truthText(a.page), Kind: newsroom.Kind(e.kind), Step: e.step}
			if last := t.Versions[len(t.Versions)-1]; v.Title != last.Title || v.Text != last.Text {
				t.Versions = append(t.Versions, v)
			}
		}
		out = append(out, t)
	}
	return out
}
