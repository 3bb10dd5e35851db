package extract_test

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// schemaAttrs are the microdata and RDFa attributes through which a page
// states its metadata to machines; the derived set removes them so only
// what a reader sees is left.
var schemaAttrs = map[string]bool{
	"itemprop": true, "itemscope": true, "itemtype": true, "itemid": true,
	"property": true, "typeof": true, "vocab": true, "about": true,
}

// unschema returns a copy of page without its machine-readable metadata:
// JSON-LD scripts, meta tags that name or date the article or the site,
// and microdata/RDFa attributes.
func unschema(page []byte) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, err
	}
	stripSchema(doc)
	var b bytes.Buffer
	if err := html.Render(&b, doc); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func stripSchema(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if isSchemaElement(c) {
			n.RemoveChild(c)
		} else {
			stripSchema(c)
		}
		c = next
	}
	if n.Type != html.ElementNode {
		return
	}
	kept := n.Attr[:0]
	for _, a := range n.Attr {
		if !schemaAttrs[a.Key] {
			kept = append(kept, a)
		}
	}
	n.Attr = kept
}

// isSchemaElement reports JSON-LD scripts and meta tags carrying a name,
// property or itemprop (og:, article:, twitter:, author, date, parsely-...);
// charset and http-equiv tags stay.
func isSchemaElement(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Script:
		return strings.Contains(strings.ToLower(attrOf(n, "type")), "ld+json")
	case atom.Meta:
		return attrOf(n, "name") != "" || attrOf(n, "property") != "" || attrOf(n, "itemprop") != ""
	}
	return false
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
