package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// A version's text is stored whole, or as a delta against the text of an
// earlier version of its article (migrations 0021 on SQLite, 0020 on
// PostgreSQL). Most versions differ from the one before by a sentence or
// a paragraph, so the delta is a small part of the text: on real article
// bodies edited as a correction is, 123 bytes for 5,172
// (archive.BenchmarkDelta_RealText).
//
// Every delta is against a version stored whole (its base), never
// against another delta, so reading any text reads at most one other
// row. A version is stored whole when it is its article's first, when
// its delta would be more than a quarter of its text (the article was
// rewritten: what follows is packed against it instead), or when its
// text is shorter than minDeltaText. Versions stay append-only: a row is
// written once, whole or as a delta, and never rewritten. The log's leaf
// is the whole text's (see versionLeaf), so verifying reads each text
// back through its delta.

const (
	// minDeltaText is the shortest text packed as a delta: below it, a
	// delta's frame and checksum are most of what it saves.
	minDeltaText = 256
	// A delta is kept only if it is at most 1/maxDeltaShare of its
	// text. A delta compresses what it adds, so a rewritten text packs to
	// a third or so of itself against any base; kept as a delta, it
	// would be carried again by every later delta of the article.
	// Stored whole, it becomes their base. A correction's delta is a few
	// percent of its text.
	maxDeltaShare = 4
)

// storedText is a version's text as its row holds it: whole in text when
// base is 0, else delta packed against version base's text.
type storedText struct {
	text  string
	base  int64
	delta []byte
}

// rowQuery reads one row: the reader pool's (Store.queryRow) or a write
// transaction's (wtx.QueryRowContext), which sees the rows it wrote.
type rowQuery func(ctx context.Context, query string, args ...any) *sql.Row

const (
	sqlTextBase = `SELECT text, text_base FROM versions WHERE id = ?`
	// sqlPrevText is the version a new one of the article follows: the
	// newest with a lower seq.
	sqlPrevText = `SELECT id, text, text_base, text_delta FROM versions WHERE article_id = ? AND seq < ?
		ORDER BY seq DESC LIMIT 1`
)

// baseText reads the whole text of version id, which a delta names as
// its base.
func baseText(ctx context.Context, q rowQuery, id int64) (string, error) {
	var text string
	var base int64
	if err := q(ctx, sqlTextBase, id).Scan(&text, &base); err != nil {
		return "", fmt.Errorf("text base %d: %w", id, noRows(err))
	}
	if base != 0 {
		return "", fmt.Errorf("text base %d is itself a delta: %w", id, ErrCorrupt)
	}
	return text, nil
}

// whole returns the text t stores, reading its base unless bases (which
// may be nil) already holds it; a base read is added to bases.
func (t storedText) whole(ctx context.Context, q rowQuery, bases map[int64]string) (string, error) {
	if t.base == 0 {
		return t.text, nil
	}
	base, ok := bases[t.base]
	if !ok {
		var err error
		if base, err = baseText(ctx, q, t.base); err != nil {
			return "", err
		}
		if bases != nil {
			bases[t.base] = base
		}
	}
	text, err := archive.UnpackDeltaString(base, t.delta)
	if err != nil {
		return "", fmt.Errorf("text delta against version %d: %w: %w", t.base, ErrCorrupt, err)
	}
	return text, nil
}

// packText decides how v's text is stored: as a delta against the base
// of the version it follows, when that is small enough. It also returns
// the sentence edits from that version's text to v's, packed (see
// versionEdits), or an empty blob.
func packText(ctx context.Context, tx *wtx, v *model.Version) (stored storedText, edits []byte, err error) {
	whole := storedText{text: v.Text, delta: []byte{}} // NOT NULL: an empty blob, not nil
	var prev storedText
	var prevID int64
	err = tx.QueryRowContext(ctx, sqlPrevText, v.ArticleID, v.Seq).Scan(&prevID, &prev.text, &prev.base, &prev.delta)
	if errors.Is(err, sql.ErrNoRows) {
		return whole, []byte{}, nil
	}
	if err != nil {
		return whole, nil, fmt.Errorf("previous version of article %d: %w", v.ArticleID, err)
	}
	// The base a delta of v would be against, and the previous text
	// whole: one that cannot be read only goes without edits.
	base, baseWhole := prevID, prev.text
	edits = []byte{}
	if prev.base != 0 {
		base = prev.base
		if baseWhole, err = baseText(ctx, tx.QueryRowContext, base); err != nil {
			return whole, nil, err
		}
		if text, err := archive.UnpackDeltaString(baseWhole, prev.delta); err == nil {
			edits = versionEdits(prevID, text, v.Text)
		}
	} else {
		edits = versionEdits(prevID, prev.text, v.Text)
	}
	if len(v.Text) < minDeltaText {
		return whole, edits, nil
	}
	delta, err := archive.PackDelta([]byte(baseWhole), []byte(v.Text))
	if err != nil || len(delta) > len(v.Text)/maxDeltaShare {
		return whole, edits, nil // too large to pack, or rewritten: kept whole as the next base
	}
	return storedText{base: base, delta: delta}, edits, nil
}

// versionEdits packs the sentence edits from the text of version prev to
// text, led by prev's id, so a reader uses them only after that very
// version: an empty blob when they cannot be packed.
func versionEdits(prev int64, prevText, text string) []byte {
	packed := diff.PackEdits(prevText, text)
	if packed == nil {
		return []byte{}
	}
	return append(binary.AppendUvarint(make([]byte, 0, binary.MaxVarintLen64+len(packed)), uint64(prev)), packed...)
}

// VersionEdits reads the sentence edits stored with a version (see
// versionEdits) from the version before it, prev, whose text is
// prevText: ok is false when none are stored for that version, or they
// do not fit the two texts, and the caller computes them.
func VersionEdits(packed []byte, prev int64, prevText, text string) (edits []diff.SentenceEdit, ok bool) {
	id, n := binary.Uvarint(packed)
	if n <= 0 || id != uint64(prev) {
		return nil, false
	}
	return diff.UnpackEdits(packed[n:], prevText, text)
}

// versionRow is a version as scanned, its text not yet unpacked.
type versionRow struct {
	v model.Version
	t storedText
}

// wholeVersions unpacks the texts of rows, reading each base not among
// them once.
func wholeVersions(ctx context.Context, q rowQuery, rows []versionRow) ([]model.Version, error) {
	bases := map[int64]string{}
	for _, r := range rows {
		if r.t.base == 0 {
			bases[r.v.ID] = r.t.text
		}
	}
	vs := make([]model.Version, len(rows))
	for i, r := range rows {
		var err error
		vs[i] = r.v
		if vs[i].Text, err = r.t.whole(ctx, q, bases); err != nil {
			return nil, fmt.Errorf("version %d: %w", r.v.ID, err)
		}
	}
	return vs, nil
}

// version reads one version by query, its text whole.
func (s *Store) version(ctx context.Context, query string, args ...any) (model.Version, error) {
	r, err := scanVersionRow(s.queryRow(ctx, query, args...))
	if err != nil {
		return r.v, err
	}
	vs, err := wholeVersions(ctx, s.queryRow, []versionRow{r})
	if err != nil {
		return r.v, err
	}
	return vs[0], nil
}

// versions reads the versions query selects, their texts whole.
func (s *Store) versions(ctx context.Context, op, query string, args ...any) ([]model.Version, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	rs, err := collect(rows, scanVersionRow)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	vs, err := wholeVersions(ctx, s.queryRow, rs)
	return vs, s.wrap(op, err)
}
