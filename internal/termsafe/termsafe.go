// Package termsafe makes text from pages, feeds and outlets safe to print
// on a terminal. Such text can hold the bytes of terminal escape sequences:
// ESC and the C1 codes (U+0080–U+009F) start sequences that move the
// cursor, clear the screen, retitle the window or set the clipboard, BEL
// ends some of them, a carriage return lets a line overwrite itself, and
// bidirectional overrides reverse what a reader sees. termsafe shows each
// such character as a visible escape, \x1b or \u202e, before the text
// reaches the terminal; errata's own colour codes are added afterwards.
//
// A visible escape rather than U+FFFD: the reader sees which character the
// outlet sent (an override is not a decoding error, and U+FFFD already
// occurs in real text), and the escape is plain ASCII that no terminal
// interprets. The package is pure.
package termsafe

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line makes s safe to print as part of one line: every control character,
// tab and line break included, is shown escaped, so a title can neither
// drive the terminal nor start a line of its own.
func Line(s string) string { return escape(s, "") }

// Text makes multi-line text safe to print: like Line, but line breaks and
// tabs stay as they are.
func Text(s string) string { return escape(s, "\n\t") }

// JSON makes encoding/json output safe to print without changing the value
// it encodes. The encoder already escapes C0 controls, but writes DEL, the
// C1 codes and bidi controls raw; those can only stand inside a string,
// where \uXXXX means the same character. Bytes that are not UTF-8, which
// the encoder never writes, become \ufffd.
func JSON(b []byte) []byte {
	if !needsEscape(string(b), "\n\t\r") {
		return b
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			sb.WriteString(`\ufffd`)
		case hazard(r, "\n\t\r"):
			fmt.Fprintf(&sb, `\u%04x`, r)
		default:
			sb.Write(b[i : i+size])
		}
		i += size
	}
	return []byte(sb.String())
}

func escape(s, keep string) string {
	if !needsEscape(s, keep) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// A lone byte from 0x80 up is a C1 code to an 8-bit terminal.
			fmt.Fprintf(&sb, `\x%02x`, s[i])
		case hazard(r, keep):
			sb.WriteString(visible(r))
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// needsEscape is the fast path: most text has nothing to escape. Printable
// ASCII, most of any text, is passed over a byte at a time.
func needsEscape(s, keep string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && strings.IndexByte(keep, c) < 0 {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || hazard(r, keep) {
			return true
		}
		i += size
	}
	return false
}

// hazard reports the characters a terminal may act on rather than show:
// controls (C0, DEL, C1), bidi embeddings, overrides and isolates, and the
// Unicode line and paragraph separators. The bidi marks U+200E, U+200F and
// U+061C are shown as they are: right-to-left text uses them, and a mark
// cannot reorder a run or hide text.
func hazard(r rune, keep string) bool {
	switch {
	case strings.ContainsRune(keep, r):
		return false
	case unicode.IsControl(r), r == '\u2028', r == '\u2029':
		return true
	}
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069'
}

// visible spells r as Go would in a string literal.
func visible(r rune) string {
	switch r {
	case '\t':
		return `\t`
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	}
	if r < utf8.RuneSelf {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
