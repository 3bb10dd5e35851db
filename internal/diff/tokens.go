package diff

import (
	"unicode"
	"unicode/utf8"
)

// tokenKind tells words from the whitespace and punctuation between them;
// only words count towards Added/Removed.
type tokenKind int

const (
	kindSpace tokenKind = iota
	kindPunct
	kindWord
)

// tokenize splits s into word, whitespace-run and single punctuation tokens.
// Concatenating the tokens gives s back byte for byte, even for invalid
// UTF-8, which is what keeps the diff lossless.
func tokenize(s string) []string {
	toks := make([]string, 0, len(s)/avgTokenBytes+1)
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		toks = append(toks, s[i:i+n])
		i += n
	}
	return toks
}

// tokenLen returns the byte length of the token that starts s (len(s) > 0).
func tokenLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	switch {
	case unicode.IsSpace(r):
		return runLen(s, unicode.IsSpace)
	case isWordRune(r):
		return wordLen(s)
	default:
		return size
	}
}

// runLen is the byte length of the prefix of s whose runes all satisfy ok.
func runLen(s string, ok func(rune) bool) int {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if r == utf8.RuneError && size <= 1 || !ok(r) {
			break
		}
		n += size
	}
	return n
}

// wordLen is the byte length of the word at the start of s. A joiner
// (apostrophe, hyphen, period, comma) between two word runes stays inside
// the word so "don't", "well-known", "3.5" and "1,000" are one word each.
func wordLen(s string) int {
	n := runLen(s, isWordRune)
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !isJoiner(r) {
			break
		}
		next := runLen(s[n+size:], isWordRune)
		if next == 0 {
			break
		}
		n += size + next
	}
	return n
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.', ',':
		return true
	}
	return false
}

// kindOf classifies a token produced by tokenize.
func kindOf(tok string) tokenKind {
	r, _ := utf8.DecodeRuneInString(tok)
	switch {
	case tok == "":
		return kindPunct
	case unicode.IsSpace(r):
		return kindSpace
	case isWordRune(r):
		return kindWord
	default:
		return kindPunct
	}
}

// avgTokenBytes sizes token slices up front (English prose: a word and a
// space every ~6 bytes, so ~3 bytes a token); only an allocation hint.
const avgTokenBytes = 3

// eachWord calls fn with every word token of s, in order, without
// building the token slice.
func eachWord(s string, fn func(string)) {
	for i := 0; i < len(s); {
		n := tokenLen(s[i:])
		if t := s[i : i+n]; kindOf(t) == kindWord {
			fn(t)
		}
		i += n
	}
}

// wordsOf returns the word tokens of s, in order.
func wordsOf(s string) []string {
	var out []string
	eachWord(s, func(w string) { out = append(out, w) })
	return out
}

// countWords is the number of word tokens in s.
func countWords(s string) int {
	n := 0
	eachWord(s, func(string) { n++ })
	return n
}
