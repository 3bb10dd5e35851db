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
	if !isASCII(text) {
		text = norm.NFD.String(text)
	}
	for _, r := range text {
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
