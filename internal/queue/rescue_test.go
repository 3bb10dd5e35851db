package queue

import (
	"context"
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

func TestNew_WantsTheStoresDatabase(t *testing.T) {
	e := newQueueEngine(t)
	for _, db := range []string{"", "postgres://errata@db.example/errata"} {
		if q, err := New(context.Background(), e, Config{Database: db}); err == nil {
			q.close()
			t.Errorf("New with database %q beside a SQLite store: no error", db)
		}
	}
}
