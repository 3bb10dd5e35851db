package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Bounds of a person's name in words: "Regan" or a CJK name without spaces
// is kept only when nothing name-like is beside it.
const (
	minNameWords = 2
	maxNameWords = 5
)

// roleWords mark the part of a byline that says what an author does or
// whom they write for, not who they are (lower case).
var roleWords = setOf(
	"writer", "writers", "reporter", "reporters", "editor", "editors", "correspondent",
	"correspondents", "columnist", "columnists", "contributor", "contributors",
	"contributing", "senior", "chief", "associate", "managing", "executive", "deputy",
	"staff", "political", "national", "business", "sports", "sport", "press", "news",
	"media", "wire", "wires", "services", "agency", "bureau", "desk", "team", "network",
	"magazine", "international", "online", "digital", "inc", "ltd", "group", "reports",
	"analysis", "opinion", "twitter", "facebook", "instagram", "linkedin", "email",
	"e-mail", "follow", "photographer", "producer", "anchor", "host", "editor-at-large",
	"at-large", "special", "investigative", "research", "researcher", "intern", "fellow",
	"view", "profile", "biography", "bio", "more", "articles", "posts", "published",
	"updated", "posted",
)

// nameParticles are the lower-case words names carry ("Ludwig van
// Beethoven", "Ana de Souza").
var nameParticles = setOf("de", "da", "do", "dos", "das", "del", "della", "di", "du",
	"van", "von", "der", "den", "ter", "la", "le", "bin", "al", "el", "y", "e", "st")

// rxDomain matches a word that is a host name ("Cleveland.com").
var rxDomain = regexp.MustCompile(`(?i)\.[a-z]{2,}$`)

// looksLikeName reports a person's name: two to five capitalised words
// (scripts without case pass), no digits, no role or outlet words.
func looksLikeName(s string) bool {
	words := strings.Fields(s)
	if len(words) < minNameWords || len(words) > maxNameWords {
		return false
	}
	for _, w := range words {
		if !nameWord(w) {
			return false
		}
	}
	return true
}

func nameWord(w string) bool {
	lw := strings.ToLower(strings.Trim(w, ".,"))
	if roleWords[lw] || rxDomain.MatchString(w) || strings.ContainsAny(w, "0123456789@/|") {
		return false
	}
	for _, part := range strings.Split(lw, "-") {
		if roleWords[part] {
			return false
		}
	}
	r := []rune(w)[0]
	return unicode.IsUpper(r) || nameParticles[lw] || (unicode.IsLetter(r) && !unicode.IsLower(r))
}

func hasRoleWord(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if roleWords[strings.Trim(w, ".,")] {
			return true
		}
	}
	return false
}

// trimRole cuts a role or outlet glued after a name without punctuation
// ("Meg James Staff Writer", "Tom Gillespie News reporter"), keeping at
// least a first and last name.
func trimRole(s string) string {
	words := strings.Fields(s)
	for i := minNameWords; i < len(words); i++ {
		if !nameWord(words[i]) {
			return strings.Join(words[:i], " ")
		}
	}
	return s
}

// monthsAndDays are the words that start a date glued to a byline.
var monthsAndDays = setOf(
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday",
)

// namelikeMonths are months that are also first or last names ("Theresa
// May"); alone at the end of a byline they are taken for a name.
var namelikeMonths = setOf("may", "june", "april", "august", "jan")

// dateLead are the words that introduce a date after a name.
var dateLead = setOf("published", "updated", "posted", "on", "at", "last")

// cutAtDate drops a date or time glued to the end of a byline ("Carrie
// Arnold November 15, 2019", "Jeff Foust Monday, November 18, 2019",
// "Detroit News wire services Published 12:01 a.m."). A month that is a
// first name ("April Smith") stays: only one followed by a number or by
// another date word is a date.
func cutAtDate(s string) string {
	words := strings.Fields(s)
	for i := 1; i < len(words); i++ {
		if startsDate(words, i) {
			return strings.TrimRight(strings.Join(words[:i], " "), " ,;:-")
		}
	}
	return s
}

func startsDate(words []string, i int) bool {
	w := strings.ToLower(strings.Trim(words[i], ".,:"))
	next := ""
	if i+1 < len(words) {
		next = strings.ToLower(strings.Trim(words[i+1], ".,:"))
	}
	switch {
	case startsWithDigit(w):
		return true
	case monthsAndDays[w]:
		return startsWithDigit(next) || monthsAndDays[next] || (next == "" && !namelikeMonths[w])
	case dateLead[w]:
		return next != "" && (startsWithDigit(next) || monthsAndDays[next]) || w == "published" || w == "updated" || w == "posted"
	}
	return false
}

func startsWithDigit(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// allDateWords reports a value made only of date words ("Monday
// November"), which a generic extractor sometimes takes for an author.
func allDateWords(s string) bool {
	for _, w := range strings.Fields(strings.ToLower(s)) {
		if !monthsAndDays[strings.Trim(w, ".,")] && !dateLead[strings.Trim(w, ".,")] {
			return false
		}
	}
	return true
}
