package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/model"
)

// TestBackup_CopyIsWholeAndReopens: the copy holds what the store held,
// passes SQLite's integrity check and opens as an errata store.
func TestBackup_CopyIsWholeAndReopens(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := mustArticle(t, s, mustOutlet(t, s, "o").ID, "http://o.example/a")
	if _, err := s.Record(ctx, CheckRecord{Article: a, Check: model.Check{At: t0, Outcome: model.OutcomeNewVersion}, Version: version(a.ID, 0)}); err != nil {
		t.Fatal(err)
	}
	// A reader holds a transaction open meanwhile, as serve's pages do.
	tx, err := s.r.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()

	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatalf("Backup: %v", err)
	}
	got, err := VerifyBackup(ctx, copyPath)
	if err != nil {
		t.Fatalf("VerifyBackup: %v", err)
	}
	want, _ := s.Stats(ctx)
	if got != want || got.Versions != 1 {
		t.Errorf("copy stats %+v, store %+v", got, want)
	}
	c, err := Open(ctx, copyPath)
	if err != nil {
		t.Fatalf("open the copy as a store: %v", err)
	}
	defer c.Close()
	if vs, err := c.Versions(ctx, a.ID); err != nil || len(vs) != 1 || vs[0].Text != version(a.ID, 0).Text {
		t.Errorf("versions in the copy: %v, %v", vs, err)
	}
}

func TestVerifyBackup_RefusesADamagedCopy(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	mustArticle(t, s, mustOutlet(t, s, "o").ID, "http://o.example/a")
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := s.Backup(ctx, copyPath); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	// Truncating the file leaves pages the header promises missing.
	if err := os.WriteFile(copyPath, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackup(ctx, copyPath); err == nil {
		t.Fatal("a truncated copy passed the check")
	}
	if err := os.WriteFile(copyPath, []byte("not a database at all, just text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyBackup(ctx, copyPath); !errors.Is(err, ErrNotErrata) {
		t.Fatalf("a text file: %v, want ErrNotErrata", err)
	}
}
