package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minCardLinkShare is the least share of a card's text that is link text:
// its headline links to the story, its blurb does not.
const minCardLinkShare = 0.15

// maxCardLen bounds the text (runes) of one card: a headline and a blurb.
const maxCardLen = 2 * maxTeaserItemLen

// cardItems are the elements teaser cards are built with. A run of <p>
// with links is more often the article citing its sources.
var cardItems = map[atom.Atom]bool{
	atom.Div: true, atom.Li: true, atom.Article: true, atom.Section: true,
}

// cardRun returns the children of n that form a run of teaser cards
// ("related columns", "more from this author"): at least minTeaserItems
// siblings of one tag and class set, each short and headed by a link,
// together with a heading just before the run, which names the box.
func cardRun(n *html.Node) []*html.Node {
	var run []*html.Node
	var heading *html.Node
	key := ""
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isCard(c) && (len(run) == 0 || nodeKey(c) == key) {
			if len(run) == 0 {
				key = nodeKey(c)
			}
			run = append(run, c)
			continue
		}
		if len(run) >= minTeaserItems {
			break
		}
		run, heading = nil, nil
		if subheadings[c.DataAtom] {
			heading = c
		}
	}
	if len(run) < minTeaserItems {
		return nil
	}
	if heading != nil {
		run = append([]*html.Node{heading}, run...)
	}
	return run
}

func isCard(n *html.Node) bool {
	if !cardItems[n.DataAtom] {
		return false
	}
	t := textLen(n)
	return t > 0 && t <= maxCardLen && float64(linkTextLen(n)) >= minCardLinkShare*float64(t) &&
		hasLinkedHeadline(n)
}

// hasLinkedHeadline reports whether n has a headline that is a link: a
// heading made of link text, or a link wrapping a block. A link inside a
// sentence ("<a>Google has bought X</a>, a startup that...") is the
// article's own list item, not a card.
func hasLinkedHeadline(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch {
		case subheadings[c.DataAtom] && float64(linkTextLen(c)) >= minLinkedShare*float64(textLen(c)):
			return true
		case c.DataAtom == atom.A && hasBlockChild(c):
			return true
		case hasLinkedHeadline(c):
			return true
		}
	}
	return false
}

// nodeKey is a node's tag and class set.
func nodeKey(n *html.Node) string { return n.Data + "." + classKey(n) }
