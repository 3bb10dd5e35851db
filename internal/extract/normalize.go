package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the form every comparison of errata is made on:
// Unicode NFC, invisible characters removed (zero-width space/joiners, word
// joiner, BOM, soft hyphen), bidirectional overrides, embeddings and
// isolates removed, every Unicode space turned into ' ', runs of whitespace
// collapsed to one space, and no leading or trailing space.
//
// Outlets insert invisible characters and swap spaces for NBSP between
// requests; without this step such pages would look edited.
func Normalize(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	pendingSpace, removed := false, false
	for _, r := range s {
		switch {
		case isInvisible(r) || isBidiOverride(r):
			removed = true
		case unicode.IsSpace(r):
			pendingSpace = b.Len() > 0
		default:
			if pendingSpace {
				b.WriteByte(' ')
				pendingSpace = false
			}
			b.WriteRune(r)
		}
	}
	out := b.String()
	if removed {
		// A removed character may have separated a base letter from its
		// combining mark; compose again so the result is stable under Normalize.
		out = norm.NFC.String(out)
	}
	return out
}

// isInvisible reports characters that render as nothing and carry no meaning
// for a reader of the text.
func isInvisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// isBidiOverride reports the bidirectional embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069). Each reverses or reorders the
// display of every character up to its closing pop, so one stray override
// makes the rest of a paragraph read backwards wherever the text is shown;
// article text never needs them, since a browser lays out right-to-left
// scripts from the characters themselves. The marks U+200E, U+200F and
// U+061C are kept: Arabic and Hebrew text uses them to place punctuation
// and numbers, and a mark affects only the characters beside it.
func isBidiOverride(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}
