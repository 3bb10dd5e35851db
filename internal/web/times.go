package web

import (
	"fmt"
	"time"
)

const day = 24 * time.Hour

// relativeTime words how long before or after now t is, in its largest
// whole unit: "just now", "1 minute ago", "3 hours ago", "in 2 days".
// Pages show it inside <time>, with the absolute time beside it, so
// neither a script nor the reader's clock is needed.
func relativeTime(t, now time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	var n time.Duration
	var unit string
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		n, unit = d/time.Minute, "minute"
	case d < day:
		n, unit = d/time.Hour, "hour"
	case d < 30*day:
		n, unit = d/day, "day"
	case d < 365*day:
		n, unit = d/(30*day), "month"
	default:
		n, unit = d/(365*day), "year"
	}
	s := fmt.Sprintf("%d %s", n, unit)
	if n != 1 {
		s += "s"
	}
	if future {
		return "in " + s
	}
	return s + " ago"
}
