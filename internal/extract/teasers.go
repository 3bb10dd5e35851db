package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minTeaserItems is the least number of items a list of links needs to be
// read as a list of teasers; one or two links are often the story's own
// references.
const minTeaserItems = 3

// minLinkedShare is the share of a list's items that must be mostly link
// text, and the share of an item's text that must be link text for the
// item to count as linked.
const minLinkedShare = 0.8

// maxTeaserItemLen bounds the mean length (runes) of a teaser item: a
// headline, not a paragraph.
const maxTeaserItemLen = 120

// teaserContainers are the elements a list of teasers is built with.
var teaserContainers = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Div: true, atom.Section: true,
}

// isTeaserList reports a list whose items are short links: headlines of
// other stories ("Most popular", "More from…", site menus) that an
// extractor keeps when they sit inside the article's container.
func isTeaserList(n *html.Node) bool {
	if !teaserContainers[n.DataAtom] {
		return false
	}
	items, linked, text := 0, 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		t := textLen(c)
		if t == 0 {
			continue
		}
		items++
		text += t
		if t > 0 && float64(linkTextLen(c)) >= minLinkedShare*float64(t) {
			linked++
		}
	}
	return items >= minTeaserItems && float64(linked) >= minLinkedShare*float64(items) &&
		text <= maxTeaserItemLen*items
}

// linkTextLen counts the runes of text inside links under n.
func linkTextLen(n *html.Node) int {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		return textLen(n)
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += linkTextLen(c)
	}
	return total
}

// teaserSet holds the paragraphs of a page's teaser lists, keyed without
// whitespace: trafilatura rebuilds the text it keeps and moves spaces.
type teaserSet map[string]bool

// findTeasers collects the paragraphs of every teaser list and run of
// teaser cards on the page.
// They are matched against the extracted body afterwards instead of being
// removed from the page first, because removing blocks changes which
// container trafilatura picks.
func findTeasers(doc *html.Node) teaserSet {
	set := teaserSet{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if isTeaserList(n) {
			set.add(n)
			return
		}
		set.add(cardRun(n)...)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
	}
	walk(doc)
	return set
}

func (set teaserSet) add(nodes ...*html.Node) {
	for _, p := range paragraphs(nodes...) {
		set[squeeze(p)] = true
	}
}

// dropTeasers removes the body paragraphs found in teaser lists, unless
// they are most of the body: then the list is the article (a list of
// deals, a list of links that is the post).
func dropTeasers(body []string, set teaserSet) []string {
	if len(set) == 0 {
		return body
	}
	return dropMinority(body, func(p string) bool { return set[squeeze(p)] })
}

// dropMinority removes the body paragraphs that match, unless they are
// most of the body's text: then what looked like furniture is the article.
func dropMinority(body []string, match func(string) bool) []string {
	kept := make([]string, 0, len(body))
	dropped, total := 0, 0
	for _, p := range body {
		total += len(p)
		if match(p) {
			dropped += len(p)
			continue
		}
		kept = append(kept, p)
	}
	if float64(dropped) > maxFurnitureShare*float64(total) {
		return body
	}
	return kept
}

// squeeze removes every space from s.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
