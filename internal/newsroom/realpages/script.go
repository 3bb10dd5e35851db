package realpages

import (
	"math/rand/v2"
	"slices"
)

// Kind names what an event in an article's script does.
type Kind string

// Real revisions: each makes exactly one true version.
const (
	KindHeadline   Kind = "headline"   // the headline is rewritten
	KindTypo       Kind = "typo"       // a typo published at first is fixed
	KindSentence   Kind = "sentence"   // one sentence of a paragraph is edited
	KindAppend     Kind = "append"     // an update paragraph is added at the end
	KindDelete     Kind = "delete"     // a paragraph is removed
	KindSwap       Kind = "swap"       // two paragraphs change places
	KindCorrection Kind = "correction" // a correction note is appended
	// KindFlipFlop is a real sentence edit that caches serve in turn with
	// the copy before it for a few requests; it is one true version.
	KindFlipFlop Kind = "flip-flop"
)

// Non-revisions: served once, they must make no version.
const (
	KindTruncated Kind = "truncated" // the page stops halfway through the body
	KindOutage    Kind = "outage"    // a blank or maintenance page, status 200
)

// KindPublished marks an article's first version.
const KindPublished Kind = "published"

var (
	realKinds  = []Kind{KindHeadline, KindTypo, KindSentence, KindAppend, KindDelete, KindSwap, KindCorrection}
	noiseKinds = []Kind{KindTruncated, KindOutage, KindFlipFlop}
)

// Script shape: events fall on every other step, so a flip-flop's
// alternation (which spans its step and the next) never meets another
// event of the same article.
const (
	Steps         = 11
	eventGap      = 2
	realPerPage   = 3
	flipRequests  = 4 // requests after a flip-flop that alternate new, old
	maxPageEvents = (Steps - 1) / eventGap
)

// event is one scripted happening in an article's life.
type event struct {
	step    int
	kind    Kind
	targets []int  // paragraph positions it edits
	text    string // new headline or added paragraph
}

// scriptFor draws article i's events. Kinds rotate over the articles so
// every kind occurs about equally; steps and targets come from the seed.
func scriptFor(i int, p *page, r *rand.Rand) []event {
	var kinds []Kind
	for j := range realPerPage {
		kinds = append(kinds, realKinds[(realPerPage*i+j)%len(realKinds)])
	}
	kinds = append(kinds, noiseKinds[i%len(noiseKinds)])
	if i%2 == 1 {
		kinds = append(kinds, noiseKinds[(i+1)%len(noiseKinds)])
	}
	r.Shuffle(len(kinds), func(a, b int) { kinds[a], kinds[b] = kinds[b], kinds[a] })
	steps := eventSteps(r, len(kinds))
	free := editable(p, r)
	var evs []event
	for j, k := range kinds {
		e := event{step: steps[j], kind: k}
		if k == KindTypo {
			free = typoFirst(p, free)
		}
		n := targetsOf(k)
		e.targets, free = free[:n], free[n:]
		e.text = wording(k, p.title, r)
		evs = append(evs, e)
	}
	slices.SortFunc(evs, func(a, b event) int { return a.step - b.step })
	return evs
}

// eventSteps picks n steps from one parity class of 1..Steps-1.
func eventSteps(r *rand.Rand, n int) []int {
	first := 1 + r.IntN(eventGap)
	var all []int
	for s := first; s < Steps; s += eventGap {
		all = append(all, s)
	}
	r.Shuffle(len(all), func(a, b int) { all[a], all[b] = all[b], all[a] })
	return all[:min(n, len(all))]
}

// editable lists the paragraph positions that are whole body lines, in a
// random order: only those can be edited with a known truth.
func editable(p *page, r *rand.Rand) []int {
	var out []int
	for i, l := range p.lineOf {
		if l >= 0 {
			out = append(out, i)
		}
	}
	r.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	return out
}

func targetsOf(k Kind) int {
	switch k {
	case KindTypo, KindSentence, KindDelete, KindFlipFlop:
		return 1
	case KindSwap:
		return 2
	}
	return 0
}

// Revision reports whether a kind makes a true version.
func (k Kind) Revision() bool {
	return k != KindTruncated && k != KindOutage
}

// typoFirst moves to the front a paragraph that can carry a typo; when
// none can, the event edits the first one's words as written.
func typoFirst(p *page, free []int) []int {
	for i, at := range free {
		if _, ok := typo(p.lines[p.lineOf[at]]); ok {
			free[0], free[i] = free[i], free[0]
			break
		}
	}
	return free
}
