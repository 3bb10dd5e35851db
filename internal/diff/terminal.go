package diff

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/errata/errata/internal/termsafe"
)

// ANSI styles for the coloured terminal view.
const (
	ansiDelete = "\x1b[31;9m" // red, struck through
	ansiInsert = "\x1b[32m"   // green
	ansiReset  = "\x1b[0m"
)

// maxContextRunes: an unchanged paragraph next to a change is printed as
// context only up to this length; longer ones, and every unchanged
// paragraph away from a change, are elided to "…" so the changes stand out.
const maxContextRunes = 160

// WriteTerminal renders r for a terminal: headline and byline changes
// first, then the text paragraph by paragraph (cut at the caps, with the
// truncation note), then a stats line such as
// "+12 −3 words · text_added, correction". With color, deletions are red
// and struck through and insertions green; without, they are marked
// [-deleted-] and {+inserted+} like git --word-diff=plain. Control
// characters in the versions are shown escaped (package termsafe) before
// the colours are added, so a page cannot drive the terminal and the
// colours still work.
func WriteTerminal(w io.Writer, r Result, color bool) error {
	tw := &termWriter{w: w, color: color}
	if HasChanges(r.Title) {
		tw.line("Headline: " + tw.render(r.Title, termsafe.Line))
	}
	if HasChanges(r.Byline) {
		tw.line("Byline: " + tw.render(r.Byline, termsafe.Line))
	}
	if HasChanges(r.Title) || HasChanges(r.Byline) {
		tw.line("")
	}
	tw.text(r.Text)
	tw.line(statsLine(r))
	if tw.err != nil {
		return fmt.Errorf("diff: write terminal: %w", tw.err)
	}
	return nil
}

// termWriter keeps the first write error so rendering code stays linear.
type termWriter struct {
	w     io.Writer
	color bool
	err   error
}

func (t *termWriter) line(s string) {
	if t.err == nil {
		_, t.err = io.WriteString(t.w, s+"\n")
	}
}

// text writes the paragraphs of a text diff, one per line, collapsing runs
// of elided paragraphs into one "…" line, up to the caps (see
// LimitParagraphs) and then the truncation note.
func (t *termWriter) text(segs []Segment) {
	paras, cut := LimitParagraphs(splitSegments(segs))
	elided := false
	for i, para := range paras {
		if !showParagraph(paras, i) {
			if !elided {
				t.line("…")
			}
			elided = true
			continue
		}
		elided = false
		t.line(t.render(para, termsafe.Text))
	}
	if note := cut.Note(); note != "" {
		t.line(note)
	}
}

// showParagraph reports whether paragraph i is printed: changed ones
// always, unchanged ones only as short context next to a change.
func showParagraph(paras [][]Segment, i int) bool {
	if HasChanges(paras[i]) {
		return true
	}
	nearChange := i > 0 && HasChanges(paras[i-1]) || i+1 < len(paras) && HasChanges(paras[i+1])
	return nearChange && utf8.RuneCountInString(Side(paras[i], Delete)) <= maxContextRunes
}

// render marks up one run of segments, each made safe first: safe is
// termsafe.Line for one-line fields, termsafe.Text for paragraphs.
func (t *termWriter) render(segs []Segment, safe func(string) string) string {
	var sb strings.Builder
	for _, s := range segs {
		text := safe(s.Text)
		switch {
		case s.Op == Equal:
			sb.WriteString(text)
		case t.color && s.Op == Delete:
			sb.WriteString(ansiDelete + text + ansiReset)
		case t.color:
			sb.WriteString(ansiInsert + text + ansiReset)
		case s.Op == Delete:
			sb.WriteString("[-" + text + "-]")
		default:
			sb.WriteString("{+" + text + "+}")
		}
	}
	return sb.String()
}

// splitSegments cuts a text diff into paragraphs at every blank line,
// whichever segment holds it, so each paragraph prints on its own line.
func splitSegments(segs []Segment) [][]Segment {
	var paras [][]Segment
	var cur []Segment
	for _, s := range segs {
		parts := strings.Split(s.Text, "\n\n")
		for i, p := range parts {
			if i > 0 {
				paras = append(paras, cur)
				cur = nil
			}
			cur = appendSegment(cur, Segment{s.Op, strings.Trim(p, "\n")})
		}
	}
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	var out [][]Segment
	for _, p := range paras {
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// statsLine is "+A −R words", then " · " and the classes when there are any.
func statsLine(r Result) string {
	s := fmt.Sprintf("+%d −%d words", r.Added, r.Removed)
	if len(r.Classes) == 0 {
		return s
	}
	names := make([]string, len(r.Classes))
	for i, c := range r.Classes {
		names[i] = string(c)
	}
	return s + " · " + strings.Join(names, ", ")
}
