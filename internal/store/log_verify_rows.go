package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

// leafRow is a leaf with the row it records, nil when the row is gone.
type leafRow struct {
	leaf        int64
	versionID   int64
	captureHash string
	url         string
	imported    bool
	purge       string
	version     *loggedVersion
	capture     *model.Capture
}

func (s *Store) leafPage(ctx context.Context, from int64) ([]leafRow, error) {
	rows, err := s.query(ctx, sqlVerifyLeaves, from, verifyPage)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanLeafRow)
}

func scanLeafRow(sc scanner) (leafRow, error) {
	var r leafRow
	var vID, vArticle, vSeq, vFetched, vModified, cStatus, cFetched, cSize sql.NullInt64
	var vTitle, vByline, vText, vCapture, vClasses, cHash, cURL sql.NullString
	var vBase sql.NullInt64
	var vDelta []byte
	var imported int64
	err := sc.Scan(&r.leaf, &r.versionID, &r.captureHash, &r.url, &imported, &r.purge,
		&vID, &vArticle, &vSeq, &vFetched, &vTitle, &vByline, &vText, &vBase, &vDelta, &vCapture, &vClasses, &vModified,
		&cHash, &cURL, &cStatus, &cFetched, &cSize)
	if err != nil {
		return r, err
	}
	r.imported = imported != 0
	if vID.Valid {
		r.version = &loggedVersion{URL: r.url, Version: model.Version{ID: vID.Int64, ArticleID: vArticle.Int64,
			Seq: int(vSeq.Int64), FetchedAt: fromNanos(vFetched.Int64), Title: vTitle.String,
			Byline: vByline.String, Text: vText.String, CaptureHash: vCapture.String,
			Classes: splitClasses(vClasses.String), Modified: fromNanos(vModified.Int64)},
			stored: storedText{text: vText.String, base: vBase.Int64, delta: vDelta}}
	}
	if cHash.Valid {
		r.capture = &model.Capture{Hash: cHash.String, URL: cURL.String, Status: int(cStatus.Int64),
			FetchedAt: fromNanos(cFetched.Int64), Size: cSize.Int64}
	}
	return r, nil
}

// unlogged reports rows that have no leaf: inserted without going through
// recording, or whose leaf was removed.
func (v *verifier) unlogged(ctx context.Context) error {
	rows, err := v.s.query(ctx, sqlVersionsNotLogged)
	if err != nil {
		return err
	}
	vs, err := collect(rows, func(sc scanner) (model.Version, error) {
		var ver model.Version
		var fetched int64
		err := sc.Scan(&ver.ID, &ver.ArticleID, &ver.Seq, &fetched)
		ver.FetchedAt = fromNanos(fetched)
		return ver, err
	})
	if err != nil {
		return err
	}
	for _, ver := range vs {
		v.find("versions", fmt.Sprint(ver.ID), "not in the log: article %d seq %d fetched %s was inserted outside recording",
			ver.ArticleID, ver.Seq, ver.FetchedAt.Format(timeLayout))
	}
	rows, err = v.s.query(ctx, sqlCapturesNotLogged)
	if err != nil {
		return err
	}
	cs, err := collect(rows, func(sc scanner) (model.Capture, error) {
		var c model.Capture
		var fetched int64
		err := sc.Scan(&c.Hash, &fetched)
		c.FetchedAt = fromNanos(fetched)
		return c, err
	})
	for _, c := range cs {
		v.find("captures", c.Hash, "not in the log: fetched %s, inserted outside recording", c.FetchedAt.Format(timeLayout))
	}
	return err
}

// checkpoint checks the newest kept checkpoint: its signature, and that
// the tree rebuilt from the leaves has its root at its size.
func (v *verifier) checkpoint(ctx context.Context, vkey string) (int64, error) {
	size, note, err := v.s.LatestCheckpoint(ctx)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return 0, nil
		}
		return 0, err
	}
	row := fmt.Sprint(size)
	c, err := tlog.Open(note, vkey)
	if err != nil {
		v.find("log_checkpoints", row, "signature does not check: %v", err)
		return size, nil
	}
	if c.Size != size {
		v.find("log_checkpoints", row, "the note says size %d", c.Size)
		return size, nil
	}
	if size > v.n {
		v.find("log_checkpoints", row, "signed %d leaves, the log holds %d: leaves were removed", size, v.n)
		return size, nil
	}
	root, err := sumtlog.TreeHash(size, v.rebuilt)
	if err != nil {
		return size, err
	}
	if root != c.Root {
		v.find("log_checkpoints", row, "the tree rebuilt from the leaves has another root at this size: the log was rewritten")
	}
	return size, nil
}

// CheckOlderCheckpoint checks a checkpoint kept from earlier against the
// log as it stands: its signature with vkey, then a consistency proof from
// the stored hashes that the current tree extends it.
func (s *Store) CheckOlderCheckpoint(ctx context.Context, msg []byte, vkey string) (tlog.Checkpoint, error) {
	old, err := tlog.Open(msg, vkey)
	if err != nil {
		return old, err
	}
	size, err := s.LogSize(ctx)
	if err != nil {
		return old, err
	}
	if old.Size > size {
		return old, fmt.Errorf("store: checkpoint at %d leaves is beyond the log's %d: leaves were removed", old.Size, size)
	}
	root, err := s.LogTreeHash(ctx, size)
	if err != nil {
		return old, err
	}
	proof, err := s.LogConsistency(ctx, old.Size, size)
	if err != nil {
		return old, err
	}
	if err := sumtlog.CheckTree(proof, size, root, old.Size, old.Root); err != nil {
		return old, fmt.Errorf("store: the log at %d leaves does not extend the checkpoint at %d: %w", size, old.Size, err)
	}
	return old, nil
}
