package extract

import (
	"testing"
	"time"
)

func TestWithClockTime_RefinesOnlyABareDayWithTheSameDay(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, raw, dateline string
		want                time.Time
	}{
		{"same day adds time", "2026-11-23", "Monday, November 23, 2026 7:47 AM", time.Date(2026, 11, 23, 7, 47, 0, 0, time.UTC)},
		{"p.m. spelled out", "2026-11-23", "November 23, 2026 3:05 p.m.", time.Date(2026, 11, 23, 15, 5, 0, 0, time.UTC)},
		{"other day is a widget", "2026-11-23", "May 4, 2027 9:00 AM", day},
		{"machine date had a time", "2026-11-23T00:00:00Z", "November 23, 2026 7:47 AM", day},
		{"no dateline", "2026-11-23", "", day},
	}
	for _, tt := range tests {
		if got := withClockTime(day, tt.raw, tt.dateline); !got.Equal(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}
