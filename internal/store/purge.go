package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/errata/errata/internal/model"

	"github.com/errata/errata/internal/tlog"
)

// Purged counts what a purge deleted.
type Purged struct {
	Articles int
	Versions int
	Captures int // raw responses no remaining version refers to
}

const (
	sqlPurgeCaptureHashes = `SELECT DISTINCT capture_hash FROM versions WHERE article_id = ? AND capture_hash <> ''`
	sqlPurgeOutlet        = `SELECT outlet_id FROM articles WHERE id = ?`
	sqlPurgeMark          = `INSERT INTO purges (article_id) VALUES (?)`
	sqlPurgeUnmark        = `DELETE FROM purges WHERE article_id = ?`
	// Every version is in the search index (0010), which keeps no text
	// of its own to delete by (0021).
	sqlPurgeSearch     = `DELETE FROM version_search WHERE rowid IN (SELECT id FROM versions WHERE article_id = ?1)`
	pgPurgeSearch      = `DELETE FROM version_search WHERE article_id = ?`
	sqlPurgeVersions   = `DELETE FROM versions WHERE article_id = ?`
	sqlPurgeVersionIDs = `SELECT id FROM versions WHERE article_id = ? ORDER BY id`
	sqlPurgeAliases    = `DELETE FROM article_aliases WHERE article_id = ?`
	sqlPurgePending    = `DELETE FROM pending_checks WHERE article_id = ?`
	sqlPurgeFurniture  = `DELETE FROM furniture WHERE outlet_id = ? AND article_id = ?`
	sqlPurgeSightings  = `DELETE FROM block_sightings WHERE outlet_id = ? AND article_id = ?`
	sqlCaptureHeader   = `SELECT header, base FROM captures WHERE hash = ?`
	// A capture another capture is a delta against is kept (see
	// PackCaptureAfter).
	sqlPurgeCapture = `DELETE FROM captures WHERE hash = ?1 AND NOT EXISTS (SELECT 1 FROM versions WHERE capture_hash = ?1)
		AND NOT EXISTS (SELECT 1 FROM captures WHERE base = ?1 AND base <> '')`
	sqlCountSourceTracks = `SELECT count(*), coalesce(sum((SELECT count(*) FROM versions v WHERE v.article_id = a.id)), 0)
		FROM articles a WHERE a.source_id = ?`
)

// PurgeArticle deletes an article with everything recorded of it: its
// versions, checks, aliases and learned furniture, and the raw captures
// no other version refers to. It is the one deletion of versions errata
// allows, for a person who asked for it; the schema refuses any other
// (see migrations 0006).
func (s *Store) PurgeArticle(ctx context.Context, id int64) (Purged, error) {
	var p Purged
	err := s.write(ctx, fmt.Sprintf("purge article %d", id), func(tx *wtx) error {
		var err error
		p, err = s.purgeTx(ctx, tx, id)
		return err
	})
	return p, err
}

