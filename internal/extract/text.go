package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockElements start and end a paragraph. Text directly inside any other
// element joins the paragraph around it.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Main: true,
	atom.Body: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true, atom.Pre: true,
	atom.Table: true, atom.Tr: true, atom.Header: true, atom.Footer: true, atom.Hr: true,
	atom.Address: true, atom.Details: true, atom.Summary: true, atom.Figure: true,
}

// skippedElements hold no article text: captions and photo credits change
// with the picture, not with the story.
var skippedElements = map[atom.Atom]bool{
	atom.Figcaption: true, atom.Script: true, atom.Style: true,
	atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Head: true,
}

// spacedElements separate their neighbours with a space (cells, line breaks).
var spacedElements = map[atom.Atom]bool{
	atom.Br: true, atom.Td: true, atom.Th: true, atom.Img: true,
}

// paragraphs returns the normalised, non-empty paragraphs under the roots,
// in document order.
func paragraphs(roots ...*html.Node) []string {
	p := paragrapher{}
	for _, r := range roots {
		p.walk(r)
		p.flush()
	}
	return p.out
}

type paragrapher struct {
	buf strings.Builder
	out []string
	// seam is set at the edge of an inline element trafilatura built: it
	// trims the text around its inline elements ("against<b>Rudolph</b>(well"),
	// so the space the page had there must be put back.
	seam bool
}

func (p *paragrapher) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		p.writeText(n.Data)
		return
	case html.ElementNode, html.DocumentNode:
	default:
		return
	}
	a := nodeAtom(n)
	if skippedElements[a] {
		return
	}
	block := blockElements[a]
	if block {
		p.flush()
	}
	if spacedElements[a] {
		p.buf.WriteByte(' ')
	}
	built := n.DataAtom == 0 && n.Type == html.ElementNode
	p.seam = p.seam || (built && !block)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.walk(c)
	}
	if block {
		p.flush()
	} else if spacedElements[a] {
		p.buf.WriteByte(' ')
	}
	p.seam = p.seam || (built && !block)
}

// writeText appends a text node, restoring the space at a seam unless
// punctuation binds the two sides ("Trump</b>'s", "(<i>sic</i>").
func (p *paragrapher) writeText(s string) {
	if p.seam && s != "" && p.buf.Len() > 0 {
		prev, _ := utf8.DecodeLastRuneInString(p.buf.String())
		next, _ := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(prev) && !unicode.IsSpace(next) &&
			!strings.ContainsRune(closingPunct, next) && !strings.ContainsRune(openingPunct, prev) {
			p.buf.WriteByte(' ')
		}
	}
	p.seam = false
	p.buf.WriteString(s)
}

// closingPunct attaches to the word before it, openingPunct to the word after.
const (
	closingPunct = ".,;:!?)]}%…'’”»"
	openingPunct = "([{“‘«$#@/-'\""
)

func (p *paragrapher) flush() {
	p.seam = false
	if p.buf.Len() == 0 {
		return
	}
	if s := Normalize(p.buf.String()); s != "" {
		p.out = append(p.out, s)
	}
	p.buf.Reset()
}

// nodeAtom returns n's tag as an atom. trafilatura builds its output with
// nodes that carry only the tag name, so DataAtom alone is not enough.
func nodeAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}
