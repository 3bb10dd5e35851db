package store

import (
	"context"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// BenchmarkRecord_Unchanged is the common case: a check that found nothing
// new writes one check row and the article's schedule.
func BenchmarkRecord_Unchanged(b *testing.B) {
	forEachStoreB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		a := mustArticle(b, s, mustOutlet(b, s, "Daily").ID, "https://d.example/a")
		for i := 0; b.Loop(); i++ {
			a.NextCheck = t0.Add(time.Duration(i) * time.Minute)
			rec := CheckRecord{Article: a, Check: check(a.ID, a.NextCheck, model.OutcomeUnchanged)}
			if _, err := s.Record(ctx, rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRecord_NewVersion adds a capture and a version to the check.
func BenchmarkRecord_NewVersion(b *testing.B) {
	forEachStoreB(b, func(b *testing.B, s *Store) {
		ctx := context.Background()
		a := mustArticle(b, s, mustOutlet(b, s, "Daily").ID, "https://d.example/a")
		for i := 0; b.Loop(); i++ {
			v := version(a.ID, i)
			c := capture("cap" + time.Duration(i).String())
			rec := CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: c, Version: v}
			if _, err := s.Record(ctx, rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// forEachStoreB is forEachStore for benchmarks.
func forEachStoreB(b *testing.B, fn func(b *testing.B, s *Store)) {
	b.Run("sqlite", func(b *testing.B) {
		s, _ := openTemp(b)
		fn(b, s)
	})
	b.Run("postgres", func(b *testing.B) {
		s, _ := openPostgresTemp(b)
		fn(b, s)
	})
}
