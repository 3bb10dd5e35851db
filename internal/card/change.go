package card

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// Change is what one card shows. Every string may come from an outlet's
// page and is treated as untrusted.
type Change struct {
	Outlet string
	At     time.Time // when the new version was seen; zero: not shown
	// OldTitle and NewTitle are the headlines before and after; when they
	// differ the card shows the headline's word diff.
	OldTitle, NewTitle string
	Pieces             []Piece
	Added, Removed     int      // words inserted and deleted
	Classes            []string // the change's classes as readers name them
}

// Piece is one changed sentence (or byline) as a word diff. Label, when
// set, is shown before it in a muted colour ("Moved", "Byline").
type Piece struct {
	Label    string
	Segments []diff.Segment
}

// Labels of the pieces Pieces builds.
const (
	labelByline = "Byline"
	labelMoved  = "Moved"
)

// Pieces lists what changed in a comparison as card pieces: the byline
// when it changed, then each sentence edit in reading order. An edited or
// moved sentence is shown as its word diff; an added one as inserted text
// and a deleted one as struck-through text.
func Pieces(r diff.Result) []Piece {
	var ps []Piece
	if diff.HasChanges(r.Byline) {
		ps = append(ps, Piece{Label: labelByline, Segments: r.Byline})
	}
	for _, e := range r.Edits {
		switch e.Action {
		case diff.Added:
			ps = append(ps, Piece{Segments: []diff.Segment{{Op: diff.Insert, Text: e.NewText}}})
		case diff.Deleted:
			ps = append(ps, Piece{Segments: []diff.Segment{{Op: diff.Delete, Text: e.OldText}}})
		case diff.Moved:
			ps = append(ps, Piece{Label: labelMoved, Segments: diff.Words(e.OldText, e.NewText)})
		default:
			ps = append(ps, Piece{Segments: diff.Words(e.OldText, e.NewText)})
		}
	}
	return ps
}

// ForVersions describes the change from version old to version nv of one
// article. label names a class for readers; nil keeps the class names.
func ForVersions(outlet string, old, nv model.Version, label func(string) string) Change {
	r := diff.Compare(diff.Doc{Title: old.Title, Byline: old.Byline, Text: old.Text, Modified: old.Modified},
		diff.Doc{Title: nv.Title, Byline: nv.Byline, Text: nv.Text, Modified: nv.Modified})
	classes := make([]string, len(r.Classes))
	for i, c := range r.Classes {
		classes[i] = string(c)
		if label != nil {
			classes[i] = label(classes[i])
		}
	}
	return Change{
		Outlet: outlet, At: nv.FetchedAt, OldTitle: old.Title, NewTitle: nv.Title,
		Pieces: Pieces(r), Added: r.Added, Removed: r.Removed, Classes: classes,
	}
}

// clean makes untrusted text safe to lay out on one line: line breaks and
// tabs become spaces, other control characters and the explicit bidi
// embeddings, overrides and isolates are dropped (they would let a page
// reorder the card's text), and invalid UTF-8 becomes U+FFFD. At most
// limit runes are kept; cut reports whether text was dropped for that.
func clean(s string, limit int) (out []rune, cut bool) {
	out = make([]rune, 0, min(len(s), limit))
	for _, r := range s { // ranging over a string yields U+FFFD for bad bytes
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029':
			r = ' '
		case unicode.IsControl(r) || isBidiControl(r):
			continue
		}
		if len(out) == limit {
			return out, true
		}
		out = append(out, r)
	}
	return out, false
}

// isBidiControl reports the explicit directional formatting characters
// (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI). The implicit marks (LRM,
// RLM, ALM) are kept: they only nudge neutral characters.
func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069')
}

// wordCounts says how many words were inserted and deleted, with a true
// minus sign.
func wordCounts(added, removed int) string {
	return "+" + plural(added, "word") + ", \u2212" + plural(removed, "word")
}

func plural(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// segmentSpans styles a word diff. A deletion and an insertion that meet
// without a space get one between them, so "resigns" replaced by "quits"
// does not read as one word.
func segmentSpans(segs []diff.Segment) []span {
	spans := make([]span, 0, len(segs))
	for i, s := range segs {
		st := plain
		switch s.Op {
		case diff.Delete:
			st = deleted
		case diff.Insert:
			st = inserted
		}
		if i > 0 && st != plain && spans[len(spans)-1].st != plain && spans[len(spans)-1].st != st &&
			!endsSpace(spans[len(spans)-1].text) && !startsSpace(s.Text) {
			spans = append(spans, span{" ", plain})
		}
		spans = append(spans, span{s.Text, st})
	}
	return spans
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// contextRunes is about how much unchanged text is kept on each side of a
// change in a piece: enough to read it in context, so a long sentence
// changed at its end still shows the change.
const contextRunes = 60

// elideContext shortens the unchanged stretches of a piece: the text
// before the first change keeps its last runes, the text after the last
// keeps its first, and a long stretch between two changes keeps both
// ends; "…" marks what was left out. Cuts fall on spaces when there are
// any nearby, so words stay whole.
func elideContext(segs []diff.Segment, keep int) []diff.Segment {
	out := make([]diff.Segment, len(segs))
	copy(out, segs)
	for i, s := range out {
		if s.Op != diff.Equal {
			continue
		}
		first, last := i == 0, i == len(out)-1
		switch {
		case first && last:
			// Nothing changed here (a moved sentence): keep it whole.
		case first:
			out[i].Text = tailOf(s.Text, keep)
		case last:
			out[i].Text = headOf(s.Text, keep)
		case utf8.RuneCountInString(s.Text) > 2*keep+len(ellipsis):
			out[i].Text = headOf(s.Text, keep) + " " + strings.TrimPrefix(tailOf(s.Text, keep), ellipsis)
		}
	}
	return out
}

// headOf keeps about the first n runes of s, then "…", which sticks to
// the last word kept so a line is never broken before it.
func headOf(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := n
	for j := n; j > n/2; j-- {
		if unicode.IsSpace(rs[j]) {
			cut = j
			break
		}
	}
	return strings.TrimRightFunc(string(rs[:cut]), unicode.IsSpace) + ellipsis
}

// tailOf keeps about the last n runes of s, after "…".
func tailOf(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	cut := len(rs) - n
	for j := cut; j < len(rs)-n/2; j++ {
		if unicode.IsSpace(rs[j-1]) {
			cut = j
			break
		}
	}
	return ellipsis + string(rs[cut:])
}
