package diff

// Row is one line of a side-by-side view. Left holds the Equal and Delete
// segments of one old paragraph, Right the Equal and Insert segments of the
// new paragraph aligned with it. A side is empty when the paragraph was
// only added or only removed.
type Row struct {
	Left, Right []Segment
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

// SideBySide aligns the paragraphs of two texts: a diff over whole
// paragraphs finds the unchanged ones, then each run of removed paragraphs
// is paired in order with the similar added paragraphs of the same run,
// and paired paragraphs get a word diff. The rows stop at the caps
// (MaxChangedParagraphs, MaxChangedWords); the Truncation counts the
// changed rows left out.
func SideBySide(old, new string) ([]Row, Truncation) {
	var lim limiter
	segs, ok := paragraphDiff(paragraphs(old), paragraphs(new))
	if !ok {
		return changedRun(paragraphs(old), paragraphs(new), &lim), lim.cut
	}
	var rows []Row
	var dels, ins []string
	flush := func() {
		rows = append(rows, changedRun(dels, ins, &lim)...)
		dels, ins = nil, nil
	}
	for _, s := range segs {
		switch s.op {
		case Equal:
			flush()
			if !lim.full() {
				rows = append(rows, Row{Left: []Segment{{Equal, s.text}}, Right: []Segment{{Equal, s.text}}})
			}
		case Delete:
			dels = append(dels, s.text)
		case Insert:
			ins = append(ins, s.text)
		}
	}
	flush()
	return rows, lim.cut
}

// changedRun pairs removed with added paragraphs in order: each removed
// paragraph takes the first still-unused added paragraph similar enough
// to it among the next maxPairLookahead; added paragraphs skipped over get
// rows of their own. Once lim is full, rows are counted, not built.
func changedRun(dels, ins []string, lim *limiter) []Row {
	var rows []Row
	emit := func(r func() Row) {
		if lim.full() {
			lim.admit(0)
			return
		}
		row := r()
		if lim.admit(changedWords(row.Left) + changedWords(row.Right)) {
			rows = append(rows, row)
		}
	}
	added := func(a string) func() Row { return func() Row { return Row{Right: []Segment{{Insert, a}}} } }
	bags := make([]map[string]int, len(ins))
	next := 0
	for _, d := range dels {
		j := firstSimilar(d, ins, bags, next)
		if j < 0 {
			emit(func() Row { return Row{Left: []Segment{{Delete, d}}} })
			continue
		}
		for _, a := range ins[next:j] {
			emit(added(a))
		}
		emit(func() Row { return pairRow(d, ins[j]) })
		next = j + 1
	}
	for _, a := range ins[next:] {
		emit(added(a))
	}
	return rows
}

// firstSimilar returns the index of the first of candidates[from:], within
// maxPairLookahead, similar enough to p, or -1. bags holds the candidates'
// word bags, filled in as they are needed.
func firstSimilar(p string, candidates []string, bags []map[string]int, from int) int {
	bag := wordBag(p)
	for j := from; j < min(len(candidates), from+maxPairLookahead); j++ {
		if bags[j] == nil {
			bags[j] = wordBag(candidates[j])
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
