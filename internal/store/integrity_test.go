package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// damagedStore writes a small store and then overwrites the cell pointers
// of one index's root page, as a torn write or a bad sector would; it
// returns the file's path.
func damagedStore(t *testing.T, index string) string {
	t.Helper()
	s, path := openTemp(t)
	o := mustOutlet(t, s, "daily")
	for i := range 3 {
		a := mustArticle(t, s, o.ID, fmt.Sprintf("https://daily.example/%d", i))
		if _, err := s.Record(context.Background(), CheckRecord{Article: a, Version: version(a.ID, 0), Capture: capture(fmt.Sprint(i))}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(driverName, fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	var root, pageSize int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_master WHERE name = ?`, index).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	if err == nil {
		_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 100), (root-1)*pageSize+8); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpen_WriterRefusesADamagedIndexAndLeavesItAlone(t *testing.T) {
	ctx := context.Background()
	path := damagedStore(t, "articles_due")
	before, _ := os.ReadFile(path)
	s, err := OpenOptions(ctx, path, Options{QuickCheck: true})
	if err == nil {
		s.Close()
		t.Fatal("a writer opened a damaged database")
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path+" is damaged: ") ||
		!strings.Contains(err.Error(), "errata verify") {
		t.Errorf("error = %v; want ErrCorrupt naming the file and errata verify", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the damaged file was written to")
	}
}

func TestOpen_LargeFileChecksTheTablesAPassRewrites(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		index   string
		caught  bool
		comment string
	}{
		{"articles_due", true, "the schedule's index is checked whatever the size"},
		{"versions_hash", false, "append-only tables are left to errata verify"},
	}
	for _, tt := range tests {
		t.Run(tt.index, func(t *testing.T) {
			path := damagedStore(t, tt.index)
			err := quickCheck(ctx, path, 0) // every file counts as large
			if caught := errors.Is(err, ErrCorrupt); caught != tt.caught {
				t.Errorf("quickCheck = %v; caught %v, want %v (%s)", err, caught, tt.caught, tt.comment)
			}
			if err := quickCheck(ctx, path, quickCheckMaxBytes); !errors.Is(err, ErrCorrupt) {
				t.Errorf("whole-file quickCheck = %v, want ErrCorrupt", err)
			}
		})
	}
}

func TestCheckIntegrity_ListsWhatIsDamaged(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, damagedStore(t, "versions_hash"))
	if err != nil {
		t.Fatalf("a reader could not open the store: %v", err)
	}
	defer s.Close()
	got, err := s.CheckIntegrity(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Checked || len(got.Problems) == 0 {
		t.Errorf("CheckIntegrity = %+v, want problems listed", got)
	}
}

func TestCheckIntegrity_SoundStore(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		mustOutlet(t, s, "daily")
		got, err := s.CheckIntegrity(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Problems) != 0 || got.Checked != !s.IsPostgres() {
			t.Errorf("CheckIntegrity = %+v; want no problems, checked on SQLite only", got)
		}
	})
}

func TestOpen_TruncatedFileIsNotAnErrataDatabase(t *testing.T) {
	ctx := context.Background()
	path := damagedStore(t, "articles_due") // any store; the damage is cut off below
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []Options{{}, {QuickCheck: true}} {
		s, err := OpenOptions(ctx, path, opts)
		if err == nil {
			s.Close()
			t.Fatalf("OpenOptions(%+v) opened a truncated file", opts)
		}
		want := path + " is not an errata database: database disk image is malformed"
		if !errors.Is(err, ErrNotErrata) || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("OpenOptions(%+v) = %v; want it to end %q", opts, err, want)
		}
	}
}

func TestOpen_MissingDirectoryIsNotAnAccessProblem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "absent", "errata.db")
	_, err := Open(context.Background(), path)
	if err == nil || strings.Contains(err.Error(), "not writable") {
		t.Errorf("Open in a missing directory = %v; want SQLite's own error", err)
	}
}
