package extract

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minControls is the least number of controls (buttons, tabs, elements
// that steer another) that make a block a widget: one or two are a
// "share" or "read more" button inside a real block.
const minControls = 3

// minMediaItems is the least number of sibling items, each a picture or a
// video with a short caption, that make a gallery.
const minMediaItems = 3

// minStoryParas is the least number of prose paragraphs the page must
// hold outside a gallery for the gallery to be removed.
const minStoryParas = 3

// maxMediaItemLen bounds the text (runes) of one gallery item: a caption
// and a counter, not a paragraph.
const maxMediaItemLen = 200

// controlRoles are the ARIA roles of interactive controls.
var controlRoles = map[string]bool{"button": true, "tab": true, "slider": true, "switch": true}

// mediaElements show a picture or a video.
var mediaElements = map[atom.Atom]bool{
	atom.Img: true, atom.Picture: true, atom.Video: true, atom.Figure: true,
}

// removeWidgets removes slideshows, carousels, galleries, hover cards and
// other widgets from the page: blocks without prose that either carry
// several controls ("Close", "Thumbnails", "Fullscreen", "Next") or are
// runs of pictures with short captions, and inline cards of links. Their items rotate or are reordered between requests, so
// their text is never the article's. A block holding a prose paragraph or
// the page's <h1> is the article's frame and is only searched, not removed.
func removeWidgets(doc *html.Node, totalText int) {
	w := widgetRemover{totalText: totalText, prose: proseCount(doc)}
	w.remove(doc)
}

// widgetRemover holds what its guards need to know of the whole page.
type widgetRemover struct {
	totalText int // runes of text on the page
	prose     int // prose paragraphs on the page
}

func (w widgetRemover) remove(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			if w.isWidget(c) {
				n.RemoveChild(c)
			} else {
				w.remove(c)
			}
		}
		c = next
	}
}

func (w widgetRemover) isWidget(n *html.Node) bool {
	if protectedElements[n.DataAtom] {
		return false
	}
	if !blockElements[n.DataAtom] {
		return isHoverCard(n)
	}
	if containsH1(n) {
		return false
	}
	if isGallery(n) {
		// Captions may be sentences, and a long gallery may hold more text
		// than the story; what tells it from a listicle, whose items are
		// the story, is a story that stands without it.
		return w.prose-proseCount(n) >= minStoryParas
	}
	if countControls(n) < minControls || proseCount(n) > 0 {
		return false
	}
	size := textLen(n)
	return size < minGuardedText || float64(size) <= maxFurnitureShare*float64(w.totalText)
}

// countControls counts the controls under n.
func countControls(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if isControl(c) {
			count++
			continue
		}
		count += countControls(c)
	}
	return count
}

func isControl(n *html.Node) bool {
	if n.DataAtom == atom.Button || hasAttr(n, "aria-controls") {
		return true
	}
	return controlRoles[strings.ToLower(strings.TrimSpace(attr(n, "role")))]
}

// isGallery reports a block whose children are mostly pictures or videos
// with short captions.
func isGallery(n *html.Node) bool {
	items, media := 0, 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		items++
		if hasMedia(c) && textLen(c) <= maxMediaItemLen {
			media++
		}
	}
	return media >= minMediaItems && float64(media) >= minLinkedShare*float64(items)
}

func hasMedia(n *html.Node) bool {
	if mediaElements[n.DataAtom] {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && hasMedia(c) {
			return true
		}
	}
	return false
}

// proseCount counts the prose paragraphs (<p> of minProseLen runes or
// more) under n.
func proseCount(n *html.Node) int {
	count := 0
	for _, p := range descendants(n, atom.P) {
		if len([]rune(Normalize(textOf(p)))) >= minProseLen {
			count++
		}
	}
	return count
}

// isHoverCard reports an inline element that is a card of its own: a
// picture and several links (a person's other stories, shown on hover)
// set inside a sentence. Its text would run into the sentence around it.
// The innermost such element is the card; the ones around it also hold
// the sentence's own link (the person's name).
func isHoverCard(n *html.Node) bool {
	if !isLinkCard(n) {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isLinkCard(c) {
			return false
		}
	}
	return true
}

func isLinkCard(n *html.Node) bool {
	if n.DataAtom == atom.A || !hasMedia(n) || len(descendants(n, atom.A)) < minControls {
		return false
	}
	t := textLen(n)
	return t > 0 && float64(linkTextLen(n)) >= minLinkedShare*float64(t)
}
