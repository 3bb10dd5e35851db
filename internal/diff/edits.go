package diff

import (
	"cmp"
	"slices"
	"sort"
)

// Action is a sentence-level edit as defined by the NewsEdits corpus
// (Spangher et al., NAACL 2022).
type Action string

const (
	Added   Action = "added"
	Deleted Action = "deleted"
	Edited  Action = "edited"
	Moved   Action = "moved"
	// Unchanged is a sentence kept in place word for word; only an
	// alignment (Align) reports it.
	Unchanged Action = "unchanged"
)

// SentenceEdit is one changed sentence. Old and New are sentence indexes
// into Sentences(old text) and Sentences(new text), -1 when absent.
type SentenceEdit struct {
	Action  Action
	Old     int
	New     int
	OldText string
	NewText string
}

const (
	// matchThreshold is the least word-overlap similarity (Dice over word
	// multisets) for two different sentences to count as one edited
	// sentence rather than a deletion plus an addition.
	matchThreshold = 0.5
	// maxFuzzyPairs bounds the similarity matrix; beyond it only identical
	// sentences are matched, so huge inputs stay cheap.
	maxFuzzyPairs = 250_000
)

// pair is one matched old/new sentence.
type pair struct{ old, new int }

// sentenceEdits matches old and new sentences and reports the changes.
//
// Rule for sentences both edited and reordered: a matched pair whose
// position is not on the longest increasing subsequence of matched
// positions is reported as Moved, even if its text also changed (OldText
// and NewText still show the change); an in-order pair whose text changed
// is Edited. Each sentence thus appears in at most one edit.
func sentenceEdits(olds, news []string) []SentenceEdit {
	return alignSentences(olds, news, false)
}

// alignSentences matches old and new sentences and reports every change,
// and each unchanged pair too when keep is set.
func alignSentences(olds, news []string, keep bool) []SentenceEdit {
	pairs := matchSentences(olds, news)
	moved := outOfOrder(pairs)
	var edits []SentenceEdit
	oldUsed := make([]bool, len(olds))
	newUsed := make([]bool, len(news))
	for i, p := range pairs {
		oldUsed[p.old], newUsed[p.new] = true, true
		e := SentenceEdit{Old: p.old, New: p.new, OldText: olds[p.old], NewText: news[p.new]}
		switch {
		case moved[i]:
			e.Action = Moved
		case olds[p.old] != news[p.new]:
			e.Action = Edited
		case keep:
			e.Action = Unchanged
		default:
			continue
		}
		edits = append(edits, e)
	}
	for j, used := range newUsed {
		if !used {
			edits = append(edits, SentenceEdit{Action: Added, Old: -1, New: j, NewText: news[j]})
		}
	}
	for i, used := range oldUsed {
		if !used {
			edits = append(edits, SentenceEdit{Action: Deleted, Old: i, New: -1, OldText: olds[i]})
		}
	}
	sortEdits(edits, pairs)
	return edits
}

// matchSentences pairs identical sentences first (in order), then the
// most similar remaining ones greedily by best score.
func matchSentences(olds, news []string) []pair {
	oldUsed := make([]bool, len(olds))
	newUsed := make([]bool, len(news))
	pairs := make([]pair, 0, min(len(olds), len(news)))
	// A shared opening is matched in place: the first unused old
	// sentence of each text there is the one at the same index.
	p := 0
	for p < len(olds) && p < len(news) && olds[p] == news[p] {
		pairs = append(pairs, pair{p, p})
		oldUsed[p], newUsed[p] = true, true
		p++
	}
	// The rest: each new sentence takes the first unused old one of its
	// text. first maps a text to its first unused old index, next chains
	// each old index to the next of the same text (-1: none).
	first := make(map[string]int, len(olds)-p)
	next := make([]int, len(olds))
	for i := len(olds) - 1; i >= p; i-- {
		next[i] = -1
		if k, ok := first[olds[i]]; ok {
			next[i] = k
		}
		first[olds[i]] = i
	}
	for j := p; j < len(news); j++ {
		s := news[j]
		if i, ok := first[s]; ok && i >= 0 {
			pairs = append(pairs, pair{i, j})
			first[s] = next[i]
			oldUsed[i], newUsed[j] = true, true
		}
	}
	if len(olds)*len(news) <= maxFuzzyPairs {
		pairs = append(pairs, fuzzyPairs(olds, news, oldUsed, newUsed)...)
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmp.Compare(a.old, b.old) })
	return pairs
}

type scored struct {
	pair
	score float64
}

// fuzzyPairs matches the unused sentences whose similarity reaches
// matchThreshold, best score first; ties go to the pair closest in
// position, then to the earliest.
func fuzzyPairs(olds, news []string, oldUsed, newUsed []bool) []pair {
	newBags := make([]bag, len(news))
	for j, s := range news {
		if !newUsed[j] {
			newBags[j] = wordBag(s)
		}
	}
	var cands []scored
	for i, s := range olds {
		if oldUsed[i] {
			continue
		}
		bag := wordBag(s)
		for j := range news {
			if newUsed[j] {
				continue
			}
			if sc := dice(bag, newBags[j]); sc >= matchThreshold {
				cands = append(cands, scored{pair{i, j}, sc})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].score != cands[b].score {
			return cands[a].score > cands[b].score
		}
		return absInt(cands[a].old-cands[a].new) < absInt(cands[b].old-cands[b].new)
	})
	var out []pair
	for _, c := range cands {
		if oldUsed[c.old] || newUsed[c.new] {
			continue
		}
		oldUsed[c.old], newUsed[c.new] = true, true
		out = append(out, c.pair)
	}
	return out
}

// outOfOrder marks the pairs (sorted by old index) whose new index is not
// on a longest increasing subsequence: those sentences moved.
func outOfOrder(pairs []pair) []bool {
	seq := make([]int, len(pairs))
	for i, p := range pairs {
		seq[i] = p.new
	}
	moved := make([]bool, len(pairs))
	for i := range moved {
		moved[i] = true
	}
	for _, i := range lis(seq) {
		moved[i] = false
	}
	return moved
}

// sortEdits orders edits by position in the new text; a deleted sentence
// goes right after the new position of the nearest kept sentence before
// it, so the list reads top to bottom.
func sortEdits(edits []SentenceEdit, pairs []pair) {
	type keyed struct {
		pos, deleted, old int
		e                 SentenceEdit
	}
	anchor := make(map[int]int, len(pairs)) // old index -> new index
	for _, p := range pairs {
		anchor[p.old] = p.new
	}
	keys := make([]keyed, len(edits))
	last, lastOld := -1, -1
	for i, e := range edits {
		if e.New >= 0 {
			keys[i] = keyed{e.New, 0, e.Old, e}
			continue
		}
		// Deleted edits come in old order, so the anchor search resumes.
		for i := lastOld + 1; i < e.Old; i++ {
			if n, ok := anchor[i]; ok {
				last = n
			}
		}
		lastOld = e.Old - 1
		keys[i] = keyed{last, 1, e.Old, e}
	}
	slices.SortStableFunc(keys, func(a, b keyed) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.deleted, b.deleted), cmp.Compare(a.old, b.old))
	})
	for i, k := range keys {
		edits[i] = k.e
	}
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
