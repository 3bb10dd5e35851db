package realpages

import (
	"encoding/json"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// titleSeparators join a headline and a site name in <title>.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " : ", " :: ", " · "}

// findTitle takes the headline from the h1 that the page's metadata agrees
// with: a headline only the h1 shows, or only <title> shows, is ambiguous
// and no fair truth.
func (p *page) findTitle() error {
	meta := metaTitles(p.doc)
	var err error = unreliable("%s: no h1 agrees with the page title", p.id)
	walk(p.doc, func(n *html.Node) bool {
		if p.headline != nil {
			return false
		}
		if n.Type != html.ElementNode || n.DataAtom != atom.H1 {
			return true
		}
		t := textOf(n)
		if t == "" || !agrees(t, meta) {
			return false
		}
		if node := soleText(n, t); node != nil {
			p.title, p.headline, err = t, node, nil
		}
		return false
	})
	return err
}

// agrees reports whether every metadata title says the headline, allowing
// a site name beside it: a page stating two headlines has no one truth.
func agrees(h string, meta []string) bool {
	for _, m := range meta {
		if !says(m, h) {
			return false
		}
	}
	return len(meta) > 0
}

func says(m, h string) bool {
	if m == h {
		return true
	}
	for _, sep := range titleSeparators {
		if strings.HasPrefix(m, h+sep) || strings.HasSuffix(m, sep+h) {
			return true
		}
	}
	return false
}

// ldHeadline finds structured data's headline field.
var ldHeadline = regexp.MustCompile(`"headline"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// metaTitles lists <title>, the og:/twitter: titles and structured data
// headlines, squashed.
func metaTitles(doc *html.Node) []string {
	var out []string
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch n.DataAtom {
		case atom.Title:
			out = append(out, textOf(n))
		case atom.Script:
			if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
				for _, m := range ldHeadline.FindAllStringSubmatch(n.FirstChild.Data, -1) {
					var h string
					if json.Unmarshal([]byte(`"`+m[1]+`"`), &h) == nil {
						out = append(out, squash(h))
					}
				}
			}
		case atom.Meta:
			switch attr(n, "property") + attr(n, "name") {
			case "og:title", "twitter:title":
				out = append(out, squash(attr(n, "content")))
			}
		}
		return true
	})
	return out
}

// soleText is the text node under n that holds all of want, if any.
func soleText(n *html.Node, want string) *html.Node {
	var found *html.Node
	walk(n, func(c *html.Node) bool {
		if c.Type == html.TextNode && squash(c.Data) == want {
			found = c
		}
		return found == nil
	})
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
