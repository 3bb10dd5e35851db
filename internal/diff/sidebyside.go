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

// SideBySide aligns the paragraphs of two texts: a diff over whole
// paragraphs finds the unchanged ones, then each run of removed paragraphs
// is paired in order with the similar added paragraphs of the same run,
// and paired paragraphs get a word diff.
func SideBySide(old, new string) []Row {
	segs, ok := paragraphDiff(paragraphs(old), paragraphs(new))
	if !ok {
		return changedRun(paragraphs(old), paragraphs(new))
	}
	var rows []Row
	var dels, ins []string
	flush := func() {
		rows = append(rows, changedRun(dels, ins)...)
		dels, ins = nil, nil
	}
	for _, s := range segs {
		switch s.op {
		case Equal:
			flush()
			rows = append(rows, Row{Left: []Segment{{Equal, s.text}}, Right: []Segment{{Equal, s.text}}})
		case Delete:
			dels = append(dels, s.text)
		case Insert:
			ins = append(ins, s.text)
		}
	}
	flush()
	return rows
}

// paraOp is one paragraph of a paragraph-level diff.
type paraOp struct {
	op   Op
	text string
}

// paragraphDiff diffs paragraph lists with each paragraph as one token.
func paragraphDiff(a, b []string) ([]paraOp, bool) {
	enc := newEncoder()
	ra, ok1 := enc.encode(a)
	rb, ok2 := enc.encode(b)
	if !ok1 || !ok2 {
		return nil, false
	}
	var out []paraOp
	for _, d := range diffRunes(ra, rb, false) {
		for _, r := range d.Text {
			if t, ok := enc.token(r); ok {
				out = append(out, paraOp{opOf(d.Type), t})
			}
		}
	}
	return out, true
}

// changedRun pairs removed with added paragraphs in order: each removed
// paragraph takes the first still-unused added paragraph similar enough
// to it; added paragraphs skipped over get rows of their own.
func changedRun(dels, ins []string) []Row {
	var rows []Row
	next := 0
	for _, d := range dels {
		j := firstSimilar(d, ins[next:])
		if j < 0 {
			rows = append(rows, Row{Left: []Segment{{Delete, d}}})
			continue
		}
		for _, a := range ins[next : next+j] {
			rows = append(rows, Row{Right: []Segment{{Insert, a}}})
		}
		rows = append(rows, pairRow(d, ins[next+j]))
		next += j + 1
	}
	for _, a := range ins[next:] {
		rows = append(rows, Row{Right: []Segment{{Insert, a}}})
	}
	return rows
}

func firstSimilar(p string, candidates []string) int {
	bag := wordBag(p)
	for j, c := range candidates {
		if dice(bag, wordBag(c)) >= pairThreshold {
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
