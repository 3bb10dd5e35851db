package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Class names one kind of change between two versions.
type Class string

const (
	Headline      Class = "headline"
	Byline        Class = "byline"
	TextAdded     Class = "text_added"
	TextRemoved   Class = "text_removed"
	TextRewritten Class = "text_rewritten"
	Correction    Class = "correction"
	Stealth       Class = "stealth"
	Minor         Class = "minor"
)

// classOrder is the order Classes are reported in. Immutable table.
var classOrder = []Class{Headline, Byline, TextAdded, TextRemoved, TextRewritten, Correction, Stealth, Minor}

const (
	// maxTypoDistance is the largest edit distance of a word pair that can
	// still be a spelling fix.
	maxTypoDistance = 2
	// typoLengthDivisor: the distance must also be at most 1/3 of the
	// longer word, so short words ("Mr" -> "Ms") never count as typos.
	typoLengthDivisor = 3
	// maxMinorWords is the most changed words a minor edit may touch.
	maxMinorWords = 3
)

// classify applies the change rules:
//   - headline: the titles differ; byline: the bylines differ.
//   - correction: a new paragraph or sentence reads like a correction
//     notice (see correctionPatterns). The notice is then taken out of the
//     new text before the text rules below, so an appended correction
//     alone is only "correction"; text_added joins it only when other text
//     was added too.
//   - minor: every text change is a spelling, punctuation, case or
//     whitespace fix (word pairs within maxTypoDistance and 1/3 of their
//     length, no digits touched, or no words involved), with at most
//     maxMinorWords words changed. Minor is only reported alone: it
//     excludes the text_* classes.
//   - otherwise typo-like changes are ignored and: text_added when words
//     were inserted and none deleted, text_removed when deleted and none
//     inserted, text_rewritten when both (or when many small fixes add up
//     to more than a minor edit).
//   - stealth, besides those: the text was rewritten or cut, or a number
//     or a quotation changed, with no correction, no new update note and
//     the page's own modified date unchanged (see stealthy).
//
// oldSentences are Sentences(old.Text), computed once by the caller.
func classify(old, new Doc, textSegs []Segment, oldSentences []string) []Class {
	has := make(map[Class]bool)
	has[Headline] = old.Title != new.Title
	has[Byline] = old.Byline != new.Byline
	if HasChanges(textSegs) {
		if stripped, found := stripCorrections(old.Text, new.Text, oldSentences); found {
			has[Correction] = true
			textSegs = Words(old.Text, stripped)
		}
		textClass(textSegs, has)
		has[Stealth] = stealthy(old, new, textSegs, has, oldSentences)
	}
	var out []Class
	for _, c := range classOrder {
		if has[c] {
			out = append(out, c)
		}
	}
	return out
}

// textClass sets the text_* or minor class for a text diff.
func textClass(segs []Segment, has map[Class]bool) {
	if !HasChanges(segs) {
		return
	}
	inserted, deleted, typoWords := false, false, 0
	for _, h := range hunks(segs) {
		if n, ok := h.typoWords(); ok {
			typoWords += n
			continue
		}
		inserted = inserted || len(h.ins) > 0
		deleted = deleted || len(h.del) > 0
	}
	switch {
	case inserted && deleted:
		has[TextRewritten] = true
	case inserted:
		has[TextAdded] = true
	case deleted:
		has[TextRemoved] = true
	case typoWords <= maxMinorWords:
		has[Minor] = true
	default:
		has[TextRewritten] = true
	}
}

// hunk is one run of changes between two equal stretches: the words it
// deletes and inserts.
type hunk struct{ del, ins []string }

func hunks(segs []Segment) []hunk {
	var out []hunk
	var cur hunk
	open := false
	for _, s := range segs {
		switch s.Op {
		case Equal:
			if open {
				out = append(out, cur)
				cur, open = hunk{}, false
			}
		case Delete:
			cur.del = append(cur.del, wordsOf(s.Text)...)
			open = true
		case Insert:
			cur.ins = append(cur.ins, wordsOf(s.Text)...)
			open = true
		}
	}
	if open {
		out = append(out, cur)
	}
	return out
}

// typoWords reports whether the hunk is only a spelling, case or
// punctuation fix, and how many words it changes.
func (h hunk) typoWords() (int, bool) {
	if len(h.del) != len(h.ins) {
		return 0, false
	}
	n := 0
	for i, a := range h.del {
		b := h.ins[i]
		if a == b {
			continue
		}
		if !isTypoFix(a, b) {
			return 0, false
		}
		n++
	}
	return n, true
}

// isTypoFix reports whether b could be a spelling or case fix of a.
// Numbers are facts, not spelling: any change touching a digit is real.
func isTypoFix(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	if hasDigit(a) || hasDigit(b) {
		return false
	}
	d := editDistance(strings.ToLower(a), strings.ToLower(b))
	longest := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	return d <= maxTypoDistance && d*typoLengthDivisor <= longest
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

// ClassNames lists every class by name, in the order Classes reports them.
func ClassNames() []string {
	out := make([]string, len(classOrder))
	for i, c := range classOrder {
		out[i] = string(c)
	}
	return out
}
