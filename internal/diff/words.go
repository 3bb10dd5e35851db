package diff

import (
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what a segment of a diff does.
type Op int

const (
	Equal  Op = iota // in both texts
	Insert           // only in the new text
	Delete           // only in the old text
)

// String names the op for test failures and debugging.
func (o Op) String() string {
	switch o {
	case Insert:
		return "insert"
	case Delete:
		return "delete"
	default:
		return "equal"
	}
}

// Segment is a run of text with one Op.
type Segment struct {
	Op   Op
	Text string
}

// Words diffs a and b at word level. Each distinct token (word, whitespace
// run, punctuation mark) becomes one rune so diff-match-patch works on
// tokens, never splitting a word; its semantic cleanup then merges
// scattered one-token matches into readable edits. Concatenating the
// Equal and Delete segments gives a; Equal and Insert gives b.
func Words(a, b string) []Segment {
	if a == b {
		if a == "" {
			return nil
		}
		return []Segment{{Equal, a}}
	}
	segs, ok := anchored(a, b)
	if !ok || !reconstructs(segs, a, b) {
		// Too many distinct tokens to encode, or a library surprise: a
		// coarse but correct diff beats a wrong one.
		return wholesale(a, b)
	}
	return segs
}

// tokenDiff diffs two token sequences; semantic asks for the
// human-readable cleanup (wanted for words, not for paragraphs).
func tokenDiff(ta, tb []string, semantic bool) ([]Segment, bool) {
	enc := newEncoder()
	ra, ok1 := enc.encode(ta)
	rb, ok2 := enc.encode(tb)
	if !ok1 || !ok2 {
		return nil, false
	}
	return enc.decode(diffRunes(ra, rb, semantic)), true
}

// diffRunes runs diff-match-patch over encoded tokens. No timeout: the
// package reads no clock, and the same inputs must give the same diff.
func diffRunes(a, b []rune, semantic bool) []diffmatchpatch.Diff {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(a, b, false)
	if semantic {
		diffs = dmp.DiffCleanupSemantic(diffs)
	}
	return diffs
}

// wholesale is the trivial diff: delete all of a, insert all of b.
func wholesale(a, b string) []Segment {
	var segs []Segment
	if a != "" {
		segs = append(segs, Segment{Delete, a})
	}
	if b != "" {
		segs = append(segs, Segment{Insert, b})
	}
	return segs
}

// reconstructs checks the defining property of a diff of a and b.
func reconstructs(segs []Segment, a, b string) bool {
	return Side(segs, Delete) == a && Side(segs, Insert) == b
}

// Side rebuilds one text from a diff: Side(segs, Delete) is the old text,
// Side(segs, Insert) the new one.
func Side(segs []Segment, keep Op) string {
	var sb strings.Builder
	for _, s := range segs {
		if s.Op == Equal || s.Op == keep {
			sb.WriteString(s.Text)
		}
	}
	return sb.String()
}

// HasChanges reports whether a diff contains any insertion or deletion.
func HasChanges(segs []Segment) bool {
	for _, s := range segs {
		if s.Op != Equal {
			return true
		}
	}
	return false
}

// Paragraphs cuts a word diff of two texts into paragraphs at the "\n\n"
// separators, whichever segments they fall in.
func Paragraphs(segs []Segment) [][]Segment {
	var paras [][]Segment
	var cur []Segment
	for _, s := range segs {
		for i, part := range strings.Split(s.Text, "\n\n") {
			if i > 0 && len(cur) > 0 {
				paras, cur = append(paras, cur), nil
			}
			if part != "" {
				cur = append(cur, Segment{Op: s.Op, Text: part})
			}
		}
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	return paras
}
