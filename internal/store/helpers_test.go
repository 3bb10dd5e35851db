package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// t0 is a fixed instant with nanoseconds, so exact round trips are tested.
var t0 = time.Date(2026, 11, 22, 10, 30, 0, 123456789, time.UTC)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "errata.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func mustOutlet(t testing.TB, s *Store, name string) model.Outlet {
	t.Helper()
	o, err := s.EnsureOutlet(context.Background(), name, name+".example")
	if err != nil {
		t.Fatalf("EnsureOutlet: %v", err)
	}
	return o
}

// mustOldOutlet adds an outlet to a store left at an older schema, whose
// outlets have only the columns of the first migration.
func mustOldOutlet(t testing.TB, s *Store, name string) int64 {
	t.Helper()
	var id int64
	err := s.w.QueryRowContext(context.Background(), s.d.rebind(`INSERT INTO outlets (name, host) VALUES (?, ?) RETURNING id`),
		name, name+".example").Scan(&id)
	if err != nil {
		t.Fatalf("insert outlet: %v", err)
	}
	return id
}

func mustArticle(t testing.TB, s *Store, outletID int64, url string) model.Article {
	t.Helper()
	a, created, err := s.AddArticle(context.Background(), model.Article{
		OutletID: outletID, URL: url, FirstSeen: t0, NextCheck: t0, State: model.StateActive,
	})
	if err != nil || !created {
		t.Fatalf("AddArticle(%s) = created %v, %v", url, created, err)
	}
	return a
}

func version(articleID int64, seq int) *model.Version {
	return &model.Version{
		ArticleID: articleID, Seq: seq, FetchedAt: t0.Add(time.Duration(seq) * time.Hour),
		Title: "Title", Byline: "By Someone", Published: t0, Text: "Para one.\n\nPara two.",
		Hash: "h" + string(rune('a'+seq%26)), CaptureHash: "cap", Extractor: "x1",
		Classes: []string{"wording", "headline"}, Added: 3, Removed: 1,
	}
}
