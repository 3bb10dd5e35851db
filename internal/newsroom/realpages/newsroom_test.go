package realpages

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestLoad_KeepsOnlyLocatedPages(t *testing.T) {
	n := newTestNewsroom(t, 1)
	kept, total := n.Located()
	t.Logf("realpages: %d of %d pages located reliably", kept, total)
	if kept < 2*testArticles {
		t.Errorf("located %d pages, want at least %d", kept, 2*testArticles)
	}
	hosts := map[string]bool{}
	for _, a := range n.articles {
		hosts[host(a.page.sourceURL)] = true
	}
	if len(hosts) != len(n.articles) {
		t.Errorf("%d articles from %d sites; want one site each", len(n.articles), len(hosts))
	}
}

// TestServe_EveryStepShowsItsTruth checks each served page against the
// truth: the headline and every true paragraph are on the page, removed
// paragraphs are not.
func TestServe_EveryStepShowsItsTruth(t *testing.T) {
	n := newTestNewsroom(t, 2)
	for s := 0; s < Steps; s++ {
		truth := n.Truth()
		for i, a := range n.articles {
			if mishapAt(a, s) {
				continue
			}
			served := a.render(s)
			page := pageText(t, served)
			v := truth[i].Versions[len(truth[i].Versions)-1]
			doc, _ := html.Parse(strings.NewReader(served))
			if !strings.Contains(page, v.Title) || !agrees(v.Title, metaTitles(doc)) {
				t.Errorf("step %d %s: page titles %q, want %q", s, a.url, metaTitles(doc), v.Title)
			}
			for _, line := range strings.Split(v.Text, "\n\n") {
				if !strings.Contains(page, line) && wholeOrAdded(a, line) {
					t.Errorf("step %d %s: true paragraph not on the page: %.80q", s, a.url, line)
				}
			}
		}
		n.Advance()
	}
}

// render serves the state of step s with fresh churn, outside any mishap.
func (a *article) render(s int) string {
	return fill(a.page.render(a.states[s]), a.url, churn(testRand(), styles[a.outlet], a.pool, a.slides))
}

func mishapAt(a *article, s int) bool {
	for _, e := range a.events {
		if e.step == s && !e.kind.Revision() {
			return true
		}
	}
	return false
}

// wholeOrAdded reports whether a true line is one the page must show
// verbatim: a whole located paragraph's line or an added one.
func wholeOrAdded(a *article, line string) bool {
	for _, l := range a.page.lines {
		if l == line {
			for _, at := range a.page.lineOf {
				if at >= 0 && a.page.lines[at] == line {
					return true
				}
			}
			return false
		}
	}
	return true
}
