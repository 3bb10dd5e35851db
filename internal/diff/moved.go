package diff

import "sort"

const (
	// moveThreshold is the least similarity for a paragraph removed in one
	// place and one added in another to count as the same paragraph moved
	// (and perhaps lightly edited) rather than a deletion plus an insertion.
	// Higher than pairThreshold: a paragraph edited in place has its old
	// self beside it, a moved one has to be recognised across the text.
	moveThreshold = 0.8
	// maxMovePairs bounds how many removed/added paragraph pairs are
	// compared for near-identical moves; beyond it only identical
	// paragraphs are recognised as moved, so a rewritten page stays cheap.
	maxMovePairs = 40_000
)

// change is one removed or added paragraph of a paragraph diff: its place
// in the diff, its index in its own text and the run of changes (between
// two unchanged paragraphs) it belongs to.
type change struct {
	op, index, run int
	text           string
}

// findMoves pairs paragraphs removed in one place with identical or
// near-identical paragraphs added in another. It returns, for the ops that
// are the new place of a moved paragraph, the op at its old place.
// Paragraphs removed and added within one run of changes are left alone:
// side by side they read as one paragraph edited in place.
func findMoves(ops []paraOp) map[int]int {
	dels, ins := changesOf(ops)
	if len(dels) == 0 || len(ins) == 0 {
		return nil
	}
	moves := make(map[int]int)
	delUsed := make([]bool, len(dels))
	insUsed := make([]bool, len(ins))
	byText := make(map[string][]int, len(dels))
	for k, d := range dels {
		byText[d.text] = append(byText[d.text], k)
	}
	for j, a := range ins {
		for _, k := range byText[a.text] {
			if !delUsed[k] && dels[k].run != a.run {
				delUsed[k], insUsed[j] = true, true
				moves[a.op] = dels[k].op
				break
			}
		}
	}
	if len(dels)*len(ins) <= maxMovePairs {
		for _, p := range nearMoves(dels, ins, delUsed, insUsed) {
			moves[ins[p.new].op] = dels[p.old].op
		}
	}
	return moves
}

// changesOf lists the removed and the added paragraphs of a diff.
func changesOf(ops []paraOp) (dels, ins []change) {
	i, j, run := 0, 0, 0
	for k, o := range ops {
		switch o.op {
		case Equal:
			i, j, run = i+1, j+1, run+1
		case Delete:
			dels = append(dels, change{op: k, index: i, run: run, text: o.text})
			i++
		case Insert:
			ins = append(ins, change{op: k, index: j, run: run, text: o.text})
			j++
		}
	}
	return dels, ins
}

// nearMoves matches the still unused removed and added paragraphs of
// different runs whose similarity reaches moveThreshold, best score first,
// then closest in position.
func nearMoves(dels, ins []change, delUsed, insUsed []bool) []pair {
	insBags := make([]bag, len(ins))
	for j, a := range ins {
		if !insUsed[j] {
			insBags[j] = wordBag(a.text)
		}
	}
	var cands []scored
	for k, d := range dels {
		if delUsed[k] {
			continue
		}
		bag := wordBag(d.text)
		for j, a := range ins {
			if insUsed[j] || a.run == d.run {
				continue
			}
			if sc := dice(bag, insBags[j]); sc >= moveThreshold {
				cands = append(cands, scored{pair{k, j}, sc})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		if cands[a].score != cands[b].score {
			return cands[a].score > cands[b].score
		}
		return absInt(dels[cands[a].old].index-ins[cands[a].new].index) <
			absInt(dels[cands[b].old].index-ins[cands[b].new].index)
	})
	var out []pair
	for _, c := range cands {
		if delUsed[c.old] || insUsed[c.new] {
			continue
		}
		delUsed[c.old], insUsed[c.new] = true, true
		out = append(out, c.pair)
	}
	return out
}
