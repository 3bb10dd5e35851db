package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestEnsureOutlet_CreatesOnceByName(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, err := s.EnsureOutlet(ctx, "Daily", "daily.example")
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.EnsureOutlet(ctx, "Daily", "other.example")
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || !reflect.DeepEqual(a, b) {
			t.Errorf("second EnsureOutlet = %+v, want %+v", b, a)
		}
		c := mustOutlet(t, s, "Weekly")
		all, err := s.Outlets(ctx)
		if err != nil || !reflect.DeepEqual(all, []model.Outlet{a, c}) {
			t.Errorf("Outlets = %+v, %v", all, err)
		}
	})
}

func TestSetOutletRules_RoundTrips(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		o.Rules = model.Rules{Keep: []string{"article .body"}, Drop: []string{".ad", "aside.most-read"}}
		if err := s.SetOutletRules(ctx, o.ID, o.Rules); err != nil {
			t.Fatal(err)
		}
		got, err := s.Outlet(ctx, o.ID)
		if err != nil || !reflect.DeepEqual(got, o) {
			t.Errorf("Outlet = %+v, %v; want %+v", got, err, o)
		}
	})
}

func TestOutlet_MissingIsNotFound(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.Outlet(ctx, 42); !errors.Is(err, ErrNotFound) {
			t.Errorf("Outlet(42) error = %v; want ErrNotFound", err)
		}
		if err := s.SetOutletRules(ctx, 42, model.Rules{}); !errors.Is(err, ErrNotFound) {
			t.Errorf("SetOutletRules(42) error = %v; want ErrNotFound", err)
		}
	})
}
