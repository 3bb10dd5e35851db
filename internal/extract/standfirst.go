package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minStandfirstWords tells a standfirst (a sentence under the headline)
// from a short section heading ("Claim", "What happened") that opens a body.
const minStandfirstWords = 6

// subheadings are the tags a standfirst is marked up with.
var subheadings = map[atom.Atom]bool{
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// dropStandfirst removes the standfirst from the top of trafilatura's
// content tree: a sentence-long subheading before the first paragraph. It
// summarises the story in the page's header and is not part of the text
// (the same sentence usually is the page's description); outlets rewrite it
// independently of the story, so keeping it would also record churn.
func dropStandfirst(root *html.Node) {
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		a := nodeAtom(c)
		switch {
		case a == atom.H1:
			continue
		case subheadings[a] && wordCount(textOf(c)) >= minStandfirstWords:
			root.RemoveChild(c)
		}
		return
	}
}
