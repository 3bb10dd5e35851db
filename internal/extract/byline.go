package extract

import (
	"html"
	"regexp"
	"strings"
)

// Byline format: one author as is; two as "A and B"; more as "A, B and C".
// Names are kept in page order, duplicates (case-insensitive) dropped.

// rxBylinePrefix matches the "By" word outlets put before names (en, de, fr, es).
var rxBylinePrefix = regexp.MustCompile(`(?i)^(?:written by|words by|by|von|par|por)\s*:?\s+`)

// rxContact matches values that are links or e-mail addresses, not names:
// outlets put profile URLs in article:author.
var rxContact = regexp.MustCompile(`(?i)^(?:https?://|www\.)|://|^[^\s@]+@[^\s@]+\.[a-z]{2,}$`)

// cleanByline turns raw author values into one byline. Each value may hold
// several names separated by ';' (trafilatura's format).
func cleanByline(values []string) string {
	var names []string
	seen := map[string]bool{}
	for _, v := range values {
		for _, part := range strings.Split(v, ";") {
			name := cleanAuthor(part)
			key := strings.ToLower(name)
			if name == "" || seen[key] {
				continue
			}
			seen[key] = true
			names = append(names, name)
		}
	}
	return joinNames(names)
}

func cleanAuthor(s string) string {
	s = Normalize(html.UnescapeString(s))
	s = rxBylinePrefix.ReplaceAllString(s, "")
	if rxContact.MatchString(s) {
		return ""
	}
	return strings.TrimSpace(s)
}

func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
