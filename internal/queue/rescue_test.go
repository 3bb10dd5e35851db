package queue

import (
	"testing"
	"time"
)

func TestConfig_JobTimeoutNeverOutlastsTheRescue(t *testing.T) {
	tests := []struct {
		name   string
		rescue time.Duration
		want   time.Duration
	}{
		{"river default rescue", 0, jobTimeout},
		{"short rescue cuts jobs off first", 3 * time.Second, 3 * time.Second},
		{"long rescue keeps the job timeout", time.Hour, jobTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Config{RescueAfter: tt.rescue}).jobTimeout(); got != tt.want {
				t.Errorf("jobTimeout() = %v, want %v", got, tt.want)
			}
		})
	}
}
