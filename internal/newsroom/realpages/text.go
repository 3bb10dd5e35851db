package realpages

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// squash collapses runs of whitespace to one space and trims the ends, so
// texts from markup and from the ground truth compare equal.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// bodyLines splits a ground-truth body into its non-empty, squashed lines.
func bodyLines(body string) []string {
	var out []string
	for _, l := range strings.Split(body, "\n") {
		if l = squash(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// invisible elements hold no reader-visible text.
func invisible(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
		return true
	}
	return false
}

// textOf is the squashed visible text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n)
	return squash(b.String())
}

func writeText(b *strings.Builder, n *html.Node) {
	switch {
	case n.Type == html.TextNode:
		b.WriteString(n.Data)
		return
	case n.Type == html.ElementNode && invisible(n):
		return
	case n.Type == html.ElementNode && n.DataAtom == atom.Br:
		b.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if n.Type == html.ElementNode && !inline[n.DataAtom] {
		b.WriteByte(' ') // block boundaries must not glue words together
	}
}

// inline elements sit inside a line of text; a word may run across them.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Mark: true, atom.Q: true,
	atom.S: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true,
}

// bag counts the whitespace tokens of s.
func bag(s string) map[string]int {
	m := map[string]int{}
	for _, t := range strings.Fields(s) {
		m[t]++
	}
	return m
}

// common counts the tokens two bags share, with multiplicity.
func common(a, b map[string]int) int {
	n := 0
	for t, c := range a {
		n += min(c, b[t])
	}
	return n
}

func size(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}
