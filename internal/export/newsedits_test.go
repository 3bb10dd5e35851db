package export

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/store"
)

// The NewsEdits layout: a row per version, per sentence, and per aligned
// pair of consecutive versions' sentences, in which every sentence of both
// versions appears exactly once, indexed as split_sentences indexes it.
func TestNewsEdits_Layout(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	texts := []string{
		"The mayor resigned. The vote was close.",
		"The vote was close. The mayor resigned on Tuesday. A successor is named.",
		"The vote was close. The mayor resigned on Tuesday. A successor is named.\n\nCorrection: the vote was 5 to 4.",
	}
	seed(t, st, "https://planet.example/mayor", texts...)
	seed(t, st, "https://planet.example/once", "Only one version here.")
	path := filepath.Join(t.TempDir(), "newsedits.db")
	stats, err := NewsEdits(ctx, st, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 2 || stats.Versions != 4 {
		t.Fatalf("stats %+v", stats)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string, args ...any) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q, args...).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM entryversion WHERE source = 'Daily Planet' AND num_versions = 3`); n != 3 {
		t.Errorf("%d rows of the three-version article", n)
	}
	for y := 1; y < len(texts); y++ {
		x := y - 1
		olds, news := len(diff.Sentences(texts[x])), len(diff.Sentences(texts[y]))
		if n := count(`SELECT count(*) FROM split_sentences WHERE version = ? AND entry_id = 1`, y); n != news {
			t.Errorf("version %d: %d sentences stored, want %d", y, n, news)
		}
		if n := count(`SELECT count(DISTINCT sent_idx_x) FROM matched_sentences WHERE entry_id = 1 AND version_y = ? AND sent_idx_x IS NOT NULL`, y); n != olds {
			t.Errorf("version %d: %d old sentences aligned, want %d", y, n, olds)
		}
		if n := count(`SELECT count(DISTINCT sent_idx_y) FROM matched_sentences WHERE entry_id = 1 AND version_y = ? AND sent_idx_y IS NOT NULL`, y); n != news {
			t.Errorf("version %d: %d new sentences aligned, want %d", y, n, news)
		}
		// Each aligned sentence is the one split_sentences holds at its index.
		if n := count(`SELECT count(*) FROM matched_sentences m JOIN split_sentences s
			ON s.entry_id = m.entry_id AND s.version = m.version_y AND s.sent_idx = m.sent_idx_y
			WHERE m.entry_id = 1 AND m.version_y = ? AND s.sentence <> m.sentence_y`, y); n != 0 {
			t.Errorf("version %d: %d aligned sentences differ from the stored ones", y, n)
		}
	}
	if n := count(`SELECT count(*) FROM matched_sentences WHERE version_y = 2 AND action = 'unchanged'`); n != 3 {
		t.Errorf("%d unchanged sentences from version 1 to 2, want 3", n)
	}
	if n := count(`SELECT count(*) FROM matched_sentences WHERE version_y = 2 AND action = 'added' AND sent_idx_x IS NULL`); n != 1 {
		t.Errorf("%d added sentences from version 1 to 2, want 1", n)
	}
	if n := count(`SELECT count(*) FROM matched_sentences WHERE entry_id = 2`); n != 0 {
		t.Errorf("a one-version article has %d matches", n)
	}
}
