package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestAddSource_UniqueURL(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		in := model.Source{OutletID: o.ID, URL: "https://daily.example/feed", Kind: model.SourceFeed,
			ETag: `"e1"`, LastModified: "Mon, 02 Jan 2006 15:04:05 GMT", LastPolled: t0, NextPoll: t0.Add(time.Hour),
			Errors: 2, CreatedAt: t0.In(time.FixedZone("X", 3600))}
		first, created, err := s.AddSource(ctx, in)
		if err != nil || !created || first.ID == 0 {
			t.Fatalf("AddSource = %+v, %v, %v", first, created, err)
		}
		again, created, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: in.URL, Kind: model.SourceSitemap})
		if err != nil || created || !reflect.DeepEqual(again, first) {
			t.Errorf("second AddSource = %+v, %v, %v; want existing %+v", again, created, err, first)
		}
		all, err := s.Sources(ctx)
		if err != nil || len(all) != 1 || !reflect.DeepEqual(all[0], first) {
			t.Errorf("Sources = %+v, %v; want [%+v]", all, err, first)
		}
		if first.CreatedAt != t0 {
			t.Errorf("CreatedAt = %v; want %v as UTC", first.CreatedAt, t0)
		}
	})
}

func TestAddSource_DefaultsCreatedAt(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		o := mustOutlet(t, s, "Daily")
		src, _, err := s.AddSource(context.Background(), model.Source{OutletID: o.ID, URL: "https://d.example/a", Kind: model.SourceArticle})
		if err != nil || src.CreatedAt.IsZero() {
			t.Errorf("AddSource = %+v, %v; want CreatedAt set", src, err)
		}
	})
}

func TestDueSources_FiltersAndOrders(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		add := func(url string, next time.Time) model.Source {
			src, _, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: url, Kind: model.SourceFeed, NextPoll: next})
			if err != nil {
				t.Fatal(err)
			}
			return src
		}
		late := add("https://d.example/late", t0.Add(-time.Minute))
		future := add("https://d.example/future", t0.Add(time.Minute))
		early := add("https://d.example/early", t0.Add(-time.Hour))
		never := add("https://d.example/new", time.Time{}) // zero: due at once
		exact := add("https://d.example/exact", t0)
		due, err := s.DueSources(ctx, t0)
		if err != nil {
			t.Fatal(err)
		}
		want := []int64{never.ID, early.ID, late.ID, exact.ID}
		if got := sourceIDs(due); !reflect.DeepEqual(got, want) {
			t.Errorf("DueSources ids = %v; want %v (future %d excluded)", got, want, future.ID)
		}
	})
}

func TestUpdateSource_PersistsMutableFields(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		src, _, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: "https://d.example/feed", Kind: model.SourceFeed, CreatedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		src.ETag, src.LastModified, src.LastPolled, src.NextPoll, src.Errors = `W/"2"`, "lm", t0.Add(time.Second), t0.Add(time.Hour), 3
		if err := s.UpdateSource(ctx, src); err != nil {
			t.Fatal(err)
		}
		all, err := s.Sources(ctx)
		if err != nil || len(all) != 1 || !reflect.DeepEqual(all[0], src) {
			t.Errorf("Sources = %+v, %v; want [%+v]", all, err, src)
		}
		if err := s.UpdateSource(ctx, model.Source{ID: 99, URL: "x"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("UpdateSource(missing) error = %v; want ErrNotFound", err)
		}
	})
}

func sourceIDs(srcs []model.Source) []int64 {
	ids := make([]int64, 0, len(srcs))
	for _, s := range srcs {
		ids = append(ids, s.ID)
	}
	return ids
}
