package discover

import (
	"strings"
	"time"
)

// w3cLayouts are the W3C Datetime profiles sitemaps use, plus the variants
// seen in the wild (space instead of T, no seconds, no zone).
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

// parseW3CDate parses a sitemap date into UTC; zero if it cannot. Dates
// without a zone are read as UTC.
func parseW3CDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	for _, layout := range w3cLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
