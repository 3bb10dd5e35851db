package diff

import (
	"strings"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Rune code points are used as token ids. Surrogates are not valid runes
// in Go strings (diff-match-patch converts runes to strings internally),
// so ids skip over them.
const (
	surrogateMin = 0xD800
	surrogateLen = 0x800
	maxTokenIDs  = utf8.MaxRune + 1 - surrogateLen
)

// encoder maps distinct tokens to runes and back: the diff-match-patch
// "lines to chars" trick applied to word tokens.
type encoder struct {
	ids    map[string]rune
	tokens []string
}

func newEncoder() *encoder {
	return &encoder{ids: make(map[string]rune)}
}

// encode turns tokens into runes; false when there are more distinct
// tokens than runes.
func (e *encoder) encode(toks []string) ([]rune, bool) {
	out := make([]rune, len(toks))
	for i, t := range toks {
		id, ok := e.ids[t]
		if !ok {
			if len(e.tokens) >= maxTokenIDs {
				return nil, false
			}
			id = idRune(len(e.tokens))
			e.ids[t] = id
			e.tokens = append(e.tokens, t)
		}
		out[i] = id
	}
	return out, true
}

func idRune(n int) rune {
	if n >= surrogateMin {
		n += surrogateLen
	}
	return rune(n)
}

func runeID(r rune) int {
	n := int(r)
	if n >= surrogateMin+surrogateLen {
		n -= surrogateLen
	}
	return n
}

// decode maps diff-match-patch output back to text segments, merging
// neighbours with the same op.
func (e *encoder) decode(diffs []diffmatchpatch.Diff) []Segment {
	segs := make([]Segment, 0, len(diffs))
	for _, d := range diffs {
		var sb strings.Builder
		for _, r := range d.Text {
			if t, ok := e.token(r); ok {
				sb.WriteString(t)
			}
		}
		if sb.Len() == 0 {
			continue
		}
		segs = appendSegment(segs, Segment{opOf(d.Type), sb.String()})
	}
	return segs
}

// token is the token r stands for; false for a rune encode never gave.
func (e *encoder) token(r rune) (string, bool) {
	id := runeID(r)
	if id < 0 || id >= len(e.tokens) {
		return "", false
	}
	return e.tokens[id], true
}

func opOf(t diffmatchpatch.Operation) Op {
	switch t {
	case diffmatchpatch.DiffInsert:
		return Insert
	case diffmatchpatch.DiffDelete:
		return Delete
	default:
		return Equal
	}
}

// appendSegment appends s, merging it into the last segment when the ops
// match so callers never see two adjacent segments with one op.
func appendSegment(segs []Segment, s Segment) []Segment {
	if s.Text == "" {
		return segs
	}
	if n := len(segs); n > 0 && segs[n-1].Op == s.Op {
		segs[n-1].Text += s.Text
		return segs
	}
	return append(segs, s)
}
