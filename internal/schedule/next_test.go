package schedule

import (
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// t0 is the fixed "now" of every table; nothing here reads the clock.
var t0 = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// exact is the default policy without jitter, so delays can be compared
// exactly.
func exact() Policy {
	p := DefaultPolicy()
	p.Jitter = 0
	return p
}

// young returns a history first seen age ago and changed just now, so only
// the age tier decides.
func young(age time.Duration) History {
	return History{ID: 7, FirstSeen: t0.Add(-age), LastChanged: t0, State: model.StateActive}
}

func TestNext_TierBoundaries(t *testing.T) {
	tests := []struct {
		name   string
		age    time.Duration
		every  time.Duration
		reason string
	}{
		{"brand new", 0, 15 * time.Minute, "checked every 15 minutes"},
		{"just under 3h", 3*time.Hour - time.Nanosecond, 15 * time.Minute, "checked every 15 minutes"},
		{"exactly 3h", 3 * time.Hour, time.Hour, "checked every hour"},
		{"just under 24h", 24*time.Hour - time.Second, time.Hour, "checked every hour"},
		{"exactly 24h", 24 * time.Hour, 6 * time.Hour, "checked every 6 hours"},
		{"just under 7 days", 7*day - time.Second, 6 * time.Hour, "checked every 6 hours"},
		{"exactly 7 days", 7 * day, day, "checked every day"},
		{"just under 30 days", 30*day - time.Second, day, "checked every day"},
		{"exactly 30 days", 30 * day, week, "checked every week"},
		{"a year old", 365 * day, week, "checked every week"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exact().Next(young(tt.age), t0)
			want := Plan{Next: t0.Add(tt.every), State: model.StateActive, Reason: tt.reason}
			if got != want {
				t.Errorf("Next() = %+v, want %+v", got, want)
			}
		})
	}
}

func TestNext_StopsOnceUnchangedFor40Days(t *testing.T) {
	stopped := Plan{State: model.StateStopped, Reason: "stopped: unchanged for 40 days"}
	tests := []struct {
		name    string
		h       History
		stopped bool
	}{
		{"unchanged 40 days less 1ns", History{FirstSeen: t0.Add(-60 * day), LastChanged: t0.Add(-40*day + 1)}, false},
		{"unchanged exactly 40 days", History{FirstSeen: t0.Add(-60 * day), LastChanged: t0.Add(-40 * day)}, true},
		{"unchanged 50 days", History{FirstSeen: t0.Add(-60 * day), LastChanged: t0.Add(-50 * day)}, true},
		{"never changed, first seen 40 days ago", History{FirstSeen: t0.Add(-40 * day)}, true},
		{"never changed, first seen 39 days ago", History{FirstSeen: t0.Add(-39 * day)}, false},
		{"nothing known is not stopped", History{}, false},
		{"stop wins over errors", History{FirstSeen: t0.Add(-40 * day), Errors: 5}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exact().Next(tt.h, t0)
			if tt.stopped && got != stopped {
				t.Errorf("Next() = %+v, want %+v", got, stopped)
			}
			if !tt.stopped && (got.State != model.StateActive || !got.Next.After(t0)) {
				t.Errorf("Next() = %+v, want active with a future check", got)
			}
		})
	}
}

func TestNext_StoppedAndLongGoneAreSticky(t *testing.T) {
	tests := []struct {
		state  model.ArticleState
		reason string
	}{
		{model.StateStopped, "stopped: unchanged for 40 days"},
		{model.StateGone, "gone: not found (404/410) 3 times in a row"},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			h := young(time.Hour) // would be checked every 15 minutes if active
			h.State, h.Gone = tt.state, 4
			h.GoneSince = t0.Add(-28 * 24 * time.Hour)
			got := exact().Next(h, t0)
			want := Plan{State: tt.state, Reason: tt.reason}
			if got != want {
				t.Errorf("Next() = %+v, want %+v", got, want)
			}
		})
	}
}

func TestNext_GoneAfterThreeNotFound(t *testing.T) {
	tests := []struct {
		gone int
		want Plan
	}{
		{1, Plan{Next: t0.Add(15 * time.Minute), State: model.StateActive, Reason: "not found (404/410) once; retrying in 15 minutes"}},
		{2, Plan{Next: t0.Add(30 * time.Minute), State: model.StateActive, Reason: "not found (404/410) 2 times; retrying in 30 minutes"}},
		{3, Plan{Next: t0.Add(24 * time.Hour), State: model.StateGone,
			Reason: "gone: not found (404/410) 3 times in a row; checked every day for its return until 4 weeks after it went"}},
	}
	for _, tt := range tests {
		h := young(time.Hour)
		h.Gone = tt.gone
		if got := exact().Next(h, t0); got != tt.want {
			t.Errorf("Gone=%d: Next() = %+v, want %+v", tt.gone, got, tt.want)
		}
	}
}

