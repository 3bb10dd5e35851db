package store

import (
	"context"
	"slices"
	"testing"

	"github.com/errata/errata/internal/diff"
)

// Each version after the first is stored with its sentence edits from the
// version before, whether either text is whole or a delta; they read back
// as computed. A first version, and a text with carriage returns, have
// none, and edits read against another version are refused.
func TestVersionEdits_StoredWithEachVersion(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		texts := []string{editedText(0), editedText(1), editedText(2), rewrittenText(3), rewrittenText(3) + " Corrected.",
			"Short. Then\r\n\r\nanother paragraph.", "Short. Then another paragraph."}
		a := recordTexts(t, s, o, "https://d.example/a", texts...)
		recs, err := s.ArticleRecords(ctx, []int64{a.ID})
		if err != nil {
			t.Fatal(err)
		}
		rec := recs[a.ID]
		vs := rec.Versions
		if len(vs) != len(texts) {
			t.Fatalf("%d versions", len(vs))
		}
		if len(rec.Edits[vs[0].ID]) != 0 {
			t.Errorf("the first version has edits stored: %x", rec.Edits[vs[0].ID])
		}
		for i := 1; i < len(vs); i++ {
			got, ok := VersionEdits(rec.Edits[vs[i].ID], vs[i-1].ID, vs[i-1].Text, vs[i].Text)
			if hasCR := i == 5 || i == 6; ok == hasCR {
				t.Errorf("version %d: edits stored %v, want %v", i, ok, !hasCR)
			}
			if !ok {
				continue
			}
			if want := diff.EditSentences(diff.Sentences(vs[i-1].Text), diff.Sentences(vs[i].Text)); !slices.Equal(got, want) {
				t.Errorf("version %d: stored edits %v, want %v", i, got, want)
			}
			if _, ok := VersionEdits(rec.Edits[vs[i].ID], vs[0].ID, vs[0].Text, vs[i].Text); ok && i > 1 {
				t.Errorf("version %d: edits read as if from version 0", i)
			}
		}
	})
}

// A store opened with MapReads reads through a mapping of the file, and
// reads what was written.
func TestOpen_MapReadsReadsTheStore(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	o := mustOutlet(t, s, "Daily")
	texts := []string{editedText(0), editedText(1), rewrittenText(2)}
	a := recordTexts(t, s, o, "https://d.example/a", texts...)
	var size int64
	if err := s.r.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&size); err != nil || size != 0 {
		t.Errorf("without MapReads, mmap_size = %d (%v), want 0", size, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	m, err := OpenOptions(ctx, path, Options{MapReads: true})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.r.QueryRowContext(ctx, `PRAGMA mmap_size`).Scan(&size); err != nil || size < 1<<30 {
		t.Errorf("a reader's mmap_size = %d (%v), want SQLite's limit, at most %d", size, err, int64(MapReadsSize))
	}

	vs, err := m.Versions(ctx, a.ID)
	if err != nil || len(vs) != len(texts) {
		t.Fatalf("Versions = %d, %v", len(vs), err)
	}
	for i, v := range vs {
		if v.Text != texts[i] {
			t.Errorf("version %d read as %.40q", i, v.Text)
		}
	}
}
