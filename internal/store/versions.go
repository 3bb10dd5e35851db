package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

const (
	versionCols = `id, article_id, seq, fetched_at, title, byline, published, text, hash, capture_hash,
		extractor, classes, added, removed, modified, text_base, text_delta`
	sqlVersions      = `SELECT ` + versionCols + ` FROM versions WHERE article_id = ? ORDER BY seq`
	sqlLatestVersion = `SELECT ` + versionCols + ` FROM versions WHERE article_id = ? ORDER BY seq DESC LIMIT 1`
	sqlVersionHashes = `SELECT id, seq, fetched_at, hash FROM versions WHERE article_id = ? ORDER BY seq`
	sqlInsertVersion = `INSERT INTO versions (article_id, seq, fetched_at, title, byline, published, text, hash,
		capture_hash, extractor, classes, added, removed, modified, text_base, text_delta, edits)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`
	// sqliteInsertVersion picks the id itself: SQLite gives a new row the
	// largest id plus one, so after a purge of the newest versions it
	// would hand out their ids again, which the log's leaves still hold
	// (log_leaves_version is unique) and every later append would fail.
	// PostgreSQL's identity never goes back.
	sqliteInsertVersion = `INSERT INTO versions (id, article_id, seq, fetched_at, title, byline, published, text, hash,
		capture_hash, extractor, classes, added, removed, modified, text_base, text_delta, edits)
		VALUES (1 + max((SELECT coalesce(max(id), 0) FROM versions),
			(SELECT coalesce(max(version_id), 0) FROM log_leaves WHERE version_id <> 0)),
			?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`
)

// scanVersionRow scans versionCols; the text is whole only if the row
// stores it whole (see wholeVersions).
func scanVersionRow(sc scanner) (versionRow, error) {
	var r versionRow
	v := &r.v
	var fetched, pub, modified int64
	var classes string
	err := sc.Scan(&v.ID, &v.ArticleID, &v.Seq, &fetched, &v.Title, &v.Byline, &pub, &r.t.text, &v.Hash,
		&v.CaptureHash, &v.Extractor, &classes, &v.Added, &v.Removed, &modified, &r.t.base, &r.t.delta)
	if err != nil {
		return r, noRows(err)
	}
	v.FetchedAt, v.Published, v.Classes = fromNanos(fetched), fromNanos(pub), splitClasses(classes)
	v.Modified = fromNanos(modified)
	v.Text = r.t.text
	return r, nil
}

// Versions returns an article's versions, oldest first.
func (s *Store) Versions(ctx context.Context, articleID int64) ([]model.Version, error) {
	return s.versions(ctx, fmt.Sprintf("versions of article %d", articleID), sqlVersions, articleID)
}

// LatestVersion returns the article's newest version, or ErrNotFound.
func (s *Store) LatestVersion(ctx context.Context, articleID int64) (model.Version, error) {
	v, err := s.version(ctx, sqlLatestVersion, articleID)
	return v, s.wrap(fmt.Sprintf("latest version of article %d", articleID), err)
}

// Lineage returns what deciding on a new version needs: every version's
// seq and hash, oldest first, with only the latest one in full. Texts of
// older versions are not read, so a check costs the same however long
// the article's history.
func (s *Store) Lineage(ctx context.Context, articleID int64) ([]model.Version, error) {
	op := fmt.Sprintf("lineage of article %d", articleID)
	rows, err := s.query(ctx, sqlVersionHashes, articleID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	vs, err := collect(rows, func(sc scanner) (model.Version, error) {
		v := model.Version{ArticleID: articleID}
		var fetched int64
		err := sc.Scan(&v.ID, &v.Seq, &fetched, &v.Hash)
		v.FetchedAt = fromNanos(fetched)
		return v, err
	})
	if err != nil || len(vs) == 0 {
		return vs, s.wrap(op, err)
	}
	last, err := s.LatestVersion(ctx, articleID)
	if err != nil {
		return nil, err
	}
	vs[len(vs)-1] = last
	return vs, nil
}

// insertVersion appends v and its log leaf; a taken (article, seq) is ErrDuplicateVersion.
func insertVersion(ctx context.Context, tx *wtx, v *model.Version) (int64, error) {
	stored, edits, err := packText(ctx, tx, v)
	if err != nil {
		return 0, err
	}
	insert := sqlInsertVersion
	if tx.cache.d != dialectPostgres && !tx.prelog {
		insert = sqliteInsertVersion
	}
	var id int64
	err = tx.QueryRowContext(ctx, insert, v.ArticleID, v.Seq, nanos(v.FetchedAt), v.Title, v.Byline,
		nanos(v.Published), stored.text, v.Hash, v.CaptureHash, v.Extractor, joinClasses(v.Classes), v.Added,
		v.Removed, nanos(v.Modified), stored.base, stored.delta, edits).Scan(&id)
	if isUniqueViolation(err) {
		return 0, fmt.Errorf("article %d version %d: %w", v.ArticleID, v.Seq, ErrDuplicateVersion)
	}
	if err != nil {
		return 0, fmt.Errorf("insert version: %w", err)
	}
	if err := logVersion(ctx, tx, id, v); err != nil {
		return 0, err
	}
	tx.unindexed = append(tx.unindexed, searchRow{id, v.ArticleID, v.Title, v.Byline, v.Text})
	return id, nil
}
