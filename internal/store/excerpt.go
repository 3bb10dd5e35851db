package store

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// excerptWords is how many words a search hit's excerpt shows.
const excerptWords = 24

// excerpt is a search hit's snippet: the excerptWords words of text
// that hold the most of the query's words (the first place that holds
// them all, else the first that holds the most, with the matches in the
// middle), with each matching word between MarkStart and MarkEnd and "…"
// where text was cut. Words are what both engines' indexes split on,
// runs of letters and digits, compared without case or accents; the text
// between them is kept as written. It reads the text at most once, and
// only up to the first place that holds every word, where the engines'
// own excerpt functions tokenize all of it again per hit inside the
// query.
func excerpt(text string, query []string) string {
	var want []string
	for _, w := range query {
		if f := foldWord(w); !slices.Contains(want, f) {
			want = append(want, f)
		}
	}
	// First pass: count the words and note where query words are, up to
	// a full window past the first place that holds all of them.
	type match struct{ word, query int }
	var matches []match
	lastSeen := make([]int, len(want))
	for k := range lastSeen {
		lastSeen[k] = -1
	}
	words, stopAt, more := 0, -1, false
	for start, end := nextWord(text, 0); start < end; start, end = nextWord(text, end) {
		if stopAt >= 0 && words >= stopAt {
			more = true
			break
		}
		for k, q := range want {
			if wordEqual(text[start:end], q) {
				matches = append(matches, match{words, k})
				lastSeen[k] = words
				if first := slices.Min(lastSeen); stopAt < 0 && first >= 0 && words-first < excerptWords {
					stopAt = first + excerptWords
				}
				break
			}
		}
		words++
	}
	if words == 0 {
		return ""
	}
	// The window with the most distinct query words, then the most
	// matches; the first of equals. A best window can always start at a
	// match.
	size := min(excerptWords, words)
	from, to := 0, size // the window, in words
	bestScore := -1
	seen := make([]int, len(want))
	for i := range matches {
		clear(seen)
		distinct, n, last := 0, 0, matches[i].word
		for _, m := range matches[i:] {
			if m.word >= matches[i].word+size {
				break
			}
			if seen[m.query] == 0 {
				distinct++
			}
			seen[m.query]++
			n++
			last = m.word
		}
		if score := distinct*1000 + n; score > bestScore {
			bestScore = score
			// Centre the matches, so they have words on both sides.
			from = max(0, min(matches[i].word-(size-(last-matches[i].word+1))/2, words-size))
			to = from + size
		}
	}
	// Second pass: write the window's words and what lies between them.
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	w, mi, pos := 0, 0, -1
	for start, end := nextWord(text, 0); start < end && w < to; start, end = nextWord(text, end) {
		for mi < len(matches) && matches[mi].word < w {
			mi++
		}
		if w >= from {
			if pos >= 0 {
				b.WriteString(text[pos:start])
			}
			if mi < len(matches) && matches[mi].word == w {
				b.WriteString(MarkStart + text[start:end] + MarkEnd)
			} else {
				b.WriteString(text[start:end])
			}
			pos = end
		}
		w++
	}
	if to < words || more {
		b.WriteString("…")
	} else {
		b.WriteString(text[pos:]) // the closing punctuation
	}
	return b.String()
}

// nextWord finds the first word of text at or after byte i: a run of
// letters and digits from start to end; start == end when there is none.
func nextWord(text string, i int) (start, end int) {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += n
	}
	start = i
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			break
		}
		i += n
	}
	return start, i
}

// asciiWord says which ASCII bytes are parts of words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// wordEqual reports whether a word of the text is q, a folded query
// word; ASCII words, most of them, are compared without folding a copy.
func wordEqual(w, q string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return foldWord(w) == q
		}
	}
	return strings.EqualFold(w, q)
}

// foldWord is w in lower case without accents, as the full-text indexes
// compare words.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
