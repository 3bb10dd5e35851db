package extract

import (
	"html"
	"regexp"
	"strings"
)

// Byline format: one author as is; two as "A and B"; more as "A, B and C".
// Names are kept in page order, duplicates (case-insensitive) dropped.

// rxBylinePrefix matches the "By" words and labels outlets put before
// names (en, de, fr, es, pt, it, nl, sv, ru): "By", "Analysis by",
// "Posted by", "Author:", "Текст:".
var rxBylinePrefix = regexp.MustCompile(`(?i)^(?:(?:(?:written|posted|words|analysis|story|reporting|report|photos?|text|opinion|commentary)\s+)?(?:by|von|par|por|di|door|av)\b\s*:?|(?:authors?|autor(?:es)?|auteurs?|texte?|текст|автор)\s*:)\s*`)

// rxContact matches values that are links or e-mail addresses, not names:
// outlets put profile URLs in article:author.
var rxContact = regexp.MustCompile(`(?i)^(?:https?://|www\.)|://|^[^\s@]+@[^\s@]+\.[a-z]{2,}$`)

// rxBylineNoise matches what follows a name on a byline and is not part of
// it: e-mail addresses, @handles (with whatever trails them) and links.
var rxBylineNoise = regexp.MustCompile(`(?i)\S+@\S+\.[a-z]{2,}\S*|\s@\w.*$|https?://\S+`)

// bylineSeparators end the names part of a byline: what follows is a
// role, the outlet or a date ("Amy Kuperinsky | NJ Advance Media").
var bylineSeparators = []string{"|", "•", " — ", " – ", " - "}

// rxNameList splits a list of names.
// Case matters: "E." in "Sarah E. Needleman" is an initial, not "e".
var rxNameList = regexp.MustCompile(`\s*(?:,|;|&|\b(?:and|And|AND|und|et|y|e)\b|\sи\s)\s*`)

// cleanByline turns raw author values into one byline. Each value may hold
// several names separated by ';' (trafilatura's format), ',' or "and".
func cleanByline(values []string) string {
	var names []string
	seen := map[string]bool{}
	for _, v := range values {
		for _, name := range authorNames(v) {
			key := strings.ToLower(name)
			if seen[key] {
				continue
			}
			seen[key] = true
			names = append(names, name)
		}
	}
	return joinNames(names)
}

// authorNames reads the names in one byline value. When some parts of it
// look like people's names, the others (roles, outlets, credentials) are
// dropped; a byline naming only an outlet or a desk is kept as it is.
func authorNames(v string) []string {
	s := bylineCore(v)
	if s == "" {
		return nil
	}
	var people []string
	for i, part := range rxNameList.Split(s, -1) {
		part = strings.Trim(part, " .:")
		// After the first name, a part holding a role word is the role
		// ("Tom Krisher, AP Auto Writer"), not a second author.
		if i > 0 && hasRoleWord(part) {
			continue
		}
		if p := trimRole(part); looksLikeName(p) {
			people = append(people, p)
		}
	}
	if len(people) > 0 {
		return people
	}
	if allDateWords(s) {
		return nil
	}
	return []string{strings.Trim(s, " ,;:")}
}

// bylineCore strips a byline value down to its names: the "By" label, the
// contact details, and whatever follows a separator or a date.
func bylineCore(v string) string {
	s := Normalize(html.UnescapeString(v))
	if rxContact.MatchString(s) {
		return ""
	}
	s = firstSegment(s)
	s = strings.TrimSpace(rxBylinePrefix.ReplaceAllString(s, ""))
	s = Normalize(rxBylineNoise.ReplaceAllString(s, " "))
	return cutAtDate(s)
}

// firstSegment returns the first part of s, split at byline separators,
// that holds more than a "By" label.
func firstSegment(s string) string {
	for _, sep := range bylineSeparators {
		for _, seg := range strings.Split(s, sep) {
			if strings.TrimSpace(rxBylinePrefix.ReplaceAllString(strings.TrimSpace(seg), "")) != "" {
				s = seg
				break
			}
		}
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
