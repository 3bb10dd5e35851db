package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// headParagraphs is how many paragraphs at the top of a body are checked
// for a repeated headline, byline or dateline: extractors pick up the
// article header, and its order varies by template.
const headParagraphs = 4

// maxBylineWords bounds a "By ..." header line; longer ones are sentences.
const maxBylineWords = 7

// maxDateLineLen bounds a paragraph read as a bare dateline.
const maxDateLineLen = 80

// rxBylineLine is a header line naming the authors: "By Jane Doe", "by
// JERUSALEM POST STAFF", "Por Ana Gómez".
var rxBylineLine = regexp.MustCompile(`(?i)^(?:by|von|par|por|di|door|av|от|بقلم)\s+\S`)

// cleanBody drops furniture paragraphs, and the article header that
// extractors often repeat at the top of the body: the headline, the byline
// and a bare dateline.
func cleanBody(paras []string, byline string, titles ...string) []string {
	out := make([]string, 0, len(paras))
	for i, p := range paras {
		if isFurnitureLine(p) || isDateLine(p) {
			continue
		}
		if i < headParagraphs && (equalsAny(p, titles) || isByline(p, byline) || isBylineLine(p)) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func isByline(p, byline string) bool {
	return byline != "" && len(p) <= 2*len(byline)+len("Written by ") &&
		strings.EqualFold(cleanByline([]string{p}), byline)
}

// isBylineLine reports a short "By Name" line that does not end like a
// sentence.
func isBylineLine(p string) bool {
	return rxBylineLine.MatchString(p) && wordCount(p) <= maxBylineWords &&
		!strings.HasSuffix(p, ".")
}

// isDateLine reports a paragraph that is only a date or time ("NOVEMBER 20,
// 2019 10:43", "Updated: Tue., Nov. 19, 2019", "segunda-feira, 22 de janeiro
// de 2018 às 0:13"): its words are all date words and it has a year or a
// clock time. Such lines change with every update, not with the story.
func isDateLine(p string) bool {
	if len(p) > maxDateLineLen || !rxYearOrClock.MatchString(p) {
		return false
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(p), notLetter) {
		if !dateWords[w] {
			return false
		}
	}
	return true
}

var rxYearOrClock = regexp.MustCompile(`\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b`)

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func equalsAny(p string, titles []string) bool {
	for _, t := range titles {
		if t != "" && strings.EqualFold(p, t) {
			return true
		}
	}
	return false
}
