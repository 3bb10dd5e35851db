package diff

import (
	"regexp"
	"slices"
	"unicode"
)

// Stealth edits: a change of substance to what an article says (words
// rewritten or removed, a number or a quotation changed) made with nothing
// that tells its readers: no correction or update note appears, and the
// page's own "last modified" date stays what it was (or the page never
// gave one). Added text alone is not a stealth edit: adding is how stories
// grow; changing or withdrawing what was already said is what readers
// cannot see.

// updateNoteRule recognises a sentence that announces an update: "Update:",
// "UPDATED 3.15pm", "Mise à jour :", "Aktualisierung:", "Actualización:".
// It must start the sentence (after an opening bracket or emphasis), so a
// sentence that merely uses the word does not count. ("This article has
// been updated" is a correction notice; see correctionRules.)
var updateNoteRule = regexp.MustCompile(`(?i)^[\s(\[*_"“—–-]*(updated?|updates|latest|mise à jour|mis à jour|` +
	`aktualisierung|aktualisiert|actualización|actualizacion|actualizado|actualizada)\b`)

// stealthy reports whether a change classed has is a stealth edit.
func stealthy(old, new Doc, textSegs []Segment, has map[Class]bool, oldSentences []string) bool {
	if has[Correction] || has[Minor] || !old.Modified.Equal(new.Modified) {
		return false
	}
	return substantive(textSegs) && !sameWords(old.Text, new.Text) && !newUpdateNote(oldSentences, new.Text)
}

// substantive reports a change of what the text says: a hunk that takes
// words out (rewording or cutting) other than spelling and case fixes, a
// number changed, or a quotation changed. Text only added is not; fixes
// of spelling, however many, are not; paragraphs only moved are not
// (sameWords).
func substantive(segs []Segment) bool {
	allTypos := true
	for _, h := range hunks(segs) {
		if _, ok := h.typoWords(); ok {
			continue
		}
		allTypos = false
		if len(h.del) > 0 {
			return true
		}
	}
	return numberChanged(segs) || (!allTypos && quoteChanged(segs))
}

// sameWords reports two texts holding the same words, in any order: a
// text whose paragraphs or sentences were only reordered.
func sameWords(a, b string) bool {
	wa, wb := wordsOf(a), wordsOf(b)
	if len(wa) != len(wb) {
		return false
	}
	slices.Sort(wa)
	slices.Sort(wb)
	return slices.Equal(wa, wb)
}

// numberChanged reports a hunk that deletes or inserts a digit.
func numberChanged(segs []Segment) bool {
	for _, h := range hunks(segs) {
		for _, w := range append(h.del, h.ins...) {
			if hasDigit(w) {
				return true
			}
		}
	}
	return false
}

// quoteChanged reports a deleted or inserted word inside a quotation, or
// a quotation mark itself added or removed. Each side's quotation state
// is followed through its own text (equal and deleted runs for the old
// text, equal and inserted ones for the new); a paragraph break closes an
// unbalanced quotation, so one stray mark cannot quote the rest of the
// article. Single quotes are left out: they double as apostrophes.
func quoteChanged(segs []Segment) bool {
	var oldIn, newIn bool
	for _, s := range segs {
		switch s.Op {
		case Equal:
			oldIn = followQuotes(s.Text, oldIn, nil)
			newIn = followQuotes(s.Text, newIn, nil)
		case Delete:
			changed := false
			oldIn = followQuotes(s.Text, oldIn, &changed)
			if changed {
				return true
			}
		case Insert:
			changed := false
			newIn = followQuotes(s.Text, newIn, &changed)
			if changed {
				return true
			}
		}
	}
	return false
}

// followQuotes walks text from quotation state in and returns the state
// after it; when changed is given it is set if a quotation mark or a
// letter or digit inside a quotation is met.
func followQuotes(text string, in bool, changed *bool) bool {
	prev := rune(0)
	for _, r := range text {
		if r == '\n' && prev == '\n' {
			in = false
		}
		prev = r
		switch r {
		case '"':
			in = !in
		case '“', '«', '„':
			in = true
		case '”', '»':
			in = false
		default:
			if changed != nil && in && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				*changed = true
			}
			continue
		}
		if changed != nil {
			*changed = true
		}
	}
	return in
}

// newUpdateNote reports a sentence of the new text that announces an
// update and was not in the old text.
func newUpdateNote(oldSentences []string, newText string) bool {
	seen := make(map[string]bool, len(oldSentences))
	for _, s := range oldSentences {
		seen[s] = true
	}
	for _, s := range Sentences(newText) {
		if !seen[s] && updateNoteRule.MatchString(s) {
			return true
		}
	}
	return false
}
