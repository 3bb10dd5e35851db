package stories

import (
	"math"
	"time"
)

// Event grouping thresholds.
const (
	// EventWindow: coverage of one event is published within days of it;
	// an article joins a story only through a member first seen within
	// this time of it, so stories follow an event as it develops without
	// pulling in next year's article on the same subject.
	EventWindow = 72 * time.Hour
	// MinSharedFacts: two reports of one event name the same place,
	// people, bodies or figures; three shared facts rule out the pairs
	// that share only a country or a year.
	MinSharedFacts = 3
	// EventThreshold on the mean of word and fact similarity (both
	// cosines, 0..1). Articles on one subject share vocabulary (word
	// cosine often 0.5 and more) but not the same facts; articles on one
	// event share both. Requiring the mean to reach 0.35 asks for clearly
	// more than shared vocabulary alone can give.
	EventThreshold = 0.35
)

// Similarity is how alike two articles' features are.
type Similarity struct {
	Text   float64 // cosine of the word vectors
	Facts  float64 // cosine of the fact sets
	Shared int     // facts in common
}

// Score combines the two measures into one, 0..1.
func (s Similarity) Score() float64 { return (s.Text + s.Facts) / 2 }

// SameEvent says whether the two articles report one event.
func (s Similarity) SameEvent() bool {
	return s.Shared >= MinSharedFacts && s.Score() >= EventThreshold
}

// SameEventInOutlet says whether two articles of one outlet report one
// event. An outlet's articles share its home town, its columnists and its
// regular bodies whatever they report, so one more shared fact is asked.
func (s Similarity) SameEventInOutlet() bool {
	return s.Shared >= MinSharedFacts+1 && s.Score() >= EventThreshold
}

// Compare measures two articles' features.
func Compare(a, b Features) Similarity {
	var s Similarity
	small, large := a.Terms, b.Terms
	if len(small) > len(large) {
		small, large = large, small
	}
	for k, v := range small {
		s.Text += v * large[k]
	}
	s.Shared = sharedFacts(a.Facts, b.Facts)
	if s.Shared > 0 {
		s.Facts = float64(s.Shared) / math.Sqrt(float64(len(a.Facts))*float64(len(b.Facts)))
	}
	return s
}

// matchKey is the part of a fact that must be equal for two facts to
// match: names and places match each other.
func matchKey(f string) string {
	if f[:2] == factPlace {
		return factName + f[2:]
	}
	return f
}

// sharedFacts counts the facts two lists share. A shared name made of
// other shared names ("Port Ellery Board of Supervisors" beside "Port
// Ellery" and "Board of Supervisors") is not counted again: it is the same
// place and body written together.
func sharedFacts(a, b []string) int {
	in := make(map[string]bool, len(a))
	for _, f := range a {
		in[matchKey(f)] = true
	}
	var shared []string
	for _, f := range b {
		if k := matchKey(f); in[k] {
			shared = append(shared, k)
		}
	}
	n := 0
	for _, f := range shared {
		compound := false
		for _, g := range shared {
			if g != f && g[:2] == factName && f[:2] == factName && containsWord(f, g[2:]) {
				compound = true
				break
			}
		}
		if !compound {
			n++
		}
	}
	return n
}
