package realpages

import (
	"math/rand/v2"
	"strings"
	"sync"
)

// article is one served page with its script.
type article struct {
	index  int
	page   *page
	outlet int
	path   string
	url    string // set by Start
	events []event
	states []state // what each step serves
	slides []string
	pool   []link // teasers, set by Start

	mu       sync.Mutex
	requests uint64
	served   map[int]bool   // non-revision events already served
	flips    int            // flip-flop requests served so far
	cache    map[int]string // rendered state by the step it took effect
}

// statesOf replays the script: the state each step serves.
func statesOf(p *page, evs []event) []state {
	out := []state{published(p, evs)}
	for s := 1; s < Steps; s++ {
		cur := out[s-1]
		for _, e := range evs {
			if e.step == s && e.kind.Revision() {
				cur = cur.apply(p, e)
			}
		}
		out = append(out, cur)
	}
	return out
}

// since is the step at which the state served at step s took effect, so
// equal states share one rendering.
func (a *article) since(s int) int {
	for ; s > 0; s-- {
		for _, e := range a.events {
			if e.step == s && e.kind.Revision() {
				return s
			}
		}
	}
	return 0
}

// respond is the page for the next request at step: mostly the step's
// state with fresh churn; once per scripted mishap, the mishap.
func (a *article) respond(step int, seed uint64) string {
	a.mu.Lock()
	a.requests++
	r := rand.New(rand.NewPCG(seed, uint64(a.index)<<32|a.requests))
	mishap, shown := a.mishap(step), a.since(step)
	if e, ok := a.flipping(step); ok {
		if a.flips%2 == 1 {
			shown = a.since(e.step - 1)
		}
		a.flips++
	}
	tpl, ok := a.cache[shown]
	if !ok {
		tpl = a.page.render(a.states[shown])
		a.cache[shown] = tpl
	}
	a.mu.Unlock()
	ch := churn(r, styles[a.outlet], a.pool, a.slides)
	switch mishap {
	case KindTruncated:
		return fill(tpl[:strings.Index(tpl, marker(slotCut))], a.url, ch)
	case KindOutage:
		if a.index%2 == 0 {
			return ""
		}
		return maintenancePage
	}
	return fill(tpl, a.url, ch)
}

// mishap is the non-revision event due now and not yet served, if any; it
// is marked served. Callers hold a.mu.
func (a *article) mishap(step int) Kind {
	for i, e := range a.events {
		if !e.kind.Revision() && e.step <= step && !a.served[i] {
			a.served[i] = true
			return e.kind
		}
	}
	return ""
}

// flipping reports the flip-flop whose alternation is under way: its first
// flipRequests requests, within its step and the next. Callers hold a.mu.
func (a *article) flipping(step int) (event, bool) {
	for _, e := range a.events {
		if e.kind == KindFlipFlop && e.step <= step && step <= e.step+1 && a.flips < flipRequests {
			return e, true
		}
	}
	return event{}, false
}

const maintenancePage = `<!DOCTYPE html><html><head><title>Temporarily unavailable</title></head>` +
	`<body><h1>We'll be back shortly</h1><p>The site is undergoing scheduled maintenance.</p></body></html>`
