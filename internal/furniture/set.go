package furniture

import (
	"strings"

	"github.com/errata/errata/internal/model"
)

// Kinds of learned furniture: a block's place in the page, or its text
// with digits masked.
const (
	KindPath = "path"
	KindText = "text"
)

// Origins of learned furniture.
const (
	OriginVolatile = "volatile" // differed between a fetch and its confirmation
	OriginTemplate = "template" // recurs across the outlet's articles
	OriginRule     = "rule"     // set by a user
)

// maxDropShare bounds what learned furniture may remove from one
// extraction. Furniture is the smaller part of an article page; when a
// set would take more than this share of the words, it has learned
// something wrong (a one-paragraph brief edited between two fetches), and
// comparing the whole text is safer than comparing almost none.
const maxDropShare = 0.5

// Set is what is known to be furniture for one article.
type Set struct {
	Paths map[string]bool // block places whose blocks are all furniture
	Texts map[string]bool // masked texts of furniture blocks
}

// NewSet returns an empty set.
func NewSet() Set {
	return Set{Paths: map[string]bool{}, Texts: map[string]bool{}}
}

// Add records one learned item.
func (s Set) Add(kind, key string) {
	switch kind {
	case KindPath:
		s.Paths[key] = true
	case KindText:
		s.Texts[key] = true
	}
}

// union returns a new set holding the items of s and o.
func (s Set) union(o Set) Set {
	u := NewSet()
	for _, x := range []Set{s, o} {
		for k := range x.Paths {
			u.Paths[k] = true
		}
		for k := range x.Texts {
			u.Texts[k] = true
		}
	}
	return u
}

// Len is the number of items in s.
func (s Set) Len() int { return len(s.Paths) + len(s.Texts) }

// Match reports whether b is furniture by its place or its text.
func (s Set) Match(b model.Block) bool {
	return (b.Path != "" && s.Paths[b.Path]) || s.Texts[Mask(b.Text)]
}

// Drop returns blocks without the furniture in s. When s would take more
// than maxDropShare of the words, blocks are returned whole.
func (s Set) Drop(blocks []model.Block) []model.Block {
	if s.Len() == 0 {
		return blocks
	}
	kept := make([]model.Block, 0, len(blocks))
	dropped, total := 0, 0
	for _, b := range blocks {
		n := words(b.Text)
		total += n
		if s.Match(b) {
			dropped += n
			continue
		}
		kept = append(kept, b)
	}
	if float64(dropped) > maxDropShare*float64(total) {
		return blocks
	}
	return kept
}

// Mask is the form furniture texts are compared in: each number (a run of
// digits, with the separators between its groups) becomes one '#' and
// whitespace is collapsed, so counters, prices and times that tick between
// requests, and grow from 999 to 1,000, do not make a block new.
func Mask(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	rs := []rune(strings.Join(strings.Fields(text), " "))
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		for i+1 < len(rs) && (isDigit(rs[i+1]) || (isGroupSep(rs[i+1]) && i+2 < len(rs) && isDigit(rs[i+2]))) {
			i++
		}
		b.WriteByte('#')
	}
	return b.String()
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isGroupSep separates digit groups within one number: 12,345, 1.5, 10:30,
// 1 000 (a thin or no-break space survives Fields as part of the word).
func isGroupSep(r rune) bool {
	return r == ',' || r == '.' || r == ':' || r == '\'' || r == '’' || r == '\u202F' || r == '\u00A0'
}

// Text joins blocks into a version's text.
func Text(blocks []model.Block) string {
	parts := make([]string, len(blocks))
	for i, b := range blocks {
		parts[i] = b.Text
	}
	return strings.Join(parts, "\n\n")
}

// Split turns a version's text into blocks without places.
func Split(text string) []model.Block {
	var out []model.Block
	for _, p := range strings.Split(text, "\n\n") {
		if p != "" {
			out = append(out, model.Block{Text: p})
		}
	}
	return out
}

func words(s string) int { return len(strings.Fields(s)) }
