package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxRunTokens bounds the word diff of one changed run of paragraphs or
// sentences. The word diff costs about the product of its inputs' lengths
// when they share little, so a story rewritten from top to bottom (10,000
// words took 1.7 s) is diffed paragraph against paragraph instead, and a
// paragraph too long for a word diff (one paragraph of 10,000 words
// rewritten took 2.5 s) sentence against sentence.
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
	return alignPieces(pa, pb, changedParas)
}

// alignPieces diffs two texts cut into pieces (paragraphs or sentences)
// with each piece as one token, and hands each run of changed pieces to
// changed.
func alignPieces(pa, pb []string, changed func(del, ins string) ([]Segment, bool)) ([]Segment, bool) {
	ops, ok := paragraphDiff(pa, pb)
	if !ok {
		return nil, false
	}
	var out []Segment
	for i := 0; i < len(ops); {
		// A run of unchanged pieces, then a run of changed ones; each is
		// joined once, as appending piece by piece to a segment would copy
		// the text over and over.
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
		segs, ok := changed(del.String(), ins.String())
		if !ok {
			return nil, false
		}
		out = append(out, segs...)
	}
	return merge(out), true
}

// changedParas diffs the old and new text of one changed run of
// paragraphs: word by word when small enough, else paragraph against
// paragraph in order.
func changedParas(del, ins string) ([]Segment, bool) {
	return changedPieces(del, ins, paragraphsKeep, wordDiff)
}

// changedSentences is changedParas for a run of sentences; a pair of
// sentences too long for a word diff keeps what they share at either end
// and replaces the rest (boundedDiff).
func changedSentences(del, ins string) ([]Segment, bool) {
	return changedPieces(del, ins, sentencesKeep, boundedDiff)
}

func changedPieces(del, ins string, split func(string) []string, pair func(a, b string) ([]Segment, bool)) ([]Segment, bool) {
	ta, tb := tokenize(del), tokenize(ins)
	if len(ta)+len(tb) <= maxRunTokens {
		return tokenDiff(ta, tb, true)
	}
	pa, pb := split(del), split(ins)
	var out []Segment
	for i := 0; i < max(len(pa), len(pb)); i++ {
		var x, y string
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		segs, ok := pair(x, y)
		if !ok {
			return nil, false
		}
		out = append(out, segs...)
	}
	return out, true
}

// wordDiff diffs two paragraphs word by word; a pair too long for that is
// first aligned sentence by sentence.
func wordDiff(a, b string) ([]Segment, bool) {
	if a == b {
		if a == "" {
			return nil, true
		}
		return []Segment{{Equal, a}}, true
	}
	ta, tb := tokenize(a), tokenize(b)
	if len(ta)+len(tb) <= maxRunTokens {
		return tokenDiff(ta, tb, true)
	}
	return alignPieces(sentencesKeep(a), sentencesKeep(b), changedSentences)
}

// boundedDiff diffs two sentences word by word. Past maxRunTokens, the
// tokens they share at the start and at the end are kept and the middle,
// when still too long, is replaced whole: a sentence of thousands of words
// is a list or a page without punctuation, not prose worth a word diff.
func boundedDiff(a, b string) ([]Segment, bool) {
	ta, tb := tokenize(a), tokenize(b)
	if len(ta)+len(tb) <= maxRunTokens {
		return tokenDiff(ta, tb, true)
	}
	head := commonPrefix(ta, tb)
	tail := commonPrefix(reversed(ta[head:]), reversed(tb[head:]))
	midA, midB := ta[head:len(ta)-tail], tb[head:len(tb)-tail]
	var mid []Segment
	if len(midA)+len(midB) <= maxRunTokens {
		var ok bool
		if mid, ok = tokenDiff(midA, midB, true); !ok {
			return nil, false
		}
	} else {
		mid = wholesale(strings.Join(midA, ""), strings.Join(midB, ""))
	}
	out := []Segment{{Equal, strings.Join(ta[:head], "")}}
	out = append(out, mid...)
	return merge(append(out, Segment{Equal, strings.Join(ta[len(ta)-tail:], "")})), true
}

// commonPrefix is the number of tokens a and b start with alike.
func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func reversed(toks []string) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[len(toks)-1-i] = t
	}
	return out
}

// sentencesKeep splits text where Sentences would, keeping every byte:
// each piece carries the whitespace after it, so the pieces concatenate
// back to text.
func sentencesKeep(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !isEndMark(r) {
			continue
		}
		end := i + markRunLen(text[i:])
		if isBoundary(text, start, i-size, end) {
			end += runLen(text[end:], unicode.IsSpace)
			out = append(out, text[start:end])
			start = end
		}
		i = end
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
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
