package extract

import (
	"strings"
	"unicode"
)

// headlineSource names where a headline candidate came from; candidates
// from one source do not vote for each other.
type headlineSource int

// Sources in the order that breaks ties: what the page states for machines
// first, then what it shows.
const (
	fromJSONLD headlineSource = iota
	fromHeading
	fromOpenGraph
	fromTitle
)

type headlineCandidate struct {
	text   string // cleaned of site-name affixes
	source headlineSource
}

// minContainedWords is the least length of a headline found inside a
// longer candidate for the two to count as agreeing: shorter strings
// (a section name, the site's name) sit inside many headlines by chance.
const minContainedWords = 3

// chooseHeadline returns the candidate most other sources agree with. A
// section name in the only <h1>, a generic og:title or a <title> from
// another page loses to the candidates that agree with each other; with
// no agreement at all, the most trusted source wins.
func chooseHeadline(cands []headlineCandidate) string {
	best, bestVotes := -1, -1
	for i, c := range cands {
		if c.text == "" {
			continue
		}
		if v := votes(cands, i); v > bestVotes {
			best, bestVotes = i, v
		}
	}
	if best < 0 {
		return ""
	}
	return sharedPart(cands, best)
}

// votes counts the sources, other than the candidate's own, that agree
// with candidate i.
func votes(cands []headlineCandidate, i int) int {
	agree := map[headlineSource]bool{}
	for _, c := range cands {
		if c.source != cands[i].source && c.text != "" && headlinesAgree(cands[i].text, c.text) {
			agree[c.source] = true
		}
	}
	return len(agree)
}

// sharedPart returns the winner, or the shorter agreeing candidate it
// contains: in "Headline | Section" agreeing with "Headline", the rest is
// furniture.
func sharedPart(cands []headlineCandidate, i int) string {
	out := cands[i].text
	for _, c := range cands {
		k, ko := headlineKey(c.text), headlineKey(out)
		if c.text != "" && len(k) < len(ko) && wordCount(c.text) >= minContainedWords &&
			strings.Contains(ko, k) && affixOnly(out, c.text) {
			out = c.text
		}
	}
	return out
}

// affixOnly reports whether long is short plus a separated prefix or
// suffix ("Short | Section", "Section: Short").
func affixOnly(long, short string) bool {
	for _, sep := range titleSeparators {
		if strings.HasPrefix(long, short+sep) || strings.HasSuffix(long, sep+short) {
			return true
		}
	}
	return false
}

func headlinesAgree(a, b string) bool {
	ka, kb := headlineKey(a), headlineKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	if len(ka) > len(kb) {
		ka, kb, a = kb, ka, b
	}
	return wordCount(a) >= minContainedWords && strings.Contains(kb, ka)
}

// headlineKey compares headlines by their letters and digits only, so
// quotes, dashes and entities written differently do not matter.
func headlineKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
