package config

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// Duration is a time.Duration written as Go writes one ("90s", "1h30m")
// or with days and weeks too ("40d", "1w2d", "7d12h"), as schedules are
// thought of.
type Duration time.Duration

// UnmarshalText reads a duration from the config file.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := ParseDuration(string(b))
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// MarshalText writes the duration as FormatDuration does.
func (d Duration) MarshalText() ([]byte, error) {
	return []byte(FormatDuration(time.Duration(d))), nil
}

func (d Duration) String() string { return FormatDuration(time.Duration(d)) }

var errDuration = errors.New("not a duration (e.g. 2s, 500ms, 40d)")

// ParseDuration reads Go's durations plus the units d (24h) and w (7d).
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, errDuration
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := strings.IndexAny(rest, "dw")
		if i < 0 {
			break
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil || n < 0 {
			return 0, errDuration
		}
		unit := day
		if rest[i] == 'w' {
			unit = week
		}
		f := n * float64(unit)
		if f > math.MaxInt64-float64(total) {
			return 0, errDuration
		}
		total += time.Duration(f)
		rest = rest[i+1:]
	}
	if rest == "" {
		return total, nil
	}
	d, err := time.ParseDuration(rest)
	if err != nil || (total > 0 && d < 0) {
		return 0, errDuration
	}
	return total + d, nil
}

// FormatDuration writes whole days as days ("40d", "7d6h") and shorter
// durations as Go does, trimmed of zero units ("15m", not "15m0s").
func FormatDuration(d time.Duration) string {
	if d == math.MaxInt64 {
		return "*"
	}
	var s string
	if d >= day {
		s = fmt.Sprintf("%dd", d/day)
		d %= day
		if d == 0 {
			return s
		}
	}
	g := d.String()
	if strings.HasSuffix(g, "m0s") {
		g = strings.TrimSuffix(g, "0s")
	}
	if strings.HasSuffix(g, "h0m") {
		g = strings.TrimSuffix(g, "0m")
	}
	return s + g
}

// Tier is one step of the schedule, written AGE:EVERY ("3h:15m"): articles
// younger than AGE are checked every EVERY. AGE "*" is every age beyond the
// tiers before.
type Tier struct {
	MaxAge time.Duration
	Every  time.Duration
}

// UnmarshalText reads a tier from the config file.
func (t *Tier) UnmarshalText(b []byte) error {
	v, err := ParseTier(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalText writes the tier as AGE:EVERY.
func (t Tier) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

func (t Tier) String() string {
	return FormatDuration(t.MaxAge) + ":" + FormatDuration(t.Every)
}

// ParseTier reads AGE:EVERY.
func ParseTier(s string) (Tier, error) {
	age, every, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return Tier{}, fmt.Errorf("tier %q: want AGE:EVERY, e.g. 3h:15m or *:7d", s)
	}
	var t Tier
	var err error
	if strings.TrimSpace(age) == "*" {
		t.MaxAge = math.MaxInt64
	} else if t.MaxAge, err = ParseDuration(age); err != nil {
		return Tier{}, fmt.Errorf("tier %q: age %q is %w", s, age, err)
	}
	if t.Every, err = ParseDuration(every); err != nil {
		return Tier{}, fmt.Errorf("tier %q: interval %q is %w", s, every, err)
	}
	return t, nil
}
