package realpages

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Thresholds for trusting where a page's article is. A page failing any of
// them is skipped: a corpus whose truth is guessed would score the guess.
const (
	minBodyWords     = 150  // shorter bodies leave no room for the script
	containerRecall  = 0.85 // share of the body's tokens the container holds
	maxBloat         = 2.5  // container tokens per body token, at most
	paragraphRecall  = 0.75 // share of the body's tokens in located paragraphs
	minParaChars     = 25   // shorter paragraphs match the body by chance
	minWholeLines    = 6    // paragraphs that are one whole body line, to edit
	maxPageBytesRead = 8 << 20
)

// page is one corpus page with its article located.
type page struct {
	id, sourceURL string
	title         string     // the headline, as the page's h1 shows it
	lines         []string   // ground-truth body lines
	doc           *html.Node // parsed once; rendering clones it
	container     *html.Node
	paras         []*html.Node // body paragraphs in document order
	lineOf        []int        // body line each paragraph is, or -1
	headline      *html.Node   // the text node holding the h1's headline
	lastLine      int          // body line holding the last paragraph
}

var errUnreliable = errors.New("realpages: article not located reliably")

func unreliable(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUnreliable}, a...)...)
}

// locate parses a page and finds its article from the ground-truth body.
func locate(id, sourceURL string, raw []byte, body string) (*page, error) {
	r, err := charset.NewReader(bytes.NewReader(raw), "text/html")
	if err != nil {
		return nil, fmt.Errorf("realpages: %s: %w", id, err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("realpages: %s: %w", id, err)
	}
	p := &page{id: id, sourceURL: sourceURL, doc: doc, lines: bodyLines(body)}
	want := bag(strings.Join(p.lines, " "))
	if size(want) < minBodyWords {
		return nil, unreliable("%s: body of %d words", id, size(want))
	}
	if err := p.findTitle(); err != nil {
		return nil, err
	}
	cands := matchingParagraphs(doc, strings.Join(p.lines, " "))
	if p.container = smallestHolder(cands, want); p.container == nil {
		return nil, unreliable("%s: no element holds the body", id)
	}
	p.keepParagraphs(cands)
	if err := p.check(want); err != nil {
		return nil, err
	}
	p.lastLine = p.lineHolding(len(p.paras) - 1)
	p.prepare()
	return p, nil
}

// lineHolding is the body line that paragraph i is or lies in.
func (p *page) lineHolding(i int) int {
	if p.lineOf[i] >= 0 {
		return p.lineOf[i]
	}
	t := textOf(p.paras[i])
	for j, l := range p.lines {
		if strings.Contains(l, t) {
			return j
		}
	}
	return len(p.lines) - 1
}

// matchingParagraphs lists the <p> elements whose text is in the body.
func matchingParagraphs(doc *html.Node, flat string) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && invisible(n) {
			return false
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			if t := textOf(n); len(t) >= minParaChars && strings.Contains(flat, t) {
				out = append(out, n)
			}
			return false
		}
		return true
	})
	return out
}

// smallestHolder is the ancestor of the candidate paragraphs with the
// fewest tokens that still holds most of the body.
func smallestHolder(cands []*html.Node, want map[string]int) *html.Node {
	seen := map[*html.Node]bool{}
	var best *html.Node
	bestSize := 0
	for _, c := range cands {
		for a := c.Parent; a != nil && a.Type == html.ElementNode; a = a.Parent {
			if seen[a] {
				break
			}
			seen[a] = true
			got := bag(textOf(a))
			if float64(common(got, want)) < containerRecall*float64(size(want)) {
				continue
			}
			if n := size(got); best == nil || n < bestSize {
				best, bestSize = a, n
			}
		}
	}
	return best
}

// keepParagraphs keeps the candidates inside the container and ties each to
// the body line it is, when it is a whole line met once.
func (p *page) keepParagraphs(cands []*html.Node) {
	count := map[string]int{}
	for _, l := range p.lines {
		count[l]++
	}
	index := map[string]int{}
	for i, l := range p.lines {
		index[l] = i
	}
	used := map[int]bool{}
	for _, c := range cands {
		if !within(c, p.container) {
			continue
		}
		line := -1
		if i, ok := index[textOf(c)]; ok && count[textOf(c)] == 1 && !used[i] {
			line, used[i] = i, true
		}
		p.paras = append(p.paras, c)
		p.lineOf = append(p.lineOf, line)
	}
}

func (p *page) check(want map[string]int) error {
	got := map[string]int{}
	whole := 0
	for i, n := range p.paras {
		for t, c := range bag(textOf(n)) {
			got[t] += c
		}
		if p.lineOf[i] >= 0 {
			whole++
		}
	}
	held := bag(textOf(p.container))
	switch {
	case float64(common(got, want)) < paragraphRecall*float64(size(want)):
		return unreliable("%s: paragraphs hold %d of %d body tokens", p.id, common(got, want), size(want))
	case float64(size(held)) > maxBloat*float64(size(want)):
		return unreliable("%s: container has %d tokens for a body of %d", p.id, size(held), size(want))
	case whole < minWholeLines:
		return unreliable("%s: %d whole-line paragraphs", p.id, whole)
	}
	return nil
}

func within(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// walk visits n and its descendants in document order; visit returns
// whether to descend.
func walk(n *html.Node, visit func(*html.Node) bool) {
	if !visit(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}
