package store

import (
	"context"
	"reflect"
	"testing"
	"time"
)

func TestWorkers_LiveUntilTheLeaseRunsOutOrTheyStop(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		lease := 20 * time.Second
		for _, id := range []string{"alive", "killed", "stopped"} {
			if err := s.KeepWorker(ctx, id, t0, t0.Add(lease)); err != nil {
				t.Fatal(err)
			}
		}
		later := t0.Add(lease / 2)
		if err := s.KeepWorker(ctx, "alive", later, later.Add(lease)); err != nil {
			t.Fatal(err)
		}
		if err := s.ForgetWorker(ctx, "stopped"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			at   time.Time
			want map[string]bool
		}{
			{t0.Add(time.Second), map[string]bool{"alive": true, "killed": true}},
			{t0.Add(lease), map[string]bool{"alive": true}},
			{later.Add(lease), map[string]bool{}},
		}
		for _, tt := range tests {
			got, err := s.LiveWorkers(ctx, tt.at)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LiveWorkers(t0+%v) = %v, want %v", tt.at.Sub(t0), got, tt.want)
			}
		}
	})
}
