package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/errata/errata/internal/model"
)

func TestSubscriptions_AddListRemove(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		want := model.Subscription{Name: "desk", URL: "https://hooks.example/x", Secret: "k",
			Outlets: []string{"Times, The"}, Classes: []string{"headline", "correction"}, MinWords: 5, Minor: true}
		got, err := s.AddSubscription(ctx, want, t0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddSubscription(ctx, model.Subscription{Name: "desk", URL: "https://other.example"}, t0); !errors.Is(err, ErrExists) {
			t.Fatalf("second add err = %v, want ErrExists", err)
		}
		read, err := s.SubscriptionNamed(ctx, "desk")
		want.ID, want.Created = got.ID, t0
		if err != nil || !reflect.DeepEqual(read, want) {
			t.Fatalf("read back %+v (%v), want %+v", read, err, want)
		}
		if all, err := s.Subscriptions(ctx); err != nil || len(all) != 1 {
			t.Fatalf("Subscriptions = %v, %v", all, err)
		}
		if err := s.RemoveSubscription(ctx, "desk"); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveSubscription(ctx, "desk"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("second remove err = %v, want ErrNotFound", err)
		}
	})
}

func TestDeliveries_OncePerSubscriptionAndVersion(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := recordVersions(t, s, mustOutlet(t, s, "one"), "https://one.example/a", "", "headline")
		vs, err := s.Lineage(ctx, a.ID)
		if err != nil || len(vs) != 2 {
			t.Fatalf("Lineage = %d, %v", len(vs), err)
		}
		if v, err := s.VersionByID(ctx, vs[1].ID); err != nil || v.Seq != 1 || v.ArticleID != a.ID {
			t.Fatalf("VersionByID = %+v, %v", v, err)
		}
		sub, err := s.AddSubscription(ctx, model.Subscription{Name: "desk", URL: "https://hooks.example/x"}, t0)
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.EnsureDelivery(ctx, sub.ID, vs[1].ID, t0)
		if err != nil || first.Status != model.DeliveryPending {
			t.Fatalf("EnsureDelivery = %+v, %v", first, err)
		}
		if err := s.RecordAttempt(ctx, first.ID, errors.New("503"), t0); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAttempt(ctx, first.ID, nil, t0); err != nil {
			t.Fatal(err)
		}
		// A late duplicate attempt leaves a delivered delivery alone.
		if err := s.RecordAttempt(ctx, first.ID, errors.New("late"), t0); err != nil {
			t.Fatal(err)
		}
		again, err := s.EnsureDelivery(ctx, sub.ID, vs[1].ID, t0)
		if err != nil || again.ID != first.ID || again.Status != model.DeliveryDelivered || again.Attempts != 2 || !again.DeliveredAt.Equal(t0) {
			t.Fatalf("again = %+v, %v; want the same delivery, delivered after 2 attempts", again, err)
		}
		if ds, err := s.Deliveries(ctx, sub.ID, 10); err != nil || len(ds) != 1 {
			t.Fatalf("Deliveries = %v, %v", ds, err)
		}
		if err := s.RemoveSubscription(ctx, "desk"); err != nil {
			t.Fatalf("remove with deliveries: %v", err)
		}
		if ds, err := s.Deliveries(ctx, 0, 10); err != nil || len(ds) != 0 {
			t.Fatalf("deliveries after remove = %v, %v", ds, err)
		}
	})
}
