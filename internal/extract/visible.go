package extract

import (
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// visibleMeta is what a reader sees of the article's metadata: headings,
// the short link texts of menus, and the elements a template marks as a
// byline. It is read before cleaning removes headers and menus.
type visibleMeta struct {
	headings  []heading
	linkTexts map[string]bool // headlineKey of short link texts
	bylines   []bylineSpot    // in page order
}

type heading struct {
	text string
	// top is true for <h1>; an <h2> is never a headline candidate but may
	// carry the headline when the only <h1> is a section name.
	top       bool
	inArticle bool
	pos       int // element index in document order
	header    articleHeader
}

type bylineSpot struct {
	names []string
	pos   int
}

// maxSectionWords is the longest link text taken for a section or menu
// name; an <h1> that short which repeats one is not a headline.
const maxSectionWords = 4

func readVisibleMeta(doc *html.Node) visibleMeta {
	vm := visibleMeta{linkTexts: map[string]bool{}}
	pos := 0
	walkElements(doc, func(n *html.Node, inArticle bool) {
		pos++
		switch {
		case n.DataAtom == atom.H1 || n.DataAtom == atom.H2:
			if t := Normalize(textOf(n)); t != "" {
				vm.headings = append(vm.headings, heading{t, n.DataAtom == atom.H1, inArticle || insideMain(n), pos, readHeader(n)})
			}
		case n.DataAtom == atom.A:
			if t := Normalize(textOf(n)); t != "" && wordCount(t) <= maxSectionWords {
				vm.linkTexts[headlineKey(t)] = true
			}
		}
		if isBylineElement(n) {
			if names := bylineNames(n); len(names) > 0 {
				vm.bylines = append(vm.bylines, bylineSpot{names, pos})
			}
		}
	})
	return vm
}

// insideMain reports an element within <main> or an articleBody.
func insideMain(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.DataAtom == atom.Main || attr(p, "itemprop") == "articleBody" {
			return true
		}
	}
	return false
}

// headlineCandidates gathers the page's headline claims, each cleaned of
// the site's name.
func headlineCandidates(ld ldArticle, pm pageMeta, vm visibleMeta, siteName, host string) []headlineCandidate {
	names := siteNames(siteName, host)
	clean := func(s string) string { return cleanTitle(html.UnescapeString(s), siteName, host) }
	cands := []headlineCandidate{{clean(ld.headline), fromJSONLD}}
	// Headings inside the article come first: on a tie they are nearer
	// the body than a banner's.
	for _, inArticle := range []bool{true, false} {
		for _, h := range vm.headings {
			if h.top && h.inArticle == inArticle && isHeadline(h.text, vm, names) {
				cands = append(cands, headlineCandidate{clean(h.text), fromHeading})
			}
		}
	}
	return append(cands,
		headlineCandidate{clean(pm.first("og:title")), fromOpenGraph},
		headlineCandidate{clean(pm.first("twitter:title")), fromOpenGraph},
		headlineCandidate{clean(pm.title), fromTitle})
}

// isHeadline rejects an <h1> holding the site's name or, when very short,
// a section or menu name that a link on the page also shows.
func isHeadline(t string, vm visibleMeta, siteNames []string) bool {
	if matchesSite(t, siteNames) {
		return false
	}
	return wordCount(t) > maxSectionWords || !vm.linkTexts[headlineKey(t)]
}

// headerOf returns what the headline's header shows, zero if no heading
// carries the headline.
func (vm visibleMeta) headerOf(title string) articleHeader {
	if h := vm.headlineHeading(title); h != nil {
		return h.header
	}
	return articleHeader{}
}

// headlineHeading returns the <h1>, else the <h2>, that carries title.
func (vm visibleMeta) headlineHeading(title string) *heading {
	for _, top := range []bool{true, false} {
		for i, h := range vm.headings {
			if h.top == top && headlinesAgree(h.text, title) {
				return &vm.headings[i]
			}
		}
	}
	return nil
}

// bylineNear returns the names of the byline element that follows the
// headline most closely (author boxes and lists of other stories come
// later), else the last one before it.
func (vm visibleMeta) bylineNear(title string) []string {
	at := -1
	if h := vm.headlineHeading(title); h != nil {
		at = h.pos
	}
	var before []string
	for _, b := range vm.bylines {
		if b.pos > at {
			return b.names
		}
		before = b.names
	}
	return before
}

// siteName returns og:site_name, else the generic extractor's guess unless
// that guess is one of the page's headings: it takes the wrong half of
// "Headline - Site" for the site often enough.
func siteName(pm pageMeta, guessed string, vm visibleMeta) string {
	if n := pm.first("og:site_name"); n != "" {
		return n
	}
	for _, h := range vm.headings {
		if h.top && headlineKey(h.text) == headlineKey(guessed) {
			return ""
		}
	}
	return guessed
}
