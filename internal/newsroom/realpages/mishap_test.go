package realpages

import (
	"strings"
	"testing"
)

// advanceTo moves the newsroom to step s.
func advanceTo(n *Newsroom, s int) {
	for n.Step() < s {
		n.Advance()
	}
}

// withEvent finds an article whose script has kind k, and its event.
func withEvent(t *testing.T, n *Newsroom, k Kind) (*article, event) {
	t.Helper()
	for _, a := range n.articles {
		for _, e := range a.events {
			if e.kind == k {
				return a, e
			}
		}
	}
	t.Fatalf("no article scripts %s", k)
	return nil, event{}
}

func TestRespond_TruncatedOnceThenWhole(t *testing.T) {
	n := newTestNewsroom(t, 5)
	a, e := withEvent(t, n, KindTruncated)
	advanceTo(n, e.step)
	first, second := get(t, a.url), get(t, a.url)
	if len(first) >= len(second)*9/10 || strings.Contains(first, "readers online now") {
		t.Errorf("first response %d bytes of %d, want a page cut inside its body", len(first), len(second))
	}
	last := a.states[e.step].truthText(a.page)
	if tail := last[strings.LastIndex(last, "\n\n")+2:]; !strings.Contains(pageText(t, second), tail) {
		t.Errorf("second response lacks the body's end")
	}
}

func TestRespond_OutageOnceThenWhole(t *testing.T) {
	n := newTestNewsroom(t, 6)
	a, e := withEvent(t, n, KindOutage)
	advanceTo(n, e.step)
	first, second := pageText(t, get(t, a.url)), pageText(t, get(t, a.url))
	if strings.Contains(first, a.page.title) || !strings.Contains(second, a.states[e.step].title) {
		t.Errorf("want an outage page, then the article")
	}
}

func TestRespond_FlipFlopAlternatesThenSticks(t *testing.T) {
	n := newTestNewsroom(t, 7)
	a, e := withEvent(t, n, KindFlipFlop)
	advanceTo(n, e.step)
	edited := a.states[e.step].text(a.page, e.targets[0])
	var got []bool
	for range flipRequests + 2 {
		got = append(got, strings.Contains(pageText(t, get(t, a.url)), edited))
	}
	want := []bool{true, false, true, false, true, true}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("new copy served %v, want %v", got, want)
		}
	}
}
