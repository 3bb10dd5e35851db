package extract

import (
	"strings"

	"github.com/errata/errata/internal/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pathDepth is how many ancestors, innermost first, name a block's place.
// Deeper chains name the page layout, which a redesign changes, rather than
// the box the block sits in.
const pathDepth = 4

// leadLen is how many bytes of a paragraph identify it when the body's
// paragraph was rebuilt and is not byte-for-byte a block of the page.
const leadLen = 48

// Blocks pairs each paragraph of the article's text with the structural
// place it came from in the page (see model.Block). Places are looked up
// only when asked for: most checks never need them.
func (a Article) Blocks() []model.Block {
	if a.doc == nil {
		return plainBlocks(a.Text)
	}
	return placeBlocks(blockPaths(a.doc), a.Text)
}

func plainBlocks(text string) []model.Block {
	var out []model.Block
	for _, p := range strings.Split(text, "\n\n") {
		if p != "" {
			out = append(out, model.Block{Text: p})
		}
	}
	return out
}

// placeBlocks looks each paragraph up by its text, then by its lead.
func placeBlocks(idx pathIndex, text string) []model.Block {
	out := plainBlocks(text)
	for i := range out {
		p := out[i].Text
		if path, ok := idx.full[p]; ok {
			out[i].Path = path
		} else {
			out[i].Path = idx.lead[lead(p)]
		}
	}
	return out
}

type pathIndex struct {
	full map[string]string
	lead map[string]string
}

func lead(p string) string {
	if len(p) <= leadLen {
		return p
	}
	return p[:leadLen]
}

// blockPaths walks the page's blocks as paragraphs() would and records,
// for each block text, the path of the element that holds it. The first
// place a text appears wins.
func blockPaths(doc *html.Node) pathIndex {
	idx := pathIndex{full: map[string]string{}, lead: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		a := nodeAtom(n)
		if skippedElements[a] {
			return
		}
		if blockElements[a] {
			for _, p := range ownParagraphs(n) {
				path := pathOf(n)
				if _, ok := idx.full[p]; !ok {
					idx.full[p] = path
				}
				if _, ok := idx.lead[lead(p)]; !ok {
					idx.lead[lead(p)] = path
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return idx
}

// ownParagraphs returns the paragraphs made of n's text outside its block
// children: the text the paragrapher attributes to n itself.
func ownParagraphs(n *html.Node) []string {
	p := paragrapher{}
	var inline func(c *html.Node)
	inline = func(c *html.Node) {
		switch {
		case c.Type == html.TextNode:
			p.writeText(c.Data)
		case c.Type != html.ElementNode || skippedElements[nodeAtom(c)]:
		case blockElements[nodeAtom(c)]:
			p.flush()
		default:
			if spacedElements[nodeAtom(c)] {
				p.buf.WriteByte(' ')
			}
			for g := c.FirstChild; g != nil; g = g.NextSibling {
				inline(g)
			}
			if spacedElements[nodeAtom(c)] {
				p.buf.WriteByte(' ')
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		inline(c)
	}
	p.flush()
	return p.out
}

// pathOf names n by its tag and first class and those of its nearest
// ancestors: "div.story>aside.promo>p". Digits in class names are masked,
// as build tools number them; ids are left out, as ad slots draw them at
// random.
func pathOf(n *html.Node) string {
	var parts []string
	for e := n; e != nil && e.Type == html.ElementNode && len(parts) < pathDepth; e = e.Parent {
		parts = append(parts, step(e))
		if e.DataAtom == atom.Body {
			break
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ">")
}

func step(e *html.Node) string {
	s := e.Data
	for _, a := range e.Attr {
		if a.Key == "class" {
			if f := strings.Fields(a.Val); len(f) > 0 {
				s += "." + maskDigits(f[0])
			}
			break
		}
	}
	return s
}

func maskDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
}
