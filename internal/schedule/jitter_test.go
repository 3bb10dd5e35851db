package schedule

import (
	"testing"
	"time"
)

func TestNext_JitterStaysWithinTenPercent(t *testing.T) {
	const ids = 10000
	p := DefaultPolicy()
	base := 15 * time.Minute
	lo, hi := time.Duration(float64(base)*0.9), time.Duration(float64(base)*1.1)
	var below, above int
	var sum time.Duration
	for id := range int64(ids) {
		d := p.Next(History{ID: id, FirstSeen: t0, LastChanged: t0}, t0).Next.Sub(t0)
		if d < lo || d > hi {
			t.Fatalf("id %d: delay %v outside [%v, %v]", id, d, lo, hi)
		}
		if d < base {
			below++
		} else if d > base {
			above++
		}
		sum += d
	}
	// Both directions must be used, and evenly enough that the mean stays
	// near the nominal interval.
	if below < ids/3 || above < ids/3 {
		t.Errorf("jitter lopsided: %d below, %d above", below, above)
	}
	if mean := sum / ids; mean < base-base/100 || mean > base+base/100 {
		t.Errorf("mean delay %v, want within 1%% of %v", mean, base)
	}
}

func TestNext_JitterIsDeterministic(t *testing.T) {
	p := DefaultPolicy()
	h := History{ID: 42, FirstSeen: t0}
	a, b := p.Next(h, t0), p.Next(h, t0)
	if a != b {
		t.Errorf("same inputs gave %v and %v", a.Next, b.Next)
	}
	h.ID = 43
	if c := p.Next(h, t0); c.Next.Equal(a.Next) {
		t.Errorf("ids 42 and 43 got the same jittered time %v", a.Next)
	}
	if d := p.Next(History{ID: 42, FirstSeen: t0}, t0.Add(time.Second)); d.Next.Sub(t0.Add(time.Second)) == a.Next.Sub(t0) {
		t.Errorf("a different check time gave the same offset")
	}
}

func TestJitter_OutOfRangeFractionsAreTamed(t *testing.T) {
	tests := []struct {
		name   string
		frac   float64
		lo, hi time.Duration
	}{
		{"negative means none", -0.3, time.Hour, time.Hour},
		{"zero means none", 0, time.Hour, time.Hour},
		{"above the ceiling is clamped", 5, time.Hour / 2, 3 * time.Hour / 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for id := range int64(1000) {
				if d := jitter(time.Hour, tt.frac, id, t0); d < tt.lo || d > tt.hi {
					t.Fatalf("id %d: %v outside [%v, %v]", id, d, tt.lo, tt.hi)
				}
			}
		})
	}
}
