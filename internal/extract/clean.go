package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFurnitureShare is the largest share of the page's text an element may
// hold and still be removed as furniture: a wrapper holding most of the text
// is the article, whatever its class says ("post has-comments", "paywall").
const maxFurnitureShare = 0.5

// minGuardedText is the least text (runes) an element needs for the share
// guard to apply: on a near-empty page a cookie banner may hold most of the
// text and must still go.
const minGuardedText = 400

// maxLabelWords bounds the aria-label values read as furniture labels
// ("Advertisement", "Share on Facebook"), so descriptive labels stay.
const maxLabelWords = 3

// maxDataValueLen bounds the data-* values tokenised; longer values are
// content (titles, JSON), not component names.
const maxDataValueLen = 64

// alwaysRemoved elements never carry article text.
var alwaysRemoved = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Template: true, atom.Svg: true, atom.Object: true, atom.Embed: true,
}

// chromeElements are page chrome; removed unless they wrap most of the text
// (some CMSs wrap the whole page in a <form>).
var chromeElements = map[atom.Atom]bool{
	atom.Aside: true, atom.Nav: true, atom.Form: true, atom.Button: true,
	atom.Dialog: true, atom.Select: true, atom.Textarea: true, atom.Input: true,
}

// protectedElements are containers of the article itself.
var protectedElements = map[atom.Atom]bool{
	atom.Html: true, atom.Head: true, atom.Body: true, atom.Main: true, atom.Article: true,
}

// cleaner removes news furniture from a parsed page in place.
type cleaner struct {
	totalText int // runes of text on the page, computed once
}

func removeFurniture(doc *html.Node) {
	c := cleaner{totalText: textLen(doc)}
	// Widgets are told by their controls, which the cleaner removes.
	removeWidgets(doc, c.totalText)
	c.clean(doc)
}

func (c *cleaner) clean(n *html.Node) {
	for child := n.FirstChild; child != nil; {
		next := child.NextSibling
		if c.removable(child) {
			n.RemoveChild(child)
		} else {
			c.clean(child)
		}
		child = next
	}
}

func (c *cleaner) removable(n *html.Node) bool {
	switch n.Type {
	case html.CommentNode:
		return true // build stamps and cache ids churn in comments
	case html.ElementNode:
	default:
		return false
	}
	if alwaysRemoved[n.DataAtom] {
		return true
	}
	if protectedElements[n.DataAtom] || attr(n, "itemprop") == "articleBody" {
		return false
	}
	if !chromeElements[n.DataAtom] && !isHidden(n) && !isFurnitureByName(n) {
		return false
	}
	// A box holding the page's <h1> is the article's frame, whatever its
	// class says ("box article modal-enabled").
	if containsH1(n) {
		return false
	}
	// Only a minor part of the page may go; this walk runs for candidates only.
	size := textLen(n)
	return size < minGuardedText || float64(size) <= maxFurnitureShare*float64(c.totalText)
}

func isHidden(n *html.Node) bool {
	if hasAttr(n, "hidden") || strings.EqualFold(attr(n, "aria-hidden"), "true") {
		return true
	}
	style := strings.ToLower(strings.Join(strings.Fields(attr(n, "style")), ""))
	return strings.Contains(style, "display:none") || strings.Contains(style, "visibility:hidden")
}

// isFurnitureByName reads the names authors gave an element: class, id,
// data-* attributes and a short aria-label.
func isFurnitureByName(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "class" || a.Key == "id":
			if hasFurnitureToken(tokens(a.Val)) {
				return true
			}
		case strings.HasPrefix(a.Key, "data-"):
			if hasFurnitureToken(tokens(a.Key[len("data-"):])) {
				return true
			}
			if len(a.Val) <= maxDataValueLen && !strings.ContainsRune(a.Val, ' ') &&
				hasFurnitureToken(tokens(a.Val)) {
				return true
			}
		case a.Key == "aria-label":
			if wordCount(a.Val) <= maxLabelWords && hasFurnitureToken(tokens(a.Val)) {
				return true
			}
		}
	}
	return false
}

// tokens splits an attribute value into lower-case words at spaces, '-',
// '_', digits boundaries and camelCase humps: "adSlot-top" → ad, slot, top.
// Matching whole tokens is what keeps "header", "shadow" and "download"
// from matching "ad".
func tokens(s string) []string {
	var out []string
	start := -1
	prev := rune(0)
	for i, r := range s {
		isWord := unicode.IsLetter(r)
		hump := isWord && unicode.IsUpper(r) && unicode.IsLower(prev)
		if start >= 0 && (!isWord || hump) {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
		if isWord && start < 0 {
			start = i
		}
		prev = r
	}
	if start >= 0 {
		out = append(out, strings.ToLower(s[start:]))
	}
	return out
}

func hasFurnitureToken(toks []string) bool {
	for i, t := range toks {
		if furnitureTokens[t] {
			return true
		}
		if i > 0 && furniturePairs[toks[i-1]+" "+t] {
			return true
		}
	}
	return false
}

// textLen counts the runes of text under n, ignoring scripts and styles.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return utf8.RuneCountInString(strings.TrimSpace(n.Data))
	}
	if n.Type == html.ElementNode && alwaysRemoved[n.DataAtom] {
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += textLen(c)
	}
	return total
}

func containsH1(n *html.Node) bool {
	if n.DataAtom == atom.H1 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && containsH1(c) {
			return true
		}
	}
	return false
}
