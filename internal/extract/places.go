package extract

import (
	"strings"

	"github.com/errata/errata/internal/furniture"
	"github.com/errata/errata/internal/model"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pathDepth is how many ancestors, innermost first, name a block's place.
// Deeper chains name the page layout, which a redesign changes, rather than
// the box the block sits in.
const pathDepth = 4

// Blocks pairs each paragraph of the article's text with the structural
// place it came from in the page (see model.Block), found through the same
// index of the page's blocks the body was chosen with. Places are named
// only when asked for: most checks never need them.
func (a Article) Blocks() []model.Block {
	out := furniture.Split(a.Text)
	if a.doc == nil {
		return out
	}
	ix := a.index
	if ix == nil {
		fresh := indexBlocks(a.doc)
		ix = &fresh
	}
	for i := range out {
		if b, ok := ix.lookup(out[i].Text); ok {
			out[i].Path = pathOf(b.node)
		}
	}
	return out
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
