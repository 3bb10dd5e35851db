package extract

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s in the form every comparison of errata is made on:
// Unicode NFC, invisible characters removed (zero-width space/joiners, word
// joiner, BOM, soft hyphen), every Unicode space turned into ' ', runs of
// whitespace collapsed to one space, and no leading or trailing space.
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
		case isInvisible(r):
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
