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
	"bytes"
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
	if !needsEscape(b, "\n\t\r") {
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

// JSONSafe reports whether b, which must be encoding/json output, is safe
// to print as it is, so that JSON would return it unchanged. The encoder
// escapes every C0 control inside a string and writes only UTF-8, so what
// it can leave raw is DEL and characters whose first byte is 0xC2 or 0xE2
// (see suspect): those bytes are found with IndexByte, many times faster
// than a pass over every byte, and only they are decoded.
func JSONSafe(b []byte) bool {
	if bytes.IndexByte(b, 0x7f) >= 0 {
		return false
	}
	for _, lead := range [...]byte{0xc2, 0xe2} {
		for rest := b; ; {
			i := bytes.IndexByte(rest, lead)
			if i < 0 {
				break
			}
			if r, _ := utf8.DecodeRune(rest[i:]); hazard(r, "") {
				return false
			}
			rest = rest[i+1:]
		}
	}
	return true
}

// needsEscape is the fast path: most text has nothing to escape. Text
// that is not UTF-8 does; in text that is, every character hazard names
// is ASCII or starts with one of the bytes suspect marks, so only those
// are decoded and the rest is passed over a byte at a time.
func needsEscape[T string | []byte](s T, keep string) bool {
	if !validUTF8(s) {
		return true
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !suspect[c] {
			continue
		}
		if c < utf8.RuneSelf {
			if strings.IndexByte(keep, c) < 0 {
				return true
			}
			continue
		}
		// At most the character's own bytes are converted: no copy of s.
		if r, _ := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))])); hazard(r, keep) {
			return true
		}
	}
	return false
}

func validUTF8[T string | []byte](s T) bool {
	switch s := any(s).(type) {
	case string:
		return utf8.ValidString(s)
	case []byte:
		return utf8.Valid(s)
	}
	return false
}

// suspect marks the bytes a hazard can start with: the C0 controls and
// DEL, 0xC2 (the C1 controls, U+0080 to U+009F) and 0xE2 (U+2028 to
// U+202E, U+2066 to U+2069). TestSuspect_CoversEveryHazard holds it to
// hazard. Immutable table.
var suspect = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	t[0x7f], t[0xc2], t[0xe2] = true, true, true
	return t
}()

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
