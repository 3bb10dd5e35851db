package schedule

import (
	"math"
	"reflect"
	"testing"
	"time"
)

func TestScaled_DividesEveryDurationKeepingShape(t *testing.T) {
	got := DefaultPolicy().Scaled(60)
	want := Policy{
		Tiers: []Tier{
			{MaxAge: 3 * time.Minute, Every: 15 * time.Second},
			{MaxAge: 24 * time.Minute, Every: time.Minute},
			{MaxAge: 7 * day / 60, Every: 6 * time.Minute},
			{MaxAge: 30 * day / 60, Every: 24 * time.Minute},
			{MaxAge: time.Duration(float64(math.MaxInt64) / 60), Every: week / 60},
		},
		StopAfter: 16 * time.Hour,
		Jitter:    0.10,
		GoneAfter: 3,
		GoneEvery: 24 * time.Minute,
		GoneFor:   28 * day / 60,
		ErrorBase: 15 * time.Second,
		ErrorMax:  24 * time.Minute,
		PollEvery: 15 * time.Second,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Scaled(60) =\n%+v\nwant\n%+v", got, want)
	}
}

func TestScaled_IntervalsNeverBelowMinimum(t *testing.T) {
	got := DefaultPolicy().Scaled(1e12)
	for _, tier := range got.Tiers {
		if tier.Every < MinInterval {
			t.Errorf("tier %+v checks more often than %v", tier, MinInterval)
		}
	}
	if got.ErrorBase < MinInterval || got.ErrorMax < MinInterval || got.PollEvery < MinInterval {
		t.Errorf("Scaled(1e12) = %+v, want intervals >= %v", got, MinInterval)
	}
}

func TestScaled_BadFactorLeavesPolicyUnchanged(t *testing.T) {
	for _, f := range []float64{0, -2, math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := DefaultPolicy().Scaled(f); !reflect.DeepEqual(got, DefaultPolicy()) {
			t.Errorf("Scaled(%v) changed the policy: %+v", f, got)
		}
	}
}

func TestScaled_DoesNotShareTiersWithOriginal(t *testing.T) {
	p := DefaultPolicy()
	q := p.Scaled(2)
	q.Tiers[0].Every = time.Nanosecond
	if p.Tiers[0].Every != 15*time.Minute {
		t.Errorf("editing the scaled policy changed the original: %v", p.Tiers[0])
	}
}

func TestNextPoll_EveryFifteenMinutesBackingOffOnErrors(t *testing.T) {
	last := t0.Add(-time.Minute)
	tests := []struct {
		name   string
		p      Policy
		last   time.Time
		errors int
		want   time.Time
	}{
		{"never polled is due now", exact(), time.Time{}, 0, t0},
		{"healthy source", exact(), last, 0, last.Add(15 * time.Minute)},
		{"one error", exact(), last, 1, last.Add(15 * time.Minute)},
		{"three errors", exact(), last, 3, last.Add(time.Hour)},
		{"errors capped", exact(), last, 50, last.Add(24 * time.Hour)},
		{"overdue is due now", exact(), t0.Add(-time.Hour), 0, t0},
		{"unset PollEvery defaults to 15 minutes", Policy{}, last, 0, last.Add(15 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.NextPoll(tt.last, tt.errors, t0); !got.Equal(tt.want) {
				t.Errorf("NextPoll() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNextPoll_JitterWithinBounds(t *testing.T) {
	p := DefaultPolicy()
	for i := range 1000 {
		last := t0.Add(time.Duration(i) * time.Second)
		d := p.NextPoll(last, 0, t0).Sub(last)
		if d < 15*time.Minute*9/10 || d > 15*time.Minute*11/10 {
			t.Fatalf("poll at %v: delay %v outside ±10%% of 15m", last, d)
		}
	}
}
