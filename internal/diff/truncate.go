package diff

import "fmt"

// A diff as people read it (the web page, the API, the terminal) shows at
// most MaxChangedParagraphs changed paragraphs holding at most
// MaxChangedWords changed words; past either it stops, and the changed
// paragraphs left are counted, not diffed. A page rewritten from top to
// bottom would otherwise make megabytes of markup on every view. Compare's
// counts and classes are always over the whole texts.
const (
	MaxChangedParagraphs = 300
	MaxChangedWords      = 30_000
)

// Truncation tells what a diff view left out.
type Truncation struct {
	MoreParagraphs int // changed paragraphs not shown
}

// Note is the line a view shows in place of what it left out, "" when it
// left out nothing.
func (t Truncation) Note() string {
	switch t.MoreParagraphs {
	case 0:
		return ""
	case 1:
		return "diff truncated: 1 more changed paragraph, see the full texts"
	}
	return fmt.Sprintf("diff truncated: %d more changed paragraphs, see the full texts", t.MoreParagraphs)
}

// limiter admits changed paragraphs into a view until a cap is reached.
type limiter struct {
	paras, words int
	cut          Truncation
}

// full reports whether the view has stopped: every later changed
// paragraph is only counted.
func (l *limiter) full() bool { return l.cut.MoreParagraphs > 0 }

// admit reports whether a changed paragraph with words changed words is
// shown, counting it either way.
func (l *limiter) admit(words int) bool {
	if l.full() || l.paras+1 > MaxChangedParagraphs || l.words+words > MaxChangedWords {
		l.cut.MoreParagraphs++
		return false
	}
	l.paras++
	l.words += words
	return true
}

// changedWords counts the words a paragraph's segments insert and delete.
func changedWords(segs []Segment) int {
	ins, del := wordStats(segs)
	return ins + del
}

// LimitParagraphs cuts a diff split into paragraphs (one []Segment each)
// at the caps: paragraphs after the last one shown are dropped, and the
// changed ones among them counted.
func LimitParagraphs(paras [][]Segment) ([][]Segment, Truncation) {
	var lim limiter
	for i, p := range paras {
		if HasChanges(p) && !lim.admit(changedWords(p)) {
			for _, rest := range paras[i+1:] {
				if HasChanges(rest) {
					lim.cut.MoreParagraphs++
				}
			}
			return paras[:i], lim.cut
		}
	}
	return paras, lim.cut
}
