package extract

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"github.com/errata/errata/internal/model"
	"golang.org/x/net/html"
)

// ValidateRules reports the first selector in rules that does not parse, so
// a bad outlet rule is caught when it is configured rather than on every
// extraction.
func ValidateRules(rules model.Rules) error {
	for _, group := range [][]string{rules.Drop, rules.Keep} {
		for _, sel := range group {
			if _, err := cascadia.ParseGroup(sel); err != nil {
				return fmt.Errorf("extract: outlet rule %q: %w", sel, err)
			}
		}
	}
	return nil
}

// applyDrop removes every node matched by a Drop selector.
func applyDrop(doc *html.Node, drop []string) {
	d := goquery.NewDocumentFromNode(doc)
	for _, sel := range drop {
		d.Find(sel).Remove()
	}
}

// keepNodes returns the nodes matched by the Keep selectors, outermost only
// and in document order, or nil when nothing matches.
func keepNodes(doc *html.Node, keep []string) []*html.Node {
	if len(keep) == 0 {
		return nil
	}
	// One group selector walks the tree once and yields document order.
	matched := goquery.NewDocumentFromNode(doc).Find(strings.Join(keep, ", ")).Nodes
	set := make(map[*html.Node]bool, len(matched))
	for _, n := range matched {
		set[n] = true
	}
	var out []*html.Node
	for _, n := range matched {
		if !hasAncestorIn(n, set) {
			out = append(out, n)
		}
	}
	return out
}

// hasAncestorIn keeps nested matches from emitting a paragraph twice.
func hasAncestorIn(n *html.Node, set map[*html.Node]bool) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if set[p] {
			return true
		}
	}
	return false
}
