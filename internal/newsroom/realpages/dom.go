package realpages

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// clone deep-copies n, recording in m where each original node went so the
// located article can be found in the copy.
func clone(n *html.Node, m map[*html.Node]*html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace,
		Attr: append([]html.Attribute(nil), n.Attr...)}
	m[n] = c
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(clone(k, m))
	}
	return c
}

// cloneChildren copies from's children under to, replacing to's own.
func cloneChildren(to, from *html.Node) {
	clear(to)
	for k := from.FirstChild; k != nil; k = k.NextSibling {
		to.AppendChild(clone(k, map[*html.Node]*html.Node{}))
	}
}

func clear(n *html.Node) {
	for n.FirstChild != nil {
		n.RemoveChild(n.FirstChild)
	}
}

func setText(n *html.Node, text string) {
	clear(n)
	n.AppendChild(&html.Node{Type: html.TextNode, Data: text})
}

func insertAfter(ref, n *html.Node) {
	if ref.NextSibling != nil {
		ref.Parent.InsertBefore(n, ref.NextSibling)
		return
	}
	ref.Parent.AppendChild(n)
}

func comment(s string) *html.Node { return &html.Node{Type: html.CommentNode, Data: s} }

// firstElement finds the first element of kind a in document order.
func firstElement(doc *html.Node, a atom.Atom) *html.Node {
	var found *html.Node
	walk(doc, func(n *html.Node) bool {
		if found == nil && n.Type == html.ElementNode && n.DataAtom == a {
			found = n
		}
		return found == nil
	})
	return found
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}
