package extract

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pageMeta is what the page says about itself, read in one walk over the
// parsed document before any cleaning removes <script> or <time> elements.
type pageMeta struct {
	jsonLD    []string          // raw application/ld+json blocks
	meta      map[string]string // first content per lower-cased name/property/itemprop
	metaAll   map[string][]string
	canonical string // href of link rel=canonical, as written
	lang      string // <html lang>
	title     string // <title>, as written
	timeAttr  string // best <time datetime> candidate
	// times counts the distinct <time datetime> values, up to
	// listingTimes (see listedTimes).
	times int
}

// listingTimes is how many distinct <time> values make a page a listing:
// an article states when it was published and perhaps updated (two); a
// front page or section states one time per story it lists.
const listingTimes = 3

// listedTimes reports a page stating several times without marking one
// as its own (itemprop="datePublished", pubdate): a front page or a
// listing. None of those times is the page's publication date, so
// neither the first time inside an <article> nor go-htmldate's scan of
// the document (which takes the oldest) may stand for it.
func (pm pageMeta) listedTimes() bool { return pm.times >= listingTimes }

// metaRepeated lists the meta keys that may legitimately appear several
// times (one tag per author).
var metaRepeated = map[string]bool{
	"author": true, "article:author": true, "parsely-author": true,
	"dc.creator": true, "sailthru.author": true,
}

func readPageMeta(doc *html.Node) pageMeta {
	pm := pageMeta{meta: map[string]string{}, metaAll: map[string][]string{}}
	var articleTime string
	var seen []string
	walkElements(doc, func(n *html.Node, inArticle bool) {
		switch n.DataAtom {
		case atom.Html:
			if pm.lang == "" {
				pm.lang = attr(n, "lang")
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
				pm.jsonLD = append(pm.jsonLD, textOf(n))
			}
		case atom.Meta:
			pm.addMeta(n)
		case atom.Title:
			if pm.title == "" && n.Namespace == "" {
				pm.title = textOf(n)
			}
		case atom.Link:
			if pm.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
				pm.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case atom.Time:
			dt := strings.TrimSpace(attr(n, "datetime"))
			if dt == "" {
				return
			}
			if len(seen) < listingTimes && !slices.Contains(seen, dt) {
				seen = append(seen, dt)
			}
			if pm.timeAttr == "" && (attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate")) {
				pm.timeAttr = dt
			}
			if articleTime == "" && inArticle {
				articleTime = dt
			}
		}
	})
	pm.times = len(seen)
	if pm.timeAttr == "" && !pm.listedTimes() {
		pm.timeAttr = articleTime
	}
	return pm
}

func (pm *pageMeta) addMeta(n *html.Node) {
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	for _, k := range []string{"property", "name", "itemprop"} {
		key := strings.ToLower(strings.TrimSpace(attr(n, k)))
		if key == "" {
			continue
		}
		if _, ok := pm.meta[key]; !ok {
			pm.meta[key] = content
		}
		if metaRepeated[key] {
			pm.metaAll[key] = append(pm.metaAll[key], content)
		}
	}
}

// first returns the first non-empty meta content among keys, in order.
func (pm *pageMeta) first(keys ...string) string {
	for _, k := range keys {
		if v := pm.meta[k]; v != "" {
			return v
		}
	}
	return ""
}

// values returns the meta contents for keys, in key order, skipping absent ones.
func (pm *pageMeta) values(keys ...string) []string {
	var out []string
	for _, k := range keys {
		if v := pm.meta[k]; v != "" {
			out = append(out, v)
		}
	}
	return out
}

// walkElements calls fn for every element in document order, telling it
// whether the element sits inside an <article>.
func walkElements(n *html.Node, fn func(n *html.Node, inArticle bool)) {
	var walk func(n *html.Node, inArticle bool)
	walk = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			fn(n, inArticle)
			inArticle = inArticle || n.DataAtom == atom.Article
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inArticle)
		}
	}
	walk(n, false)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// hasToken reports whether the space-separated list s contains tok.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf concatenates the text nodes under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// articleContainer returns the element the page marks as its article body:
// itemprop=articleBody, else the first <article>, else <main>; nil if none.
func articleContainer(doc *html.Node) *html.Node {
	var body, article, main *html.Node
	walkElements(doc, func(n *html.Node, _ bool) {
		switch {
		case body == nil && attr(n, "itemprop") == "articleBody":
			body = n
		case article == nil && n.DataAtom == atom.Article:
			article = n
		case main == nil && n.DataAtom == atom.Main:
			main = n
		}
	})
	for _, n := range []*html.Node{body, article, main} {
		if n != nil {
			return n
		}
	}
	return nil
}
