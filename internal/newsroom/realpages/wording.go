package realpages

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// The words of scripted revisions. They are plain newsroom phrases so an
// edit reads like an edit, not like furniture.
var (
	headlineForms = []string{"Update: %s", "%s, officials say", "%s as questions mount", "%s — what we know"}
	updates       = []string{
		"Update: A spokesperson said on Thursday evening that a fuller statement would follow in the coming days.",
		"This article has been updated with additional reporting and a response from the people involved.",
		"Later on Thursday, two people briefed on the matter said no final decision had yet been taken.",
		"In a statement issued after publication, the organisation said it was reviewing what had happened.",
	}
	corrections = []string{
		"Correction: An earlier version of this article misstated the day of the announcement. It was made on Tuesday, not Monday.",
		"Correction: A previous version of this story gave an incorrect figure for the total. The article has been corrected.",
		"Correction: An earlier version of this article misspelled the name of one of the people quoted.",
	}
	clauses = []string{
		"according to a statement released later",
		"a spokesperson confirmed afterwards",
		"people familiar with the matter said",
		"records reviewed since publication show",
	}
)

// wording is the new headline or added paragraph an event brings.
func wording(k Kind, title string, r *rand.Rand) string {
	switch k {
	case KindHeadline:
		return strings.Replace(headlineForms[r.IntN(len(headlineForms))], "%s", title, 1)
	case KindAppend:
		return updates[r.IntN(len(updates))]
	case KindCorrection:
		return corrections[r.IntN(len(corrections))]
	case KindSentence, KindFlipFlop:
		return clauses[r.IntN(len(clauses))]
	}
	return ""
}

// editSentence adds a clause to the first sentence that ends in a plain
// full stop, or to the paragraph's end when none does.
func editSentence(s, clause string) string {
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		if rs[i] == '.' && unicode.IsLower(rs[i-1]) && (i+1 == len(rs) || rs[i+1] == ' ') {
			return string(rs[:i]) + ", " + clause + string(rs[i:])
		}
	}
	return s + " (" + clause + ")"
}

// typo swaps two different inner letters of the first long enough word,
// as a hurried writer does; ok is false when no word fits.
func typo(s string) (string, bool) {
	words := strings.Split(s, " ")
	for i, w := range words {
		rs := []rune(w)
		if len(rs) < 6 || !allLetters(rs) {
			continue
		}
		for j := 2; j+2 < len(rs); j++ {
			if rs[j] != rs[j+1] {
				rs[j], rs[j+1] = rs[j+1], rs[j]
				words[i] = string(rs)
				return strings.Join(words, " "), true
			}
		}
	}
	return s, false
}

func allLetters(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
