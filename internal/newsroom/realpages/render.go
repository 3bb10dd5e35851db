package realpages

import (
	"bytes"
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// render serialises a state of the page; churn slots stay as markers for
// fill to replace on each request.
func (p *page) render(s state) string {
	m := map[*html.Node]*html.Node{}
	doc := clone(p.doc, m)
	last := m[p.tailAnchor()]
	for i := len(s.tail) - 1; i >= 0; i-- {
		insertAfter(last, paragraphLike(last, s.tail[i]))
	}
	for at, sl := range s.slots {
		n := m[p.paras[at]]
		switch {
		case sl.gone:
			n.Parent.RemoveChild(n)
		case sl.edit:
			setText(n, sl.text)
		case sl.src != at:
			cloneChildren(n, p.paras[sl.src])
		}
	}
	if s.title != p.title {
		retitle(doc, m[p.headline], p.title, s.title)
	}
	var b bytes.Buffer
	if err := html.Render(&b, doc); err != nil {
		return "" // rendering a tree built by the parser does not fail
	}
	return b.String()
}

// tailAnchor is the paragraph an appended one follows: the last of the
// element that holds most of the article's paragraphs, as a CMS appends to
// the article's body. The page's last located paragraph may sit in a box
// after the body (a disclaimer, a sign-off) that the corpus's truth counts
// as article text.
func (p *page) tailAnchor() *html.Node {
	count := map[*html.Node]int{}
	var body *html.Node
	for _, n := range p.paras {
		count[n.Parent]++
		if body == nil || count[n.Parent] > count[body] {
			body = n.Parent
		}
	}
	last := p.paras[len(p.paras)-1]
	for _, n := range p.paras {
		if n.Parent == body {
			last = n
		}
	}
	return last
}

// paragraphLike is a new paragraph dressed like its neighbour, as a CMS
// adds one.
func paragraphLike(like *html.Node, text string) *html.Node {
	n := &html.Node{Type: html.ElementNode, DataAtom: atom.P, Data: "p"}
	if c := attr(like, "class"); c != "" {
		n.Attr = []html.Attribute{{Key: "class", Val: c}}
	}
	setText(n, text)
	return n
}

// retitle changes the headline everywhere the page states it: the h1,
// <title>, the social titles and structured data.
func retitle(doc, h1 *html.Node, old, title string) {
	h1.Data = title
	walk(doc, func(n *html.Node) bool {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.Title && n.FirstChild != nil:
			n.FirstChild.Data = strings.ReplaceAll(squash(n.FirstChild.Data), old, title)
		case n.Type == html.ElementNode && n.DataAtom == atom.Meta:
			if c := attr(n, "content"); strings.Contains(squash(c), old) {
				setAttr(n, "content", strings.ReplaceAll(squash(c), old, title))
			}
		case n.Type == html.ElementNode && n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json" && n.FirstChild != nil:
			n.FirstChild.Data = strings.ReplaceAll(n.FirstChild.Data, jsonText(old), jsonText(title))
		}
		return true
	})
}

// fill replaces the churn markers of a rendered page.
func fill(tpl, url string, churn map[string]string) string {
	pairs := []string{canonicalMarker, url}
	for slot, h := range churn {
		pairs = append(pairs, marker(slot), h)
	}
	return strings.NewReplacer(pairs...).Replace(tpl)
}

// jsonText is s as a JSON string's inside, escaped as structured data
// writes it.
func jsonText(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)[1:]
}
