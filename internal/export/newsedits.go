package export

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// The NewsEdits corpus (Spangher et al., NAACL 2022) is distributed as
// SQLite databases with one row per article version (entryversion), one per
// sentence of each version (split_sentences) and one per aligned sentence
// pair of consecutive versions (matched_sentences). NewsEdits writes the
// store in that layout, so tools written for the corpus read errata's
// data: source is the outlet, entry_id errata's article id, version its
// seq. Sentence actions are errata's names: added, deleted, edited, moved
// (the corpus's "refactor") and unchanged. Beyond the corpus's columns,
// entryversion.log_leaf is the version's leaf in errata's evidence log and
// errata_checkpoint holds the signed checkpoint the export was taken at.
const newsEditsSchema = `
CREATE TABLE entryversion (
    source TEXT NOT NULL, entry_id INTEGER NOT NULL, version INTEGER NOT NULL,
    title TEXT NOT NULL, byline TEXT NOT NULL, created TEXT NOT NULL, url TEXT NOT NULL,
    num_versions INTEGER NOT NULL, text TEXT NOT NULL, hash TEXT NOT NULL, capture_hash TEXT NOT NULL,
    classes TEXT NOT NULL, added INTEGER NOT NULL, removed INTEGER NOT NULL, log_leaf INTEGER,
    PRIMARY KEY (source, entry_id, version));
CREATE TABLE split_sentences (
    source TEXT NOT NULL, entry_id INTEGER NOT NULL, version INTEGER NOT NULL,
    sent_idx INTEGER NOT NULL, sentence TEXT NOT NULL,
    PRIMARY KEY (source, entry_id, version, sent_idx));
CREATE TABLE matched_sentences (
    source TEXT NOT NULL, entry_id INTEGER NOT NULL, version_x INTEGER NOT NULL, version_y INTEGER NOT NULL,
    sent_idx_x INTEGER, sent_idx_y INTEGER, action TEXT NOT NULL,
    sentence_x TEXT, sentence_y TEXT);
CREATE INDEX matched_sentences_entry ON matched_sentences (source, entry_id, version_x);
CREATE TABLE errata_checkpoint (size INTEGER NOT NULL, note TEXT NOT NULL);
`

const (
	sqlNEVersion    = `INSERT INTO entryversion VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlNECheckpoint = `INSERT INTO errata_checkpoint VALUES (?, ?)`
	sqlNESentence   = `INSERT INTO split_sentences VALUES (?, ?, ?, ?, ?)`
	sqlNEMatch      = `INSERT INTO matched_sentences VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// NewsEditsStats says what NewsEdits wrote.
type NewsEditsStats struct {
	Articles, Versions, Sentences, Matches int
}

// NewsEdits writes every article with at least one version snap covers
// (every version when snap is nil) into a new SQLite database at path
// (which must not hold one already), one transaction per page of
// articles, so memory stays bounded by the largest article.
func NewsEdits(ctx context.Context, st *store.Store, path string, snap *Snapshot) (NewsEditsStats, error) {
	var stats NewsEditsStats
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)")
	if err != nil {
		return stats, fmt.Errorf("export: newsedits: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, newsEditsSchema); err != nil {
		return stats, fmt.Errorf("export: newsedits: %w", err)
	}
	if snap != nil {
		if _, err := db.ExecContext(ctx, sqlNECheckpoint, snap.Size, string(snap.Note)); err != nil {
			return stats, fmt.Errorf("export: newsedits: %w", err)
		}
	}
	outlets := map[int64]string{}
	err = eachPage(ctx, st, func(arts []model.Article) error {
		recs, err := pageRecords(ctx, st, arts)
		if err != nil {
			return err
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("export: newsedits: %w", err)
		}
		for _, a := range arts {
			if err := newsEditsArticle(ctx, st, tx, a, recs[a.ID], outlets, snap, &stats); err != nil {
				_ = tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("export: newsedits: %w", err)
		}
		return nil
	})
	return stats, err
}

func newsEditsArticle(ctx context.Context, st *store.Store, tx *sql.Tx, a model.Article, rec *store.ArticleRecord, outlets map[int64]string, snap *Snapshot, stats *NewsEditsStats) error {
	vs, leaves, _ := snap.keep(rec.Versions, rec.Leaves)
	if len(vs) == 0 {
		return nil
	}
	source, ok := outlets[a.OutletID]
	if !ok {
		o, err := st.Outlet(ctx, a.OutletID)
		if err != nil {
			return err
		}
		source = o.Name
		outlets[a.OutletID] = source
	}
	stats.Articles++
	for i, v := range vs {
		if _, err := tx.ExecContext(ctx, sqlNEVersion, source, a.ID, v.Seq, v.Title, v.Byline, rfc3339(v.FetchedAt),
			a.URL, len(vs), v.Text, v.Hash, v.CaptureHash, strings.Join(v.Classes, ","), v.Added, v.Removed, leafRef(leaves[i])); err != nil {
			return fmt.Errorf("export: newsedits: %w", err)
		}
		stats.Versions++
		for j, s := range diff.Sentences(v.Text) {
			if _, err := tx.ExecContext(ctx, sqlNESentence, source, a.ID, v.Seq, j, s); err != nil {
				return fmt.Errorf("export: newsedits: %w", err)
			}
			stats.Sentences++
		}
		if i == 0 {
			continue
		}
		prev := vs[i-1]
		for _, e := range diff.Align(prev.Text, v.Text) {
			if _, err := tx.ExecContext(ctx, sqlNEMatch, source, a.ID, prev.Seq, v.Seq, index(e.Old), index(e.New),
				string(e.Action), text(e.Old, e.OldText), text(e.New, e.NewText)); err != nil {
				return fmt.Errorf("export: newsedits: %w", err)
			}
			stats.Matches++
		}
	}
	return nil
}

// index is a sentence index as the corpus has it: NULL where the sentence
// is absent.
func index(i int) any {
	if i < 0 {
		return nil
	}
	return i
}

func text(i int, s string) any {
	if i < 0 {
		return nil
	}
	return s
}
