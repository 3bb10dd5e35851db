package newsroom

import (
	"strings"
)

// Shared stories (Config.SharedStories): one article in three, at the same
// index in every outlet, reprints one agency story, and one in three is
// each outlet's own report of one shared event; the rest are each
// outlet's own. All prose is composed sentence by sentence, so unrelated
// articles on one subject share words, never whole paragraphs.
const (
	sharedEvery = 3
	sharedWire  = 1 // index % sharedEvery: an agency story, reprinted
	sharedEvent = 2 // index % sharedEvery: one event, reported by each outlet
)

// sharedAgencies credit the agency stories outlets reprint.
var sharedAgencies = []string{"(AFP) —", "(Reuters) -", "(AP) —"}

func sharedKind(index int) int { return index % sharedEvery }

// sharedVars are the facts of the event behind index, the same in every
// outlet.
func (n *Newsroom) sharedVars(index int) storyVars {
	return newStoryVars(newRand(n.cfg.Seed, 0x5a, uint64(index)))
}

// sharedParas writes the base paragraphs of an article in shared-stories
// mode.
func (n *Newsroom) sharedParas(m meta) [][]string {
	o := n.outlets[m.key.outlet]
	r := newRand(n.cfg.Seed, 2, uint64(m.key.outlet), uint64(m.key.index))
	switch sharedKind(m.key.index) {
	case sharedWire:
		ar := newRand(n.cfg.Seed, 0x5b, uint64(m.key.index))
		text := agencyBody(m.vars, ar)
		text[0] = strings.ToUpper(m.vars.Place) + " " + sharedAgencies[m.key.index%len(sharedAgencies)] + " " + text[0]
		town := places[(m.key.outlet*5+3)%len(places)]
		return splitParas(reprint(text, o.name, town, r))
	case sharedEvent:
		a := independentReport(m.vars, m.key.outlet, o.name, "", m.published, 0, r)
		return splitParas(a.Paragraphs)
	}
	tp := topics[m.vars.Topic]
	return composeParas(m.vars, r, fill(pick(r, tp.Ledes), m.vars, r), quoteSentence(tp.Quotes[0], m.vars.Official, tp.Role), minParagraphs+r.IntN(maxParagraphs-minParagraphs+1))
}

// splitParas makes each paragraph one sentence-list entry: revisions find
// and replace whole sentences, and a reprinted paragraph is one.
func splitParas(ps []string) [][]string {
	out := make([][]string, len(ps))
	for i, p := range ps {
		out[i] = []string{p}
	}
	return out
}
