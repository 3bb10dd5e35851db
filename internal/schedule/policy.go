package schedule

import (
	"math"
	"time"
)

// MinInterval is the shortest delay a scaled policy may produce, so a large
// demo factor can never turn the scheduler into a busy loop.
const MinInterval = time.Second

// maxJitter bounds Policy.Jitter: beyond it a delay could shrink to nothing.
const maxJitter = 0.5

// Tier is one step of the age-based schedule: articles younger than MaxAge
// are checked Every so often.
type Tier struct {
	MaxAge time.Duration
	Every  time.Duration
}

// Policy is the checking policy. The zero value is not useful; start from
// DefaultPolicy and adjust.
type Policy struct {
	Tiers     []Tier        // ordered by MaxAge; the last tier applies beyond
	StopAfter time.Duration // unchanged this long → stopped
	Jitter    float64       // fraction of each delay, e.g. 0.10 for ±10%
	GoneAfter int           // consecutive 404/410 checks before gone
	GoneEvery time.Duration // how often a gone article is checked for its return
	GoneFor   time.Duration // how long after going a gone article is still checked
	ErrorBase time.Duration // first back-off after an error
	ErrorMax  time.Duration // back-off cap
	PollEvery time.Duration // how often a source is polled
}

// DefaultPolicy returns the policy from the design: every 15 minutes under
// 3 hours of age, hourly under a day, every 6 hours under a week, daily under
// 30 days, then weekly; stop after 40 days unchanged; an article gone
// (404/410 three times in a row) is checked daily for 28 days in case it
// comes back.
func DefaultPolicy() Policy {
	return Policy{
		Tiers: []Tier{
			{MaxAge: 3 * time.Hour, Every: 15 * time.Minute},
			{MaxAge: 24 * time.Hour, Every: time.Hour},
			{MaxAge: 7 * day, Every: 6 * time.Hour},
			{MaxAge: 30 * day, Every: day},
			{MaxAge: math.MaxInt64, Every: week},
		},
		StopAfter: 40 * day,
		Jitter:    0.10,
		GoneAfter: 3,
		GoneEvery: day,
		GoneFor:   28 * day,
		ErrorBase: 15 * time.Minute,
		ErrorMax:  24 * time.Hour,
		PollEvery: 15 * time.Minute,
	}
}

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// Scaled returns a copy of p with every duration divided by factor, keeping
// the shape of the schedule; the demo uses it to make hours pass in minutes.
// Intervals never drop below MinInterval. A factor that is not a positive
// finite number leaves p unchanged.
func (p Policy) Scaled(factor float64) Policy {
	if !(factor > 0) || math.IsInf(factor, 0) {
		return p
	}
	q := p
	q.Tiers = make([]Tier, len(p.Tiers))
	for i, t := range p.Tiers {
		q.Tiers[i] = Tier{MaxAge: scale(t.MaxAge, factor), Every: atLeast(scale(t.Every, factor))}
	}
	q.StopAfter = scale(p.StopAfter, factor)
	q.GoneEvery = atLeast(scale(p.GoneEvery, factor))
	q.GoneFor = scale(p.GoneFor, factor)
	q.ErrorBase = atLeast(scale(p.ErrorBase, factor))
	q.ErrorMax = atLeast(scale(p.ErrorMax, factor))
	q.PollEvery = atLeast(scale(p.PollEvery, factor))
	return q
}

// scale divides d by factor, saturating instead of overflowing.
func scale(d time.Duration, factor float64) time.Duration {
	f := float64(d) / factor
	if f >= math.MaxInt64 {
		return math.MaxInt64
	}
	return time.Duration(f)
}

func atLeast(d time.Duration) time.Duration {
	return max(d, MinInterval)
}

// every returns the regular interval for an article of the given age. An
// empty tier list falls back to the default tiers rather than failing, and a
// non-positive interval is raised to MinInterval.
func (p Policy) every(age time.Duration) time.Duration {
	tiers := p.Tiers
	if len(tiers) == 0 {
		tiers = DefaultPolicy().Tiers
	}
	for _, t := range tiers {
		if age < t.MaxAge {
			return atLeast(t.Every)
		}
	}
	return atLeast(tiers[len(tiers)-1].Every)
}

// backoff is ErrorBase doubled for each consecutive failure after the first,
// capped at ErrorMax (when set), and never shorter than the regular interval:
// a failing page must not be visited more often than a healthy one.
func (p Policy) backoff(failures int, regular time.Duration) time.Duration {
	d := atLeast(p.ErrorBase)
	for i := 1; i < failures && d < math.MaxInt64/2; i++ {
		if p.ErrorMax > 0 && d >= p.ErrorMax {
			break
		}
		d *= 2
	}
	if p.ErrorMax > 0 {
		d = min(d, atLeast(p.ErrorMax))
	}
	return max(d, regular)
}
