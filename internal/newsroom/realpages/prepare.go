package realpages

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Churn slots: where per-request furniture goes. Some sit outside the
// article container, some between its paragraphs, as real sites place them.
const (
	slotHead       = "head"       // end of <head>: CSRF meta, nonce script
	slotTop        = "top"        // start of <body>: leaderboard ad, login form
	slotBefore     = "before"     // just before the container: related box
	slotAfter      = "after"      // just after the container: most-read box
	slotFoot       = "foot"       // end of <body>: footer counters, render time
	slotLead       = "lead"       // top of the container: "Updated … ago"
	slotNewsletter = "newsletter" // between paragraphs
	slotReadMore   = "readmore"   // between paragraphs
	slotSlideshow  = "slideshow"  // between paragraphs
	slotInlineAd   = "inlinead"   // between paragraphs
	slotEnd        = "end"        // end of the container: comment count
	slotCut        = "cut"        // where a truncated response stops
)

const markerPrefix = "rp:"

// canonicalMarker stands for the article's own URL in the stored page; the
// page's original canonical would send a tracker to the real site.
const canonicalMarker = "https://canonical.realpages.invalid/"

func marker(slot string) string { return "<!--" + markerPrefix + slot + "-->" }

// prepare makes the parsed page servable from loopback and marks the churn
// slots. Paragraph slots are spread over the body so that some churn sits
// early, some late.
func (p *page) prepare() {
	sanitize(p.doc)
	body := firstElement(p.doc, atom.Body)
	if head := firstElement(p.doc, atom.Head); head != nil {
		head.AppendChild(comment(markerPrefix + slotHead))
	}
	top := comment(markerPrefix + slotTop)
	body.InsertBefore(top, body.FirstChild)
	body.AppendChild(comment(markerPrefix + slotFoot))
	c := p.container
	if c.DataAtom == atom.Body {
		insertAfter(top, comment(markerPrefix+slotBefore))
		c.AppendChild(comment(markerPrefix + slotAfter))
	} else {
		c.Parent.InsertBefore(comment(markerPrefix+slotBefore), c)
		insertAfter(c, comment(markerPrefix+slotAfter))
	}
	c.InsertBefore(comment(markerPrefix+slotLead), c.FirstChild)
	c.AppendChild(comment(markerPrefix + slotEnd))
	n := len(p.paras)
	after := []struct {
		slot string
		at   int
	}{
		{slotReadMore, 1}, {slotInlineAd, n / 3}, {slotCut, n / 2},
		{slotNewsletter, n / 2}, {slotSlideshow, 2 * n / 3},
	}
	for _, a := range after {
		insertAfter(p.paras[min(a.at, n-1)], comment(markerPrefix+a.slot))
	}
}

// sanitize declares UTF-8 (the page is re-encoded), points canonical URLs
// at the served copy and drops what would send a client elsewhere.
func sanitize(doc *html.Node) {
	var drop []*html.Node
	walk(doc, func(n *html.Node) bool {
		if n.Type != html.ElementNode {
			return true
		}
		switch {
		case n.DataAtom == atom.Base:
			drop = append(drop, n)
		case n.DataAtom == atom.Meta && attr(n, "charset") != "":
			setAttr(n, "charset", "utf-8")
		case n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "content-type"):
			setAttr(n, "content", "text/html; charset=utf-8")
		case n.DataAtom == atom.Meta && strings.EqualFold(attr(n, "http-equiv"), "refresh"):
			drop = append(drop, n)
		case n.DataAtom == atom.Meta && attr(n, "property") == "og:url":
			setAttr(n, "content", canonicalMarker)
		case n.DataAtom == atom.Link && strings.EqualFold(attr(n, "rel"), "canonical"):
			setAttr(n, "href", canonicalMarker)
		}
		return true
	})
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}
