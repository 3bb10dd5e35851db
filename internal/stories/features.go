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

// Fact kinds, as prefixes of Features.Facts. A place is a name seen after
// "in", "at", "from" or "near"; it matches the same name of either kind.
const (
	factName   = "n:"
	factNumber = "#:"
	factPlace  = "p:"
)

// maxTerms bounds a text's word vector to its most frequent words: enough
// to characterise a long article, and a fixed cost per comparison.
const maxTerms = 200

// NewFeatures reads the features of an article's title and paragraphs.
// Names of the outlet itself (its name in furniture, "Copyright The
// Ledger") are left out: they are in every article it publishes.
func NewFeatures(a Article) Features {
	all := append([]string{a.Title}, a.Paragraphs...)
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
	self := strings.Join(words(a.Outlet), " ")
	for k := range facts {
		if self != "" && strings.Contains(k, self) {
			continue
		}
		if k[:2] == factName && facts[factPlace+k[2:]] {
			continue
		}
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
			if len(out) > 0 {
				// "PARIS (AFP)": a parenthesis ends the name before it.
				out[len(out)-1].end = true
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		t := token{word: w, capital: unicode.IsUpper(r), start: start, locative: locative}
		t.end = trail != "" && !strings.HasPrefix(trail, "'") && !strings.HasPrefix(trail, "’")
		start = strings.ContainsAny(trail, ".!?:”\")")
		if trail == "." && abbreviation(w) {
			// "St. Brendan’s", "Gov. Smith", "U.S. Army": the period
			// abbreviates; the name goes on.
			t.end, start = false, false
		}
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
		// A dateline: the paragraph opens with a place in capitals
		// ("PARIS (AFP) —", "NEW YORK, Dec 5 (Reuters) -").
		dateline := i == 0 && allCaps(seq)
		if seq[0].start && !dateline && stopwords[strings.ToLower(seq[0].word)] {
			seq = seq[1:]
		}
		// A lone capitalised word opening a sentence is ordinary
		// capitalisation, not a name.
		if len(seq) == 0 || !dateline && len(seq) == 1 && (seq[0].start || stopwords[strings.ToLower(seq[0].word)]) {
			i = j - 1
			continue
		}
		name := normName(seq)
		switch {
		case agencyMarks[name]:
			// A credit line says who wrote the text, not what happened.
		case dateline || seq[0].locative || facts[factPlace+name]:
			delete(facts, factName+name)
			facts[factPlace+name] = true
		default:
			facts[factName+name] = true
		}
		i = j - 1
	}
}

func allCaps(seq []token) bool {
	for _, t := range seq {
		if utf8.RuneCountInString(t.word) < 2 || strings.ToUpper(t.word) != t.word {
			return false
		}
	}
	return true
}

func normName(seq []token) string {
	ws := make([]string, len(seq))
	for i, t := range seq {
		ws[i] = strings.Join(words(t.word), "")
	}
	return strings.Join(ws, " ")
}

// number normalises a numeric token: digits and the decimal point only
// ("$4.5" -> "4.5", "1,200" -> "1200"). Numbers shorter than three
// characters are left out: ages, percentages, counts and hours under 100
// occur in every text and tie nothing together; "4.5", "700" and "2024"
// are specific enough to count.
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
	if len(strings.TrimLeft(n, "0")) < 3 || isYear(n) {
		return "", false
	}
	return n, true
}

// isYear says whether n reads as a recent year: years date an article,
// they do not single out an event ("since 2019").
func isYear(n string) bool {
	return len(n) == 4 && (strings.HasPrefix(n, "19") || strings.HasPrefix(n, "20"))
}

// abbreviation says whether w followed by a period is an abbreviation
// that stands inside names: a title, a single initial or an acronym
// written with periods.
func abbreviation(w string) bool {
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

var abbreviations = toSet("st mt ft mr mrs ms dr prof gov sen rep gen col capt lt sgt cmdr adm rev hon jr sr mgr")

func isNumber(w string) bool {
	for _, r := range w {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// agencyMarks are the credit marks of Agencies in normalised form.
var agencyMarks = func() map[string]bool {
	m := map[string]bool{}
	for _, a := range Agencies {
		for _, mk := range a.Marks {
			m[strings.Join(words(mk), " ")] = true
		}
	}
	return m
}()

var locatives = map[string]bool{"in": true, "at": true, "from": true, "near": true, "In": true, "At": true, "From": true, "Near": true}

var connectors = map[string]bool{"of": true, "de": true, "del": true, "la": true, "van": true, "von": true, "der": true, "al": true, "bin": true, "for": true, "and": true, "y": true, "du": true, "des": true, "di": true, "da": true}
