package schedule

import (
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// Describe renders an article's checking status in words for pages and the
// CLI, e.g. "checked every 15 minutes" or "last changed over 40 days ago and
// won't be checked again".
func (p Policy) Describe(h History, now time.Time) string {
	plan := p.Next(h, now)
	switch plan.State {
	case model.StateStopped:
		return "last changed over " + words(p.StopAfter) + " ago and won't be checked again"
	case model.StateGone:
		if !plan.Next.IsZero() {
			return "gone (404/410) — versions kept; checked " + everyWords(atLeast(p.GoneEvery)) + " in case it comes back"
		}
		return "gone (404/410) — versions kept"
	}
	return plan.Reason
}

// unit is one step of the duration vocabulary, largest first.
type unit struct {
	d    time.Duration
	name string
}

var units = []unit{
	{week, "week"}, {day, "day"}, {time.Hour, "hour"},
	{time.Minute, "minute"}, {time.Second, "second"},
}

// words renders d as at most two units ("40 days", "1 hour 30 minutes").
// Weeks are used only for whole weeks, because "5 weeks 5 days" reads worse
// than "40 days".
func words(d time.Duration) string {
	for i, u := range units {
		if d < u.d || (u.d == week && d%week != 0) {
			continue
		}
		if i+1 == len(units) {
			return count(int64(d.Round(u.d)/u.d), u.name)
		}
		next := units[i+1]
		d = d.Round(next.d) // rounding first avoids "1 hour 60 minutes"
		s := count(int64(d/u.d), u.name)
		if rest := d % u.d / next.d; rest > 0 {
			s += " " + count(int64(rest), next.name)
		}
		return s
	}
	return d.String()
}

// everyWords says "every hour" rather than "every 1 hour".
func everyWords(d time.Duration) string {
	for _, u := range units {
		if d == u.d {
			return "every " + u.name
		}
	}
	return "every " + words(d)
}

func count(n int64, name string) string {
	if n == 1 {
		return "1 " + name
	}
	return fmt.Sprintf("%d %ss", n, name)
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func errorsWords(n int) string {
	if n == 1 {
		return "an error"
	}
	return fmt.Sprintf("%d errors", n)
}
