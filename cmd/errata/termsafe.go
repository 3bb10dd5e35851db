package main

import (
	"strings"
	"unicode"
)

// terminalSafe makes untrusted page text safe to print on a terminal:
// control characters (ESC, BEL, C1 codes) and bidirectional overrides,
// which could move the cursor, retitle the window or reverse the text a
// reader sees, are shown as the Unicode replacement character.
func terminalSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) {
			return '\uFFFD'
		}
		return r
	}, s)
}

func isBidiControl(r rune) bool {
	return (r >= '\u202A' && r <= '\u202E') || (r >= '\u2066' && r <= '\u2069') || r == '\u200E' || r == '\u200F' || r == '\u061C'
}
