package extract

import (
	"strings"
	"unicode"
)

// bag counts the pairs of consecutive lower-cased words of a text.
// Agreement between two bodies is measured on words, not paragraphs (the
// extractors cut the same text into paragraphs differently), and on pairs,
// not single words: any two English texts share most of their "the" and
// "of". A paragraph of one word counts as that word.
type bag struct {
	counts map[string]int
	total  int
}

func wordBag(paras ...string) bag {
	b := bag{counts: map[string]int{}}
	for _, p := range paras {
		words := strings.FieldsFunc(strings.ToLower(p), notWordRune)
		if len(words) == 1 {
			b.put(words[0])
		}
		for i := 1; i < len(words); i++ {
			b.put(words[i-1] + " " + words[i])
		}
	}
	return b
}

func (b *bag) put(k string) {
	b.counts[k]++
	b.total++
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
