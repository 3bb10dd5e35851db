package diff

// Row is one line of a side-by-side view. Left holds the Equal and Delete
// segments of one old paragraph, Right the Equal and Insert segments of the
// new paragraph aligned with it. A side is empty when the paragraph was
// only added or only removed.
type Row struct {
	Left, Right []Segment
	// Move is set when the paragraph stood elsewhere in the old text: the
	// row shows it once, at its new place.
	Move *Move
}

// Para is one paragraph of an inline view: the word diff of an old and a
// new paragraph, only Delete or only Insert segments when it was removed
// or added.
type Para struct {
	Segments []Segment
	Move     *Move // as in Row
}

// Move is a paragraph moved from one place to another, perhaps lightly
// edited. From and To are its indexes, from 0, among the paragraphs of the
// old and of the new text.
type Move struct {
	From, To int
}

// pairThreshold is the least similarity for a removed and an added
// paragraph to be shown side by side as one edited paragraph; below it
// they get rows of their own. Lower than matchThreshold because a heavily
// edited paragraph still reads best next to its old self.
const pairThreshold = 0.3

// maxPairLookahead bounds how many of a run's added paragraphs a removed
// paragraph is compared with to find its edited self. Comparing it with
// all of them cost the product of the two counts: a page of 4,000
// paragraphs rewritten from top to bottom took 45 s to align.
const maxPairLookahead = 50

// SideBySide aligns the paragraphs of two texts (see align) and word-diffs
// the paired ones into rows. The rows stop at the caps
// (MaxChangedParagraphs, MaxChangedWords); the Truncation counts the
// changed rows left out.
func SideBySide(old, new string) ([]Row, Truncation) {
	return build(align(old, new), func(p piece) Row {
		switch {
		case p.new == "":
			return Row{Left: []Segment{{Delete, p.old}}}
		case p.old == "":
			return Row{Right: []Segment{{Insert, p.new}}}
		case p.old == p.new && p.move == nil:
			return Row{Left: []Segment{{Equal, p.old}}, Right: []Segment{{Equal, p.new}}}
		}
		row := pairRow(p.old, p.new)
		row.Move = p.move
		return row
	}, func(r Row) int { return changedWords(r.Left) + changedWords(r.Right) })
}

// Inline aligns the paragraphs of two texts as SideBySide does and gives
// each aligned pair one paragraph holding its word diff, within the same
// caps.
func Inline(old, new string) ([]Para, Truncation) {
	return build(align(old, new), func(p piece) Para {
		switch {
		case p.new == "":
			return Para{Segments: []Segment{{Delete, p.old}}}
		case p.old == "":
			return Para{Segments: []Segment{{Insert, p.new}}}
		}
		return Para{Segments: Words(p.old, p.new), Move: p.move}
	}, func(p Para) int { return changedWords(p.Segments) })
}

// build renders aligned paragraphs until the caps are reached; past them
// changed paragraphs are counted, not diffed, and unchanged ones dropped.
func build[T any](pieces []piece, render func(piece) T, words func(T) int) ([]T, Truncation) {
	var lim limiter
	var out []T
	for _, p := range pieces {
		if p.unchanged() {
			if !lim.full() {
				out = append(out, render(p))
			}
			continue
		}
		if lim.full() {
			lim.admit(0)
			continue
		}
		v := render(p)
		if lim.admit(words(v)) {
			out = append(out, v)
		}
	}
	return out, lim.cut
}

// piece is one line of an alignment: a paragraph of the old text, of the
// new text, or of both ("" for the side it is absent from; paragraphs are
// never empty).
type piece struct {
	old, new string
	move     *Move
}

func (p piece) unchanged() bool { return p.move == nil && p.old == p.new }

// align lines up the paragraphs of two texts: a diff over whole paragraphs
// finds the unchanged ones; a paragraph removed in one place and found,
// identical or nearly, in another is one moved paragraph, shown at its new
// place (see findMoves); then each run of removed paragraphs is paired in
// order with the similar added paragraphs of the same run.
func align(old, new string) []piece {
	a, b := paragraphs(old), paragraphs(new)
	ops, ok := paragraphDiff(a, b)
	if !ok {
		return pairRun(a, addedPieces(b))
	}
	moves := findMoves(ops)
	movedAway := make(map[int]bool, len(moves))
	for _, from := range moves {
		movedAway[from] = true
	}
	oldIndex := oldIndexes(ops)
	var out, ins []piece
	var dels []string
	newIndex := 0
	for k, o := range ops {
		switch o.op {
		case Equal:
			out = append(out, pairRun(dels, ins)...)
			dels, ins = nil, nil
			out = append(out, piece{old: o.text, new: o.text})
			newIndex++
		case Delete:
			if !movedAway[k] {
				dels = append(dels, o.text)
			}
		case Insert:
			p := piece{new: o.text}
			if from, ok := moves[k]; ok {
				p.old = ops[from].text
				p.move = &Move{From: oldIndex[from], To: newIndex}
			}
			ins = append(ins, p)
			newIndex++
		}
	}
	return append(out, pairRun(dels, ins)...)
}

// oldIndexes gives each op of a paragraph diff the index of its paragraph
// in the old text (for an added paragraph, that of the next old one).
func oldIndexes(ops []paraOp) []int {
	idx := make([]int, len(ops))
	i := 0
	for k, o := range ops {
		idx[k] = i
		if o.op != Insert {
			i++
		}
	}
	return idx
}

// addedPieces makes one added piece of each paragraph.
func addedPieces(ps []string) []piece {
	out := make([]piece, len(ps))
	for i, p := range ps {
		out[i] = piece{new: p}
	}
	return out
}

// pairRun pairs a run's removed paragraphs with its added ones in order:
// each removed paragraph takes the first still-unused added paragraph
// similar enough to it among the next maxPairLookahead; added paragraphs
// skipped over, and moved ones, stand alone.
func pairRun(dels []string, ins []piece) []piece {
	var out []piece
	bags := make([]bag, len(ins))
	next := 0
	for _, d := range dels {
		j := firstSimilar(d, ins, bags, next)
		if j < 0 {
			out = append(out, piece{old: d})
			continue
		}
		out = append(out, ins[next:j]...)
		out = append(out, piece{old: d, new: ins[j].new})
		next = j + 1
	}
	return append(out, ins[next:]...)
}

// firstSimilar returns the index of the first added, not moved, piece of
// candidates[from:], within maxPairLookahead, similar enough to p, or -1.
// bags holds the candidates' word bags, filled in as they are needed.
func firstSimilar(p string, candidates []piece, bags []bag, from int) int {
	bag := wordBag(p)
	for j := from; j < min(len(candidates), from+maxPairLookahead); j++ {
		if candidates[j].move != nil {
			continue
		}
		if bags[j] == nil {
			bags[j] = wordBag(candidates[j].new)
		}
		if dice(bag, bags[j]) >= pairThreshold {
			return j
		}
	}
	return -1
}

// pairRow word-diffs an old and a new paragraph into one row.
func pairRow(old, new string) Row {
	var row Row
	for _, s := range Words(old, new) {
		if s.Op != Insert {
			row.Left = appendSegment(row.Left, s)
		}
		if s.Op != Delete {
			row.Right = appendSegment(row.Right, s)
		}
	}
	return row
}
