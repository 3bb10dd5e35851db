package diff

import "strings"

// wordBag is the multiset of lower-cased words of s.
func wordBag(s string) map[string]int {
	bag := make(map[string]int)
	eachWord(s, func(w string) { bag[strings.ToLower(w)]++ })
	return bag
}

// dice is the Dice coefficient of two word multisets: 2|A∩B| / (|A|+|B|),
// 1 for identical bags and 0 for disjoint ones (or two empty ones).
func dice(a, b map[string]int) float64 {
	total, common := 0, 0
	for w, n := range a {
		total += n
		common += min(n, b[w])
	}
	for _, n := range b {
		total += n
	}
	if total == 0 {
		return 0
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
