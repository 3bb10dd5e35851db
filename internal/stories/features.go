package stories

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are what event grouping compares: the text's content words as
// a unit vector, and its facts: names (capitalised sequences), numbers and
// places, each a normalised string with a kind prefix.
type Features struct {
	Terms map[string]float64 // content word -> weight; the vector has length 1
	Facts []string           // sorted, distinct: "n:name", "#:number", "p:place"
}

// Fact kinds, as prefixes of Features.Facts.
const (
	factName   = "n:"
	factNumber = "#:"
	factPlace  = "p:"
)

// maxTerms bounds a text's word vector to its most frequent words: enough
// to characterise a long article, and a fixed cost per comparison.
const maxTerms = 200

// NewFeatures reads the features of an article's title and paragraphs.
func NewFeatures(title string, paragraphs []string) Features {
	all := append([]string{title}, paragraphs...)
	tf := map[string]float64{}
	facts := map[string]bool{}
	for _, p := range all {
		for _, w := range words(p) {
			if utf8.RuneCountInString(w) >= 3 && !stopwords[w] && !isNumber(w) {
				tf[w]++
			}
		}
		readFacts(p, facts)
	}
	f := Features{Terms: topTerms(tf, maxTerms)}
	for k := range facts {
		f.Facts = append(f.Facts, k)
	}
	slices.Sort(f.Facts)
	return f
}

// topTerms keeps the n heaviest words, weighs each 1+log(tf) so repetition
// counts for less than breadth, and scales the vector to length 1.
func topTerms(tf map[string]float64, n int) map[string]float64 {
	type kv struct {
		k string
		v float64
	}
	all := make([]kv, 0, len(tf))
	for k, v := range tf {
		all = append(all, kv{k, v})
	}
	slices.SortFunc(all, func(a, b kv) int {
		if a.v != b.v {
			if a.v > b.v {
				return -1
			}
			return 1
		}
		return strings.Compare(a.k, b.k)
	})
	if len(all) > n {
		all = all[:n]
	}
	out := make(map[string]float64, len(all))
	var norm float64
	for _, e := range all {
		w := 1 + math.Log(e.v)
		out[e.k] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for k := range out {
		out[k] /= norm
	}
	return out
}

// token is one whitespace-separated piece of a paragraph with its
// punctuation stripped, and where it stands.
type token struct {
	word     string
	capital  bool // starts with an upper-case letter
	start    bool // first of a sentence
	locative bool // follows "in", "at", "from" or "near"
	end      bool // ends a clause: sentence end, comma, colon, closing quote
}

func tokens(p string) []token {
	var out []token
	start, locative := true, false
	for _, f := range strings.Fields(p) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			start = start || strings.ContainsAny(f, ".!?:—–")
			continue
		}
		lead := f[:strings.Index(f, w)]
		trail := f[strings.Index(f, w)+len(w):]
		if strings.ContainsAny(lead, "“\"‘(") {
			start = true
		}
		r, _ := utf8.DecodeRuneInString(w)
		t := token{word: w, capital: unicode.IsUpper(r), start: start, locative: locative}
		t.end = trail != "" && !strings.HasPrefix(trail, "'") && !strings.HasPrefix(trail, "’")
		start = strings.ContainsAny(trail, ".!?:”\")")
		locative = !t.end && locatives[w]
		out = append(out, t)
	}
	return out
}

// readFacts adds a paragraph's names, places and numbers to facts.
func readFacts(p string, facts map[string]bool) {
	ts := tokens(p)
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if n, ok := number(t.word); ok {
			facts[factNumber+n] = true
			continue
		}
		if !t.capital {
			continue
		}
		j := i + 1
		for j < len(ts) && !ts[j-1].end {
			if ts[j].capital && !isNumber(ts[j].word) {
				j++
				continue
			}
			// "Ministry of Finance", "Banco de España": a lower-case
			// connector inside a name when a capital follows it.
			if connectors[ts[j].word] && j+1 < len(ts) && ts[j+1].capital && !ts[j].end {
				j += 2
				continue
			}
			break
		}
		seq := ts[i:j]
		if seq[0].start && stopwords[strings.ToLower(seq[0].word)] {
			seq = seq[1:]
		}
		// A lone capitalised word opening a sentence is ordinary
		// capitalisation, not a name.
		if len(seq) == 0 || len(seq) == 1 && (seq[0].start || stopwords[strings.ToLower(seq[0].word)]) {
			i = j - 1
			continue
		}
		name := normName(seq)
		facts[factName+name] = true
		if t.locative || ts[i].locative {
			facts[factPlace+name] = true
		}
		i = j - 1
	}
}

func normName(seq []token) string {
	ws := make([]string, len(seq))
	for i, t := range seq {
		ws[i] = strings.Join(words(t.word), "")
	}
	return strings.Join(ws, " ")
}

// number normalises a numeric token: digits and the decimal point only
// ("$4.5" -> "4.5", "1,200" -> "1200"). Numbers below 10 are left out:
// they occur in every text ("two", "3 people") and tie nothing together.
func number(w string) (string, bool) {
	if !isNumber(w) {
		return "", false
	}
	var b strings.Builder
	for _, r := range w {
		if r >= '0' && r <= '9' || r == '.' {
			b.WriteRune(r)
		}
	}
	n := strings.Trim(b.String(), ".")
	if len(strings.TrimLeft(n, "0")) < 2 {
		return "", false
	}
	return n, true
}

func isNumber(w string) bool {
	for _, r := range w {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

var locatives = map[string]bool{"in": true, "at": true, "from": true, "near": true, "In": true, "At": true, "From": true, "Near": true}

var connectors = map[string]bool{"of": true, "de": true, "del": true, "la": true, "van": true, "von": true, "der": true, "al": true, "bin": true, "for": true, "and": true, "y": true, "du": true, "des": true, "di": true, "da": true}
