package extract

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// rxBylineMark matches the class, id, itemprop or rel of an element that
// holds a byline in a site's template.
var rxBylineMark = regexp.MustCompile(`(?i)byline|author|writer|contributor|reporter|journalist`)

// rxNotBylineMark matches marks of what sits near bylines but is not one:
// comments, author photos and biographies, follow buttons, lists of
// other stories.
var rxNotBylineMark = regexp.MustCompile(`(?i)comment|avatar|image|img|photo|pic|bio|about|desc|related|more|share|social|follow|tooltip|popup|modal|date|time`)

// rxAuthorHref matches links to an author's page.
var rxAuthorHref = regexp.MustCompile(`(?i)/(?:authors?|by|staff|people|profiles?|contributors?|writers?|journalists?|reporters?|columnists?|team|autor(?:es)?|auteurs?)(?:/|\.|-|$|\?)`)

// maxBylineChars bounds the text of a byline element: longer ones are
// author boxes with biographies or whole article headers.
const maxBylineChars = 200

// isBylineElement reports an element a template marks as a byline. Page
// containers (html, body, article) carry "author-…" classes for styling.
func isBylineElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Article, atom.Main, atom.Head, atom.Script, atom.Style,
		atom.Meta, atom.Link, atom.Img, atom.Time, atom.Noscript, atom.Template:
		return false
	}
	marks := strings.Join([]string{attr(n, "class"), attr(n, "id"), attr(n, "itemprop"), attr(n, "rel")}, " ")
	return rxBylineMark.MatchString(marks) && !rxNotBylineMark.MatchString(marks)
}

// bylineNames reads the authors in a byline element: the texts of its
// author links when it has some, else its own text.
func bylineNames(n *html.Node) []string {
	var linked []string
	for _, a := range authorLinks(n) {
		for _, name := range authorNames(textOf(a)) {
			if looksLikeName(name) {
				linked = append(linked, name)
			}
		}
	}
	if len(linked) > 0 {
		return linked
	}
	text := Normalize(textOf(n))
	if text == "" || len(text) > maxBylineChars {
		return nil
	}
	var names []string
	for _, name := range authorNames(text) {
		if looksLikeName(name) {
			names = append(names, name)
		}
	}
	return names
}

// authorLinks returns n itself or the links under it that point to an
// author's page or say rel=author.
func authorLinks(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.A &&
			(hasToken(attr(c, "rel"), "author") || rxAuthorHref.MatchString(attr(c, "href"))) {
			out = append(out, c)
			return
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return out
}
