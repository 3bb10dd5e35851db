package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Plausible publication years; anything outside is a parsing accident.
// Fixed bounds rather than "now" keep Extract independent of the clock.
const (
	minYear = 1990
	maxYear = 2100
)

// dateLayouts are the machine-readable forms found in JSON-LD, meta tags and
// <time datetime>. Values without a zone are taken as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z0700",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"20060102",
}

// parseDate reads a machine-readable date; zero if it is not one.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err == nil && plausible(t) {
			return t.UTC()
		}
	}
	return time.Time{}
}

func plausible(t time.Time) bool {
	return t.Year() >= minYear && t.Year() <= maxYear
}

// rxURLDate finds /2024/05/17/ or /2024-05-17 style dates in a URL path.
var rxURLDate = regexp.MustCompile(`/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)`)

// dateFromURL returns the date in the URL's path, or zero.
func dateFromURL(rawURL string) time.Time {
	if i := strings.IndexAny(rawURL, "?#"); i >= 0 {
		rawURL = rawURL[:i]
	}
	m := rxURLDate.FindStringSubmatch(rawURL)
	if m == nil {
		return time.Time{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	// time.Date normalises 2024/02/31 to March; such a path is not a date.
	if t.Month() != time.Month(mo) || t.Day() != d || !plausible(t) {
		return time.Time{}
	}
	return t
}

// scannedDate is the date go-htmldate found scanning the whole document,
// unless the page is a listing (pageMeta.listedTimes): htmldate then takes
// the oldest of the listed stories' dates, not the page's own.
func scannedDate(t time.Time, pm pageMeta) time.Time {
	if pm.listedTimes() {
		return time.Time{}
	}
	return t
}