func (s *Store) purgeTx(ctx context.Context, tx *wtx, id int64) (Purged, error) {
	p := Purged{Articles: 1}
	// The index must hold every version the purge takes out of it.
	if err := tx.indexSearch(ctx); err != nil {
		return p, err
	}
	var outletID int64
	if err := tx.QueryRowContext(ctx, sqlPurgeOutlet, id).Scan(&outletID); err != nil {
		return p, noRows(err)
	}
	if err := tx.QueryRowContext(ctx, sqlCountVersions, id).Scan(&p.Versions); err != nil {
		return p, err
	}
	hashes, err := captureHashes(ctx, tx, id)
	if err != nil {
		return p, err
	}
	logged, err := purgeLeaf(ctx, tx, id)
	if err != nil {
		return p, err
	}
	search := sqlPurgeSearch
	if s.d == dialectPostgres {
		search = pgPurgeSearch
	}
	steps := []struct {
		q    string
		args []any
	}{
		{sqlPurgeMark, []any{id}},
		{search, []any{id}},
		{sqlPurgeEvents, []any{id}},
		{sqlPurgeVersions, []any{id}},
		{sqlDeleteChecks, []any{id}},
		{sqlPurgeAliases, []any{id}},
		{sqlPurgePending, []any{id}},
		{sqlPurgeFurniture, []any{outletID, id}},
		{sqlPurgeSightings, []any{outletID, id}},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
			return p, err
		}
	}
	// Twice: the first pass deletes the article's deltas, which frees
	// the whole captures they were packed against for the second.
	for range 2 {
		for _, h := range hashes {
			res, err := tx.ExecContext(ctx, sqlPurgeCapture, h)
			if err != nil {
				return p, err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return p, err
			}
			p.Captures += int(n)
			if n > 0 {
				logged.Captures = append(logged.Captures, h)
			}
		}
	}
	if err := logPurge(ctx, tx, logged); err != nil {
		return p, err
	}
	if _, err := tx.ExecContext(ctx, sqlDeleteArticle, id); err != nil {
		return p, err
	}
	_, err = tx.ExecContext(ctx, sqlPurgeUnmark, id)
	return p, err
}

// purgeLeaf starts the log's record of purging article id: its URL and
// versions, read before they are deleted.
func purgeLeaf(ctx context.Context, tx *wtx, id int64) (tlog.PurgeLeaf, error) {
	pl := tlog.PurgeLeaf{ArticleID: id}
	if err := tx.QueryRowContext(ctx, sqlArticleURL, id).Scan(&pl.URL); err != nil {
		return pl, noRows(err)
	}
	rows, err := tx.tx.QueryContext(ctx, tx.cache.d.rebind(sqlPurgeVersionIDs), id)
	if err != nil {
		return pl, err
	}
	pl.Versions, err = collect(rows, func(sc scanner) (int64, error) {
		var v int64
		return v, sc.Scan(&v)
	})
	return pl, err
}

// captureHashes lists the captures of an article's versions, each
// followed by the capture of the page as served when it is a rendered
// DOM (model.HeaderServedCapture), which no version refers to, and then
// the captures those are deltas against, which may be another purged
// article's kept for them.
func captureHashes(ctx context.Context, tx *wtx, id int64) ([]string, error) {
	rows, err := tx.tx.QueryContext(ctx, tx.cache.d.rebind(sqlPurgeCaptureHashes), id)
	if err != nil {
		return nil, err
	}
	hashes, err := collect(rows, func(sc scanner) (string, error) {
		var h string
		return h, sc.Scan(&h)
	})
	if err != nil {
		return nil, err
	}
	var out, bases []string
	for _, h := range hashes {
		out = append(out, h)
		var js, base string
		err := tx.QueryRowContext(ctx, sqlCaptureHeader, h).Scan(&js, &base)
		if errors.Is(err, sql.ErrNoRows) {
			continue // a version whose capture is missing: nothing more to purge
		}
		if err != nil {
			return nil, err
		}
		if base != "" && !slices.Contains(bases, base) && !slices.Contains(hashes, base) {
			bases = append(bases, base)
		}
		var header http.Header
		if fromJSON(js, &header) == nil {
			if served := header.Get(model.HeaderServedCapture); served != "" {
				out = append(out, served)
			}
		}
	}
	return append(out, bases...), nil
}

// SourceTracks counts the articles a source found and their versions:
// what purging the source would delete.
func (s *Store) SourceTracks(ctx context.Context, sourceID int64) (articles, versions int, err error) {
	err = s.queryRow(ctx, sqlCountSourceTracks, sourceID).Scan(&articles, &versions)
	return articles, versions, s.wrap(fmt.Sprintf("articles of source %d", sourceID), err)
}

// CountVersions returns how many versions an article has.
func (s *Store) CountVersions(ctx context.Context, articleID int64) (int, error) {
	var n int
	err := s.queryRow(ctx, sqlCountVersions, articleID).Scan(&n)
	return n, s.wrap(fmt.Sprintf("versions of article %d", articleID), err)
}
