package stories

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// words splits text into normalised words: Unicode letters and digits only,
// lower case, accents removed, apostrophes dropped inside a word ("city’s"
// becomes "citys") so quote styles and typography never change a shingle.
func words(text string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			out = append(out, b.String())
			b.Reset()
		}
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark left by NFD: the accent of the previous letter
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// inside a word: dropped; between words: a boundary anyway
		default:
			flush()
		}
	}
	flush()
	return out
}
