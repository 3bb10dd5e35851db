package extract

import (
	"strings"
	"time"

	"golang.org/x/net/html"
)

// maxDatelineLen bounds the visible text read as an article's dateline.
const maxDatelineLen = 80

// datelineTokens are class names of the element that shows an article's
// date to readers.
var datelineTokens = setOf("date", "dateline", "published", "pubdate", "timestamp", "posted")

// humanLayouts are the visible datelines that carry a clock time. They are
// read only to add a time to a machine-readable date that lacks one, and
// taken as UTC like other zone-less dates.
var humanLayouts = []string{
	"Monday, January 2, 2006 3:04 PM",
	"Monday, January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006, 3:04 PM",
	"January 2, 2006 at 3:04 PM",
	"Jan 2, 2006 3:04 PM",
	"2 January 2006 15:04",
	"Monday 2 January 2006 15:04",
	"2006-01-02 15:04",
	"02.01.2006 15:04",
	"02/01/2006 15:04",
}

// datelineText returns the first short visible dateline: the text of an
// element whose class names it a date.
func datelineText(n *html.Node) string {
	if n.Type == html.ElementNode && hasAnyToken(attr(n, "class"), datelineTokens) {
		if s := Normalize(textOf(n)); s != "" && len(s) <= maxDatelineLen {
			return s
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if s := datelineText(c); s != "" {
			return s
		}
	}
	return ""
}

func hasAnyToken(class string, set map[string]bool) bool {
	for _, t := range strings.Fields(strings.ToLower(class)) {
		if set[t] {
			return true
		}
	}
	return false
}

// withClockTime adds the visible dateline's time to day when the page's
// machine-readable date was a bare day and the dateline is the same day.
func withClockTime(day time.Time, raw, dateline string) time.Time {
	if day.IsZero() || dateline == "" || !isBareDay(raw) {
		return day
	}
	s := strings.NewReplacer("a.m.", "AM", "p.m.", "PM", " am", " AM", " pm", " PM").Replace(dateline)
	for _, layout := range humanLayouts {
		t, err := time.Parse(layout, s)
		if err == nil && t.Year() == day.Year() && t.YearDay() == day.YearDay() {
			return t.UTC()
		}
	}
	return day
}

// isBareDay reports a machine-readable date without a time of day.
func isBareDay(raw string) bool {
	raw = strings.TrimSpace(raw)
	return len(raw) == len("2006-01-02") || len(raw) == len("20060102")
}
