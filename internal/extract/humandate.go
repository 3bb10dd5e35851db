package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// monthNumbers maps month names and abbreviations, in the languages errata
// meets most, to their number. Russian months are in the genitive, as
// dates write them.
var monthNumbers = func() map[string]int {
	m := map[string]int{}
	for _, names := range [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"},
		{"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"},
		{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
	} {
		for i, n := range names {
			m[n] = i + 1
		}
	}
	m["sept"] = 9
	return m
}()

const monthPattern = `(\p{L}{3,10})\.?`

var (
	// "November 18, 2019", "Nov. 18th 2019"
	rxMonthDayYear = regexp.MustCompile(`(?i)\b` + monthPattern + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b`)
	// "18 November 2019", "18. November 2019", "22 de janeiro de 2018", "24 сентября 2018"
	rxDayMonthYear = regexp.MustCompile(`(?i)\b(\d{1,2})\.?\s+(?:de\s+)?` + monthPattern + `,?\s+(?:de\s+)?((?:19|20)\d{2})\b`)
	// "2019-11-18"
	rxISODay = regexp.MustCompile(`\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b`)
	// "18.11.2019"
	rxDottedDay = regexp.MustCompile(`\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})\b`)
	// "12:01 PM", "9:24 p.m.", "15:04"
	rxClock = regexp.MustCompile(`(?i)\b(\d{1,2}):(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?`)
)

// maxClockGap bounds how far from a date its time of day may stand.
const maxClockGap = 24

// parseHumanDate reads the first date a reader would see in s, with its
// time of day when one stands closely after it ("May 3, 2021 4:15 PM") or
// before it ("5:30 AM, Oct 3, 2022"). Dates without a zone are taken as
// UTC, like zone-less machine dates.
func parseHumanDate(s string) time.Time {
	y, m, d, start, end := findDay(s)
	if y == 0 {
		return time.Time{}
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Month() != time.Month(m) || t.Day() != d || !plausible(t) {
		return time.Time{}
	}
	if c := rxClock.FindStringSubmatchIndex(s[end:]); c != nil && c[0] <= maxClockGap {
		return withClock(t, s[end:], c)
	}
	before := s[max(0, start-maxClockGap):start]
	if c := rxClock.FindStringSubmatchIndex(before); c != nil {
		return withClock(t, before, c)
	}
	return t
}

// withClock adds the time of day that rxClock matched at c in s.
func withClock(day time.Time, s string, c []int) time.Time {
	h, mi := atoi(s[c[2]:c[3]]), atoi(s[c[4]:c[5]])
	ampm := ""
	if c[6] >= 0 {
		ampm = strings.ToLower(s[c[6]:c[7]])
	}
	h = clock12(h, ampm)
	if h >= 24 || mi >= 60 {
		return day
	}
	return day.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
}

// findDay returns the first day written in s and where its text starts
// and ends.
func findDay(s string) (y, m, d, start, end int) {
	start = -1
	try := func(loc []int, yy, mm, dd int) {
		if loc != nil && mm >= 1 && mm <= 12 && (start < 0 || loc[0] < start) {
			start, y, m, d, end = loc[0], yy, mm, dd, loc[1]
		}
	}
	if c := rxMonthDayYear.FindStringSubmatchIndex(s); c != nil {
		try(c, atoi(s[c[6]:c[7]]), monthNumbers[strings.ToLower(s[c[2]:c[3]])], atoi(s[c[4]:c[5]]))
	}
	if c := rxDayMonthYear.FindStringSubmatchIndex(s); c != nil {
		try(c, atoi(s[c[6]:c[7]]), monthNumbers[strings.ToLower(s[c[4]:c[5]])], atoi(s[c[2]:c[3]]))
	}
	if c := rxISODay.FindStringSubmatchIndex(s); c != nil {
		try(c, atoi(s[c[2]:c[3]]), atoi(s[c[4]:c[5]]), atoi(s[c[6]:c[7]]))
	}
	if c := rxDottedDay.FindStringSubmatchIndex(s); c != nil {
		try(c, atoi(s[c[6]:c[7]]), atoi(s[c[4]:c[5]]), atoi(s[c[2]:c[3]]))
	}
	return y, m, d, start, end
}

func clock12(h int, ampm string) int {
	switch {
	case ampm == "p" && h < 12:
		return h + 12
	case ampm == "a" && h == 12:
		return 0
	}
	return h
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
