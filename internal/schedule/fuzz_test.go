package schedule

import (
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// FuzzNext checks the invariants every plan must keep, whatever the
// history: no panic, active plans lie in the future, others have no time.
func FuzzNext(f *testing.F) {
	f.Add(int64(1), int64(-time.Hour), int64(0), int64(0), 0, 0, 0.0)
	f.Add(int64(-9), int64(-50*day), int64(time.Hour), int64(-41*day), 3, 2, 1e6)
	f.Add(int64(1<<62), int64(1<<62), int64(-1<<62), int64(1<<62), 1<<30, -5, -1.0)
	f.Fuzz(func(t *testing.T, id, firstSeen, published, lastChanged int64, errors, gone int, factor float64) {
		p := DefaultPolicy().Scaled(factor)
		h := History{
			ID:          id,
			FirstSeen:   t0.Add(time.Duration(firstSeen)),
			Published:   t0.Add(time.Duration(published)),
			LastChanged: t0.Add(time.Duration(lastChanged)),
			Errors:      errors,
			Gone:        gone,
		}
		plan := p.Next(h, t0)
		switch plan.State {
		case model.StateActive:
			if !plan.Next.After(t0) || plan.Next.Sub(t0) > MaxDelay*2 {
				t.Errorf("active plan at %v, now %v", plan.Next, t0)
			}
		case model.StateGone:
			if !plan.Next.IsZero() && (!plan.Next.After(t0) || plan.Next.Sub(t0) > 2*p.GoneEvery) {
				t.Errorf("gone plan at %v, now %v", plan.Next, t0)
			}
		case model.StateStopped:
			if !plan.Next.IsZero() {
				t.Errorf("%s plan has a next check %v", plan.State, plan.Next)
			}
		default:
			t.Errorf("unknown state %q", plan.State)
		}
		if plan.Reason == "" || p.Describe(h, t0) == "" {
			t.Errorf("empty words for %+v", plan)
		}
	})
}

func BenchmarkNext(b *testing.B) {
	p := DefaultPolicy()
	h := History{ID: 3, FirstSeen: t0.Add(-5 * day), LastChanged: t0.Add(-day), Errors: 2}
	for b.Loop() {
		p.Next(h, t0)
	}
}
