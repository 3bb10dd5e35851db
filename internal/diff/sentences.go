package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Abbreviations after which a period never ends a sentence: titles and
// forms that are almost always followed by more of the same sentence.
// Lower-cased, without the final period. Immutable table.
var noSplitAbbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"sr": true, "jr": true, "gen": true, "gov": true, "sen": true, "rep": true,
	"lt": true, "col": true, "sgt": true, "capt": true, "rev": true, "hon": true,
	"mt": true, "ft": true, "vs": true, "v": true,
	"e.g": true, "i.e": true, "cf": true, "approx": true, "dept": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.k": true, "u.n": true, "e.u": true, "d.c": true,
	"hr": true, "frau": true, "mme": true, "mlle": true, "sra": true, "srta": true,
	"z.b": true, "bzw": true, "ca": true,
}

// maxAbbrevLen bounds the byte length of a word that lower-cases to an
// abbreviation in either table: lower-casing shortens a rune at most from
// three bytes to one (the Kelvin sign to k), so a word over three times
// the longest abbreviation cannot be one.
var maxAbbrevLen = func() int {
	n := 0
	for _, m := range []map[string]bool{noSplitAbbrevs, numberAbbrevs} {
		for w := range m {
			n = max(n, len(w))
		}
	}
	return 3 * n
}()

// numberAbbrevs only abbreviate before a number ("No. 10"); "No." before
// a word is the answer ending a sentence. Immutable table.
var numberAbbrevs = map[string]bool{"no": true, "nos": true, "nr": true, "art": true}

// sentenceEnds are the runes that may end a sentence.
const sentenceEnds = ".!?…。！？"

// closers may follow the end mark and still belong to the sentence, as in
// `he said.”` or `(see below.)`.
const closers = "\"'”’»)]}"

// Sentences splits text into sentences. Paragraphs (separated by blank
// lines) always end a sentence. Inside a paragraph a sentence ends at
// . ! ? … (plus any closing quotes or brackets) followed by whitespace and
// then something that can start a sentence (not a lower-case letter), and
// not after a known abbreviation or a single-letter initial. Decimals
// ("3.5") never split because no whitespace follows the period. The
// splitter is deliberately simple: it must never fail, only be wrong on
// rare prose.
func Sentences(text string) []string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	// About one sentence in a hundred bytes of prose: one allocation
	// for most texts.
	out := make([]string, 0, len(text)/100+1)
	for rest := text; rest != ""; {
		para := rest
		if i := strings.Index(rest, "\n\n"); i >= 0 {
			para, rest = rest[:i], rest[i+2:]
		} else {
			rest = ""
		}
		if para = strings.TrimSpace(para); para != "" {
			out = splitParagraph(para, out)
		}
	}
	return out
}

// paragraphs splits text on blank lines, trimming and dropping empty ones.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// markStart marks the bytes that can start an end mark: the ASCII marks
// and the first bytes of the UTF-8 forms of the others (…, 。, ！, ？).
// Every other byte is passed over without decoding. Immutable table.
var markStart = func() (t [256]bool) {
	for _, r := range sentenceEnds {
		var b [utf8.UTFMax]byte
		utf8.EncodeRune(b[:], r)
		t[b[0]] = true
	}
	return t
}()

// splitParagraph appends the sentences of paragraph p to out.
func splitParagraph(p string, out []string) []string {
	start := 0
	for i := 0; i < len(p); {
		if !markStart[p[i]] {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if !isEndMark(r) {
			continue
		}
		end := i + markRunLen(p[i:])
		if isBoundary(p, start, i-size, end) {
			if s := strings.TrimSpace(p[start:end]); s != "" {
				out = append(out, s)
			}
			start = end
		}
		i = end
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// markRunLen is the length of further end marks and closers after an end
// mark ("?!", "...", `."`).
func markRunLen(s string) int {
	return runLen(s, func(r rune) bool {
		return isEndMark(r) || strings.ContainsRune(closers, r)
	})
}

// isEndMark reports whether r is one of sentenceEnds.
func isEndMark(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？':
		return true
	}
	return false
}

// isBoundary decides whether the end mark at p[mark] (whose run ends at
// end) closes the sentence that started at start.
func isBoundary(p string, start, mark, end int) bool {
	if end >= len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(p[end:])
	if !unicode.IsSpace(r) && !isCJKEnd(p[mark:]) {
		return false
	}
	next := strings.TrimLeftFunc(p[end:], unicode.IsSpace)
	n, _ := utf8.DecodeRuneInString(next)
	if unicode.IsLower(n) {
		return false
	}
	if p[mark] == '.' && end == mark+1 {
		return !isAbbreviation(p[start:mark], unicode.IsDigit(n))
	}
	return true
}

// isCJKEnd reports whether s starts with an ideographic end mark, which
// needs no following space.
func isCJKEnd(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '。' || r == '！' || r == '？'
}

// isAbbreviation reports whether the word just before a period (the end of
// before) is a known abbreviation or a single-letter initial; digitNext
// says whether a number follows.
func isAbbreviation(before string, digitNext bool) bool {
	word := lastWord(before)
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if len(word) > maxAbbrevLen {
		return false // longer than any abbreviation, lower-cased or not
	}
	word = strings.ToLower(word)
	return noSplitAbbrevs[word] || digitNext && numberAbbrevs[word]
}

// lastWord is the text after the last space, parenthesis or opening quote.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '(' || r == '"' || r == '“'
	})
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}
