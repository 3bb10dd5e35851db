package extract

import (
	"strings"
	"unicode"
)

// bag counts the lower-cased words of a text. Agreement between two bodies
// is measured on words, not paragraphs: the extractors cut the same text
// into paragraphs differently.
type bag struct {
	counts map[string]int
	total  int
}

func wordBag(paras ...string) bag {
	b := bag{counts: map[string]int{}}
	for _, p := range paras {
		for _, w := range strings.FieldsFunc(strings.ToLower(p), notWordRune) {
			b.counts[w]++
			b.total++
		}
	}
	return b
}

// within returns the share of b's words that other holds too.
func (b bag) within(other bag) float64 {
	if b.total == 0 {
		return 0
	}
	shared := 0
	for w, n := range b.counts {
		shared += min(n, other.counts[w])
	}
	return float64(shared) / float64(b.total)
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }
