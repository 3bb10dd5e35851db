package diff

import (
	"slices"
	"strings"
)

// wordBag is the multiset of lower-cased words of s.
func wordBag(s string) bag {
	b := make(bag, 0, len(s)/6+1) // about one word in six bytes
	eachWord(s, func(w string) { b = append(b, strings.ToLower(w)) })
	slices.Sort(b)
	return b
}

// bag is a multiset of words: each word lower-cased, as often as it
// occurs, sorted, so two bags are compared in one merge and without
// building a map per sentence.
type bag []string

// dice is the Dice coefficient of two word multisets: 2|A∩B| / (|A|+|B|),
// 1 for identical bags and 0 for disjoint ones (or two empty ones).
func dice(a, b bag) float64 {
	total := len(a) + len(b)
	if total == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			common++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(total)
}

// similarity is dice over the word bags of two strings.
func similarity(a, b string) float64 {
	return dice(wordBag(a), wordBag(b))
}

// lis returns the indexes of one longest strictly increasing subsequence
// of seq (patience sorting, O(n log n)).
func lis(seq []int) []int {
	tails := []int{} // tails[k]: index in seq ending the best run of length k+1
	prev := make([]int, len(seq))
	for i, v := range seq {
		lo, hi := 0, len(tails)
		for lo < hi {
			mid := (lo + hi) / 2
			if seq[tails[mid]] < v {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		prev[i] = -1
		if lo > 0 {
			prev[i] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	out := make([]int, len(tails))
	k := -1
	if len(tails) > 0 {
		k = tails[len(tails)-1]
	}
	for n := len(tails) - 1; n >= 0; n-- {
		out[n] = k
		k = prev[k]
	}
	return out
}