func TestNext_ErrorBackoffDoublesAndCaps(t *testing.T) {
	tests := []struct {
		name   string
		age    time.Duration
		errors int
		delay  time.Duration
		reason string
	}{
		{"first error", time.Hour, 1, 15 * time.Minute, "retrying after an error in 15 minutes"},
		{"second error doubles", time.Hour, 2, 30 * time.Minute, "retrying after 2 errors in 30 minutes"},
		{"third error", time.Hour, 3, time.Hour, "retrying after 3 errors in 1 hour"},
		{"fourth error", time.Hour, 4, 2 * time.Hour, "retrying after 4 errors in 2 hours"},
		{"seventh error", time.Hour, 7, 16 * time.Hour, "retrying after 7 errors in 16 hours"},
		{"eighth error hits the cap", time.Hour, 8, 24 * time.Hour, "retrying after 8 errors in 1 day"},
		{"many errors stay capped", time.Hour, 1 << 30, 24 * time.Hour, "retrying after 1073741824 errors in 1 day"},
		{"never sooner than the tier", 10 * day, 1, day, "retrying after an error in 1 day"},
		{"weekly tier beats the cap", 31 * day, 9, week, "retrying after 9 errors in 1 week"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := young(tt.age)
			h.Errors = tt.errors
			got := exact().Next(h, t0)
			want := Plan{Next: t0.Add(tt.delay), State: model.StateActive, Reason: tt.reason}
			if got != want {
				t.Errorf("Next() = %+v, want %+v", got, want)
			}
		})
	}
}

func TestNext_AgeCountsFromEarlierOfPublishedAndFirstSeen(t *testing.T) {
	tests := []struct {
		name      string
		firstSeen time.Time
		published time.Time
		every     time.Duration
	}{
		{"zero published uses first seen", t0.Add(-2 * day), time.Time{}, 6 * time.Hour},
		{"published in the future is ignored", t0.Add(-time.Hour), t0.Add(5 * day), 15 * time.Minute},
		{"published before first seen counts (found late)", t0.Add(-time.Hour), t0.Add(-2 * day), 6 * time.Hour},
		{"published after first seen does not make it younger", t0.Add(-2 * day), t0.Add(-time.Hour), 6 * time.Hour},
		{"only published known", time.Time{}, t0.Add(-10 * day), day},
		{"nothing known is brand new", time.Time{}, time.Time{}, 15 * time.Minute},
		{"first seen in the future is brand new", t0.Add(time.Hour), time.Time{}, 15 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := History{ID: 1, FirstSeen: tt.firstSeen, Published: tt.published, LastChanged: t0}
			if got := exact().Next(h, t0).Next; !got.Equal(t0.Add(tt.every)) {
				t.Errorf("Next().Next = %v, want now+%v", got, tt.every)
			}
		})
	}
}

func TestNext_ZeroPolicyIsSafe(t *testing.T) {
	var p Policy
	h := History{FirstSeen: t0.Add(-400 * day), Errors: 3, Gone: 9}
	got := p.Next(h, t0)
	if got.State != model.StateActive || !got.Next.After(t0) {
		t.Errorf("Next() = %+v, want active with a future check", got)
	}
}

func TestNext_GoneCheckedDailyForItsReturnThenNoMore(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name      string
		gone      int
		goneSince time.Time
		wantState model.ArticleState
		wantNext  time.Time
	}{
		{"still gone a day after", 4, t0.Add(-day), model.StateGone, t0.Add(day)},
		{"still gone 27 days after", 30, t0.Add(-27 * day), model.StateGone, t0.Add(day)},
		{"still gone 28 days after", 31, t0.Add(-28 * day), model.StateGone, time.Time{}},
		{"gone since unknown", 4, time.Time{}, model.StateGone, time.Time{}},
		{"answered again", 0, t0.Add(-3 * day), model.StateActive, t0.Add(15 * time.Minute)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := young(time.Hour)
			h.State, h.Gone, h.GoneSince = model.StateGone, tt.gone, tt.goneSince
			got := exact().Next(h, t0)
			if got.State != tt.wantState || !got.Next.Equal(tt.wantNext) {
				t.Errorf("Next() = %+v, want state %s next %v", got, tt.wantState, tt.wantNext)
			}
		})
	}
}

func TestScaled_ScalesGoneChecks(t *testing.T) {
	p := DefaultPolicy().Scaled(24)
	if p.GoneEvery != time.Hour || p.GoneFor != 28*time.Hour {
		t.Errorf("Scaled(24): GoneEvery %v GoneFor %v, want 1h and 28h", p.GoneEvery, p.GoneFor)
	}
}
