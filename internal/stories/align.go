package stories

// A paragraph counts as shared when at least this share of its words sit
// inside a shingle the other copy also has. Half tolerates a sentence
// edited, added or cut inside an otherwise shared paragraph, and a
// paragraph split across two of the other's.
const paragraphShared = 0.5

// Alignment says how two copies of one text differ, paragraph by
// paragraph, each side in its own order.
type Alignment struct {
	A, B []Para
}

// Para is one paragraph of a copy and whether the other copy has it.
type Para struct {
	Text   string
	Shared bool // the other copy carries this paragraph's text
}

// Own returns the paragraphs of a side the other lacks: its local
// additions and furniture, or, seen from the other side, its trims.
func Own(ps []Para) []string {
	var out []string
	for _, p := range ps {
		if !p.Shared {
			out = append(out, p.Text)
		}
	}
	return out
}

// Align aligns two copies. Shingles are taken over each copy's whole
// stream of words, so a paragraph split or merged differently still finds
// its text in the other copy.
func Align(a, b []string) Alignment {
	sa, sb := Shingles(a), Shingles(b)
	return Alignment{A: mark(a, sb), B: mark(b, sa)}
}

// mark flags each paragraph of ps whose words are mostly covered by
// shingles found in other.
func mark(ps []string, other []uint64) []Para {
	type span struct{ start, end int }
	var ws []string
	spans := make([]span, len(ps))
	for i, p := range ps {
		spans[i].start = len(ws)
		ws = append(ws, words(p)...)
		spans[i].end = len(ws)
	}
	covered := make([]bool, len(ws))
	switch {
	case len(ws) == 0:
	case len(ws) < ShingleWords:
		if has(other, shingleHash(ws)) {
			for i := range covered {
				covered[i] = true
			}
		}
	default:
		for i := 0; i+ShingleWords <= len(ws); i++ {
			if has(other, shingleHash(ws[i:i+ShingleWords])) {
				for j := i; j < i+ShingleWords; j++ {
					covered[j] = true
				}
			}
		}
	}
	out := make([]Para, len(ps))
	for i, p := range ps {
		n := 0
		for j := spans[i].start; j < spans[i].end; j++ {
			if covered[j] {
				n++
			}
		}
		size := spans[i].end - spans[i].start
		out[i] = Para{Text: p, Shared: size > 0 && float64(n) >= paragraphShared*float64(size)}
	}
	return out
}

// has reports whether the sorted slice s holds v.
func has(s []uint64, v uint64) bool {
	lo, hi := 0, len(s)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case s[m] < v:
			lo = m + 1
		case s[m] > v:
			hi = m
		default:
			return true
		}
	}
	return false
}
