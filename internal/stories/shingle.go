package stories

import (
	"hash/fnv"
	"slices"
)

// ShingleWords is the shingle length. Five words is the usual size for
// near-duplicate detection in news: long enough that two independent
// reports of one event rarely share a sequence outside quotes and names,
// short enough that a word changed by an edit costs only five shingles.
const ShingleWords = 5

// shingleHash hashes one shingle with 64-bit FNV-1a: fixed, deterministic
// across processes and releases, so stored band keys stay valid.
func shingleHash(ws []string) uint64 {
	h := fnv.New64a()
	for i, w := range ws {
		if i > 0 {
			h.Write([]byte{' '})
		}
		h.Write([]byte(w))
	}
	return h.Sum64()
}

// Shingles returns the sorted, distinct hashes of the text's word
// shingles. The paragraphs are read as one stream of words, so a copy
// that paragraphs the same text differently has the same shingles. A text
// shorter than one shingle is one shingle of all its words.
func Shingles(paragraphs []string) []uint64 {
	var ws []string
	for _, p := range paragraphs {
		ws = append(ws, words(p)...)
	}
	return shinglesOf(ws)
}

func shinglesOf(ws []string) []uint64 {
	if len(ws) == 0 {
		return nil
	}
	if len(ws) < ShingleWords {
		return []uint64{shingleHash(ws)}
	}
	out := make([]uint64, 0, len(ws)-ShingleWords+1)
	for i := 0; i+ShingleWords <= len(ws); i++ {
		out = append(out, shingleHash(ws[i:i+ShingleWords]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// intersect counts the values two sorted, distinct slices share.
func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
