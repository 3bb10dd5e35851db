package diff

// paraOp is one paragraph of a paragraph-level diff.
type paraOp struct {
	op   Op
	text string
}

// paragraphDiff diffs paragraph lists with each paragraph as one token.
//
// Paragraphs found on one side only are set aside before diff-match-patch
// runs: they can only be removed or added, and its cost grows with the
// product of the lengths and the number of differences, so a text
// rewritten from top to bottom cost the square of its length. The longest
// common subsequence, which is all it looks for, is the same without them;
// they are put back in their places around the paragraphs it matched.
func paragraphDiff(a, b []string) ([]paraOp, bool) {
	sa, sb := sharedWith(a, b), sharedWith(b, a)
	enc := newEncoder()
	ra, ok1 := enc.encode(pick(a, sa))
	rb, ok2 := enc.encode(pick(b, sb))
	if !ok1 || !ok2 {
		return nil, false
	}
	w := weaver{a: a, b: b}
	x, y := 0, 0 // next shared paragraph of a and of b
	for _, d := range diffRunes(ra, rb, false) {
		for range d.Text {
			op := opOf(d.Type)
			if (op != Insert && x >= len(sa)) || (op != Delete && y >= len(sb)) {
				return nil, false // not a diff of the input: a library surprise
			}
			switch op {
			case Equal:
				w.upTo(sa[x], sb[y])
				w.take(Equal, a[sa[x]])
				w.i, w.j = sa[x]+1, sb[y]+1
				x, y = x+1, y+1
			case Delete:
				w.upTo(sa[x], w.j)
				w.take(Delete, a[sa[x]])
				w.i = sa[x] + 1
				x++
			case Insert:
				w.upTo(w.i, sb[y])
				w.take(Insert, b[sb[y]])
				w.j = sb[y] + 1
				y++
			}
		}
	}
	w.upTo(len(a), len(b))
	return w.out, x == len(sa) && y == len(sb)
}

// weaver puts the paragraphs found on one side only back between those
// diff-match-patch matched.
type weaver struct {
	a, b []string
	i, j int // next paragraph of a and of b not yet in out
	out  []paraOp
}

// upTo removes a's paragraphs before index i and adds b's before j.
func (w *weaver) upTo(i, j int) {
	for ; w.i < i; w.i++ {
		w.take(Delete, w.a[w.i])
	}
	for ; w.j < j; w.j++ {
		w.take(Insert, w.b[w.j])
	}
}

func (w *weaver) take(op Op, text string) {
	w.out = append(w.out, paraOp{op, text})
}

// sharedWith returns the indexes of the paragraphs of a that b holds too.
func sharedWith(a, b []string) []int {
	inB := make(map[string]bool, len(b))
	for _, p := range b {
		inB[p] = true
	}
	var idx []int
	for i, p := range a {
		if inB[p] {
			idx = append(idx, i)
		}
	}
	return idx
}

func pick(ps []string, idx []int) []string {
	out := make([]string, len(idx))
	for k, i := range idx {
		out[k] = ps[i]
	}
	return out
}
