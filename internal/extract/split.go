package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Some templates cut one article body into several sibling blocks of the
// same kind, separated by ads, figures or newsletter prompts. trafilatura
// picks one of them and loses the rest; the blocks below find the others.

// maxBlockClimb bounds how far above a body paragraph its repeated block is
// looked for: templates wrap each part in a handful of containers.
const maxBlockClimb = 4

// minProseParas is the least number of prose paragraphs a sibling block
// needs to be read as a further part of the article, not a card or a caption.
const minProseParas = 2

// minProseLen is the least length (runes) of a prose paragraph.
const minProseLen = 80

// maxBlockLinkShare bounds the share of a block's text that is link text:
// more is a list of teasers.
const maxBlockLinkShare = 0.2

// splitBody adds to body the paragraphs of the blocks that repeat the one
// its text came from, in document order. The body is returned unchanged
// when no such block exists.
func splitBody(doc *html.Node, body []string) []string {
	if len(body) == 0 {
		return body
	}
	seen := make(map[string]bool, len(body))
	for _, p := range body {
		seen[p] = true
	}
	first := firstBodyParagraph(doc, seen)
	if first == nil {
		return body
	}
	block, parts := repeatedBlocks(first)
	if len(parts) == 0 {
		return body
	}
	var before, after []string
	for _, part := range parts {
		fresh := freshParagraphs(part, seen)
		if precedes(part, block) {
			before = append(before, fresh...)
		} else {
			after = append(after, fresh...)
		}
	}
	return slices.Concat(before, body, after)
}

// firstBodyParagraph returns the first <p> of the page whose text is a
// paragraph of the body.
func firstBodyParagraph(doc *html.Node, seen map[string]bool) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.P {
			if t := strings.Join(paragraphs(n), " "); len([]rune(t)) >= minProseLen && seen[t] {
				found = n
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// repeatedBlocks climbs from p to its nearest ancestor with a class, and
// returns it with its siblings and cousins that repeat its tag and class set
// and hold prose. Only the nearest one is tried: higher up, generic layout
// wrappers ("row", "container") repeat around comments and footers too.
func repeatedBlocks(p *html.Node) (*html.Node, []*html.Node) {
	n := p.Parent
	for range maxBlockClimb {
		if n == nil || n.Parent == nil || n.DataAtom == atom.Body {
			return nil, nil
		}
		if key := classKey(n); key != "" {
			return n, proseRelatives(n, key)
		}
		n = n.Parent
	}
	return nil, nil
}

// proseRelatives returns n's siblings and cousins (children of its parent's
// siblings) that share its tag and class set and read as prose.
func proseRelatives(n *html.Node, key string) []*html.Node {
	var out []*html.Node
	add := func(c *html.Node) {
		if c != n && c.Type == html.ElementNode && c.DataAtom == n.DataAtom &&
			classKey(c) == key && isProseBlock(c) {
			out = append(out, c)
		}
	}
	scope := []*html.Node{n.Parent}
	if gp := n.Parent.Parent; gp != nil {
		scope = nil
		for u := gp.FirstChild; u != nil; u = u.NextSibling {
			scope = append(scope, u)
		}
	}
	for _, parent := range scope {
		for c := parent.FirstChild; c != nil; c = c.NextSibling {
			add(c)
		}
	}
	return out
}

// classKey returns n's class set, sorted, as one string.
func classKey(n *html.Node) string {
	cs := strings.Fields(attr(n, "class"))
	slices.Sort(cs)
	return strings.Join(slices.Compact(cs), " ")
}

// isProseBlock reports a block holding several paragraphs of prose and few
// links.
func isProseBlock(n *html.Node) bool {
	text := textLen(n)
	if text == 0 || float64(linkTextLen(n)) > maxBlockLinkShare*float64(text) {
		return false
	}
	prose := 0
	for _, p := range descendants(n, atom.P) {
		if len([]rune(Normalize(textOf(p)))) >= minProseLen {
			prose++
		}
	}
	return prose >= minProseParas
}

// proseElements are the elements whose text is taken from a further block:
// its lists, callouts and widgets are more often links to other stories
// than part of this one.
var proseElements = map[atom.Atom]bool{
	atom.P: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.Blockquote: true,
}

// freshParagraphs returns the paragraphs of block's prose elements not yet
// in the body, and marks them seen.
func freshParagraphs(block *html.Node, seen map[string]bool) []string {
	var out []string
	for _, p := range paragraphs(proseNodes(block)...) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// proseNodes returns the outermost prose elements under n, in document order.
func proseNodes(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type != html.ElementNode:
		case proseElements[c.DataAtom]:
			out = append(out, c)
		default:
			out = append(out, proseNodes(c)...)
		}
	}
	return out
}

// descendants returns the elements under n with tag a, in document order.
func descendants(n *html.Node, a atom.Atom) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == a {
			out = append(out, c)
		}
		out = append(out, descendants(c, a)...)
	}
	return out
}

// precedes reports whether a comes before b in document order.
func precedes(a, b *html.Node) bool {
	for n := a; n != nil; n = next(n) {
		if n == b {
			return true
		}
	}
	return false
}

// next returns the node after n in document order.
func next(n *html.Node) *html.Node {
	if n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}
