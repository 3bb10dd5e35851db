package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOpen_MigrationsAppliedOnce(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	mustOutlet(t, s, "daily")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		s2, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen %d: %v", i, err)
		}
		var n int
		if err := s2.r.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		ms, _ := loadMigrations(s2.d)
		if n != len(ms) {
			t.Errorf("schema_migrations rows = %d, want %d", n, len(ms))
		}
		st, err := s2.Stats(ctx)
		if err != nil || st.Outlets != 1 {
			t.Errorf("Stats after reopen = %+v, %v; want 1 outlet kept", st, err)
		}
		_ = s2.Close()
	}
}

func TestOpen_WALAndForeignKeys(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	var mode string
	var fk int
	if err := s.w.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	if err := s.r.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v; want 1", fk, err)
	}
}

func TestOpen_RefusesForeignFileUntouched(t *testing.T) {
	garbage := bytes.Repeat([]byte("not a database, just bytes\x00\xff"), 200)
	badHeader := append([]byte("SQLite format 3\x00"), garbage...)
	tests := []struct {
		name    string
		content []byte
	}{
		{"garbage", garbage},
		{"short", []byte("hello")},
		{"sqlite_magic_then_garbage", badHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "errata.db")
			if err := os.WriteFile(path, tt.content, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(context.Background(), path)
			if err == nil {
				_ = s.Close()
				t.Fatal("Open succeeded on a corrupt file")
			}
			if !errors.Is(err, ErrNotErrata) || !strings.Contains(err.Error(), path+" is not an errata database") {
				t.Errorf("error = %v; want 'not an errata database'", err)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, tt.content) {
				t.Error("file bytes changed")
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			if len(entries) != 1 {
				t.Errorf("Open left files behind: %v", entries)
			}
		})
	}
}

func TestOpen_RefusesOtherSQLiteDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	db, err := sql.Open(driverName, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (x TEXT)`); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	before, _ := os.ReadFile(path)
	s, err := Open(context.Background(), path)
	if err == nil {
		_ = s.Close()
		t.Fatal("Open succeeded on a foreign database")
	}
	if !errors.Is(err, ErrNotErrata) {
		t.Errorf("error = %v; want ErrNotErrata", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("foreign database changed")
	}
}

func TestOpen_NewerSchemaRefused(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.w.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrTooNew) || !strings.Contains(err.Error(), "upgrade errata") {
		t.Errorf("error = %v; want ErrTooNew", err)
	}
}

func TestWrite_BusyGivesClearError(t *testing.T) {
	ctx := context.Background()
	holder, path := openTemp(t)
	other, err := OpenOptions(ctx, path, Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := holder.w.BeginTx(ctx, nil) // immediate: takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, err = other.EnsureOutlet(ctx, "x", "x.example")
	want := "store: database is busy: another errata process is writing to " + path + "; try again"
	if !errors.Is(err, ErrBusy) || err == nil || err.Error() != want {
		t.Errorf("error = %v; want %q", err, want)
	}
}

func TestOpen_DoesNotWaitForAnotherWriter(t *testing.T) {
	ctx := context.Background()
	holder, path := openTemp(t)
	tx, err := holder.w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// A 1 ms busy timeout: Open succeeds only if it needs no write lock.
	s, err := OpenOptions(ctx, path, Options{BusyTimeout: time.Millisecond})
	if err != nil {
		t.Fatalf("Open while another handle writes: %v", err)
	}
	defer s.Close()
	if _, err := s.Outlets(ctx); err != nil {
		t.Errorf("read while another handle writes: %v", err)
	}
}

func TestOpen_PathWithURISpecialCharacters(t *testing.T) {
	// A path with URI-special characters must still name the same file.
	dir := filepath.Join(t.TempDir(), "we?ird #dir%20")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "errata.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at %s: %v", path, err)
	}
}
