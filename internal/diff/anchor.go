package diff

import "strings"

// maxRunTokens bounds the word diff of one changed run of paragraphs. The
// word diff costs about the product of its inputs' lengths when they
// share little, so a story rewritten from top to bottom (10,000 words took
// 1.7 s) is diffed paragraph against paragraph instead.
const maxRunTokens = 2000

// paraSep separates paragraphs in a version's text.
const paraSep = "\n\n"

// anchored diffs a and b paragraph by paragraph first, so unchanged
// paragraphs cost nothing, then word by word within each changed run.
func anchored(a, b string) ([]Segment, bool) {
	pa, pb := paragraphsKeep(a), paragraphsKeep(b)
	if len(pa) <= 1 && len(pb) <= 1 {
		return wordDiff(a, b)
	}
	ops, ok := paragraphDiff(pa, pb)
	if !ok {
		return nil, false
	}
	var out []Segment
	for i := 0; i < len(ops); {
		// A run of unchanged paragraphs, then a run of changed ones; each
		// is joined once, as appending paragraph by paragraph to a segment
		// would copy the text over and over.
		var same, del, ins strings.Builder
		for ; i < len(ops) && ops[i].op == Equal; i++ {
			same.WriteString(ops[i].text)
		}
		for ; i < len(ops) && ops[i].op != Equal; i++ {
			if ops[i].op == Delete {
				del.WriteString(ops[i].text)
			} else {
				ins.WriteString(ops[i].text)
			}
		}
		if same.Len() > 0 {
			out = append(out, Segment{Equal, same.String()})
		}
		segs, ok := changedParas(del.String(), ins.String())
		if !ok {
			return nil, false
		}
		out = append(out, segs...)
	}
	return merge(out), true
}

// changedParas diffs the old and new text of one changed run: word by word
// when small enough, else paragraph against paragraph in order.
func changedParas(del, ins string) ([]Segment, bool) {
	ta, tb := tokenize(del), tokenize(ins)
	if len(ta)+len(tb) <= maxRunTokens {
		return tokenDiff(ta, tb, true)
	}
	pa, pb := paragraphsKeep(del), paragraphsKeep(ins)
	var out []Segment
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y string
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		segs, ok := wordDiff(x, y)
		if !ok {
			return nil, false
		}
		out = append(out, segs...)
	}
	return out, true
}

func wordDiff(a, b string) ([]Segment, bool) {
	if a == b {
		if a == "" {
			return nil, true
		}
		return []Segment{{Equal, a}}, true
	}
	return tokenDiff(tokenize(a), tokenize(b), true)
}

// paragraphsKeep splits text after each paragraph separator, keeping the
// separators, so the parts concatenate back to text.
func paragraphsKeep(text string) []string {
	var out []string
	for text != "" {
		i := strings.Index(text, paraSep)
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+len(paraSep)])
		text = text[i+len(paraSep):]
	}
	return out
}

// merge joins neighbouring segments with the same op. Each run is joined
// once: appending segment by segment would copy a long run over and over.
func merge(segs []Segment) []Segment {
	var out []Segment
	var run strings.Builder
	op := Equal
	flush := func() {
		if run.Len() > 0 {
			out = append(out, Segment{op, run.String()})
			run.Reset()
		}
	}
	for _, s := range segs {
		if s.Text == "" {
			continue
		}
		if s.Op != op {
			flush()
			op = s.Op
		}
		run.WriteString(s.Text)
	}
	flush()
	return out
}
