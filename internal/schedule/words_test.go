package schedule

import (
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestDescribe_SaysCheckingStatusInWords(t *testing.T) {
	tests := []struct {
		name string
		h    History
		want string
	}{
		{"young article", young(time.Hour), "checked every 15 minutes"},
		{"day-old article", young(30 * time.Hour), "checked every 6 hours"},
		{"settled article", young(10 * day), "checked every day"},
		{"unchanged 40 days", History{FirstSeen: t0.Add(-90 * day), LastChanged: t0.Add(-40 * day)}, "last changed over 40 days ago and won't be checked again"},
		{"already stopped", History{State: model.StateStopped}, "last changed over 40 days ago and won't be checked again"},
		{"gone", History{FirstSeen: t0, Gone: 3}, "gone (404/410) — versions kept; checked every day in case it comes back"},
		{"gone for weeks", History{FirstSeen: t0, Gone: 30, State: model.StateGone, GoneSince: t0.Add(-30 * day)}, "gone (404/410) — versions kept"},
		{"failing", History{FirstSeen: t0, LastChanged: t0, Errors: 4}, "retrying after 4 errors in 2 hours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exact().Describe(tt.h, t0); got != tt.want {
				t.Errorf("Describe() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWords_RendersDurationsForPeople(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{15 * time.Minute, "15 minutes"},
		{time.Hour, "1 hour"},
		{90 * time.Minute, "1 hour 30 minutes"},
		{2*time.Hour - time.Second, "2 hours"},
		{40 * day, "40 days"},
		{14 * day, "2 weeks"},
		{216 * time.Second, "3 minutes 36 seconds"},
		{1500 * time.Millisecond, "2 seconds"},
		{time.Millisecond, "1ms"},
		{0, "0s"},
	}
	for _, tt := range tests {
		if got := words(tt.d); got != tt.want {
			t.Errorf("words(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestEveryWords_DropsTheOne(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{time.Hour, "every hour"},
		{day, "every day"},
		{week, "every week"},
		{15 * time.Second, "every 15 seconds"},
	}
	for _, tt := range tests {
		if got := everyWords(tt.d); got != tt.want {
			t.Errorf("everyWords(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}
