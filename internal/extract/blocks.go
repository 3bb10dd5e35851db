package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockInfo is what the page's markup says about one paragraph of text,
// which the extracted body (rebuilt text, without its markup) no longer
// shows: how much of it is link text and where it sits.
type blockInfo struct {
	order     int     // position among the page's leaf blocks
	linkShare float64 // share of its text inside <a>
	afterH1   bool    // it follows the page's first <h1>
	node      *html.Node
}

// blockIndex maps a paragraph, keyed by squeeze, to its block on the page.
type blockIndex struct {
	blocks map[string]blockInfo
	n      int // leaf blocks seen
}

// indexBlocks walks the page's leaf blocks (block elements holding no other
// block) in document order. A paragraph found twice keeps its first block.
func indexBlocks(doc *html.Node) blockIndex {
	ix := blockIndex{blocks: map[string]blockInfo{}}
	seenH1 := false
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
			seenH1 = true
		}
		if n.Type == html.ElementNode && blockElements[n.DataAtom] && !hasBlockChild(n) {
			ix.add(n, seenH1)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode || c.Type == html.DocumentNode {
				walk(c)
			}
		}
	}
	walk(doc)
	return ix
}

func (ix *blockIndex) add(n *html.Node, afterH1 bool) {
	text := strings.Join(paragraphs(n), " ")
	if text == "" {
		return
	}
	key := squeeze(text)
	if _, ok := ix.blocks[key]; ok {
		return
	}
	share := 0.0
	if t := textLen(n); t > 0 {
		share = float64(linkTextLen(n)) / float64(t)
	}
	ix.blocks[key] = blockInfo{order: ix.n, linkShare: share, afterH1: afterH1, node: n}
	ix.n++
}

// lookup returns the block a body paragraph came from, if the page has one
// with the same text.
func (ix blockIndex) lookup(p string) (blockInfo, bool) {
	b, ok := ix.blocks[squeeze(p)]
	return b, ok
}

// hasBlockChild reports whether any element under n starts a paragraph.
func hasBlockChild(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if blockElements[c.DataAtom] || hasBlockChild(c) {
			return true
		}
	}
	return false
}
