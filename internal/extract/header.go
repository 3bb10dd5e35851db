package extract

import (
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits of the article header read after a headline for its date: a few
// dozen short texts (byline, dateline, share buttons) and one long one (a
// standfirst); the next long text is the body, whose dates are the
// story's, not the article's.
const (
	maxHeaderTexts     = 40
	maxHeaderTextRunes = 160
	maxHeaderLongTexts = 1
)

// rxUpdatedLabel marks a dateline that gives the last change, not the
// publication.
var updatedLabels = []string{"updated", "modified", "aktualisiert", "actualizado", "atualizado", "mis à jour", "обновлено"}

// articleHeader is what the texts under a headline show: the article's
// date and, on templates that do not mark their byline, a "By" line or a
// text its element calls a name.
type articleHeader struct {
	date  time.Time
	names []string
}

// readHeader scans the texts that follow the headline element h, block by
// block, so that a dateline or byline split over inline elements reads
// as one.
func readHeader(h *html.Node) articleHeader {
	var hd articleHeader
	var updated time.Time
	var last *html.Node
	texts, long := 0, 0
	for n := nextInDocument(h, true); n != nil && texts < maxHeaderTexts; n = nextInDocument(n, false) {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style || n.DataAtom == atom.H1) {
			if n.DataAtom == atom.H1 {
				break
			}
			n = lastDescendant(n)
			continue
		}
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) == "" {
			continue
		}
		block, s, isLong := headerUnit(n)
		if block == last {
			continue
		}
		last = block
		texts++
		if isLong {
			if long++; long > maxHeaderLongTexts {
				break
			}
			continue
		}
		if hd.names == nil {
			hd.names = headerNames(n, s)
		}
		t := parseHumanDate(s)
		switch {
		case t.IsZero() || !hd.date.IsZero():
		case isUpdateLabel(s):
			if updated.IsZero() {
				updated = t
			}
		default:
			hd.date = t
		}
		if !hd.date.IsZero() && hd.names != nil {
			break
		}
	}
	if hd.date.IsZero() {
		hd.date = updated
	}
	return hd
}

// headerBlocks are the elements whose text is read as one header line.
var headerBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Section: true, atom.Header: true,
	atom.Td: true, atom.Blockquote: true, atom.Figcaption: true, atom.Dd: true, atom.Dt: true,
	atom.Address: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// headerUnit returns the block holding text node n and its text, and
// whether that is long text: a paragraph of the body or a standfirst. A
// short text directly inside a big container stands alone.
func headerUnit(n *html.Node) (*html.Node, string, bool) {
	block := n.Parent
	for block != nil && block.Type == html.ElementNode && !headerBlocks[block.DataAtom] {
		block = block.Parent
	}
	own := Normalize(n.Data)
	if block == nil || block.Type != html.ElementNode {
		return n, own, utf8.RuneCountInString(own) > maxHeaderTextRunes
	}
	text := Normalize(textOf(block))
	switch {
	case utf8.RuneCountInString(text) <= maxHeaderTextRunes:
		return block, text, false
	case block.DataAtom == atom.P:
		return block, text, true
	}
	return n, own, utf8.RuneCountInString(own) > maxHeaderTextRunes
}

// headerNames reads authors from a header line that starts with a "By"
// label, or from a text whose element's class says it holds a name.
func headerNames(n *html.Node, line string) []string {
	text := line
	if !rxBylinePrefix.MatchString(line) {
		if n.Parent == nil || !hasClassPart(attr(n.Parent, "class"), "name") {
			return nil
		}
		text = Normalize(n.Data)
	}
	var names []string
	for _, name := range authorNames(text) {
		if looksLikeName(name) {
			names = append(names, name)
		}
	}
	return names
}

// hasClassPart reports whether a class list has part as one of the words
// of a class name ("articleHeader--subhead-name", "p-name").
func hasClassPart(class, part string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(class), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_'
	}) {
		if w == part {
			return true
		}
	}
	return false
}

func isUpdateLabel(s string) bool {
	s = strings.ToLower(s)
	for _, l := range updatedLabels {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// nextInDocument returns the node after n in document order; skipChildren
// starts past n's own subtree.
func nextInDocument(n *html.Node, skipChildren bool) *html.Node {
	if !skipChildren && n.FirstChild != nil {
		return n.FirstChild
	}
	for ; n != nil; n = n.Parent {
		if n.NextSibling != nil {
			return n.NextSibling
		}
	}
	return nil
}

func lastDescendant(n *html.Node) *html.Node {
	for n.LastChild != nil {
		n = n.LastChild
	}
	return n
}
