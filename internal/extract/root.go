package extract

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/atom"
)

// xhtmlNS is the namespace of XHTML elements.
const xhtmlNS = "http://www.w3.org/1999/xhtml"

// foreignRoots are elements of the HTML vocabulary that, as the root of a
// document, make it an SVG image or a MathML formula, not a page.
var foreignRoots = map[string]bool{"svg": true, "math": true}

// rootElement returns the first element of page after any XML declaration,
// processing instructions, comments and doctype (internal subset
// included), with the namespace it is declared in. ok is false when text
// comes first or the prolog cannot be read: the page is then left to the
// HTML parser, which reads anything.
func rootElement(page []byte) (name xml.Name, ok bool) {
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	// The page is UTF-8 already, whatever its declaration says.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.RawToken()
		if err != nil {
			return xml.Name{}, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return resolve(t), true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return xml.Name{}, false
			}
		}
	}
}

// resolve returns the element's name with its namespace: the URI its
// prefix, or the default namespace, is bound to on the element itself;
// the bare prefix when it is not bound there.
func resolve(e xml.StartElement) xml.Name {
	name := xml.Name{Local: e.Name.Local, Space: e.Name.Space}
	for _, a := range e.Attr {
		switch {
		case e.Name.Space == "" && a.Name.Space == "" && a.Name.Local == "xmlns":
			name.Space = a.Value
		case e.Name.Space != "" && a.Name.Space == "xmlns" && a.Name.Local == e.Name.Space:
			name.Space = a.Value
		}
	}
	return name
}

// htmlRoot reports whether a document rooted at name is a web page: its
// root is <html> (in whatever namespace old editors declared), is in the
// XHTML namespace, or is in none and named like an HTML element (a page
// may open with any of them, or with a custom element).
func htmlRoot(name xml.Name) bool {
	local := strings.ToLower(name.Local)
	switch {
	case local == "html" || name.Space == xhtmlNS:
		return true
	case name.Space != "" || foreignRoots[local]:
		return false
	}
	return atom.Lookup([]byte(local)) != 0 || strings.Contains(local, "-")
}

// describeRoot names a document by its root for an error message.
func describeRoot(name xml.Name) string {
	switch {
	case name.Space == "":
		return fmt.Sprintf("an XML document rooted at <%s>", name.Local)
	case strings.Contains(name.Space, ":"): // a namespace URI
		return fmt.Sprintf("an XML document rooted at <%s> in %s", name.Local, name.Space)
	}
	return fmt.Sprintf("an XML document rooted at <%s:%s>", name.Space, name.Local)
}
