package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

const (
	sqlVersionLeaf = `SELECT leaf FROM log_leaves WHERE version_id = ? AND version_id <> 0`
	// A capture purged and kept again has a leaf for each time; the
	// newest is the row's.
	sqlCaptureLeaf = `SELECT leaf FROM log_leaves WHERE capture_hash = ? AND capture_hash <> ''
		ORDER BY leaf DESC LIMIT 1`
	sqlArticleLeaves = `SELECT l.version_id, l.leaf FROM versions v
		JOIN log_leaves l ON l.version_id = v.id AND l.version_id <> 0
		WHERE v.article_id = ?`
	sqlCheckpointAt     = `SELECT note FROM log_checkpoints WHERE size = ?`
	sqlInsertCheckpoint = `INSERT INTO log_checkpoints (size, note) VALUES (?, ?) ON CONFLICT DO NOTHING`
	sqlLatestCheckpoint = `SELECT size, note FROM log_checkpoints ORDER BY size DESC LIMIT 1`
)

// LogSize returns how many leaves the log holds.
func (s *Store) LogSize(ctx context.Context) (int64, error) {
	var n int64
	err := s.queryRow(ctx, sqlLogSize).Scan(&n)
	return n, s.wrap("log size", err)
}

func (s *Store) hashes(ctx context.Context) hashReader {
	return hashReader{ctx: ctx, q: storeQuerier{s}}
}

// LogTreeHash returns the root hash of the log's first size leaves.
func (s *Store) LogTreeHash(ctx context.Context, size int64) (sumtlog.Hash, error) {
	h, err := sumtlog.TreeHash(size, s.hashes(ctx))
	return h, s.wrap(fmt.Sprintf("log tree hash at %d", size), err)
}

// LogLeafHash returns the stored hash of leaf n.
func (s *Store) LogLeafHash(ctx context.Context, n int64) (sumtlog.Hash, error) {
	hs, err := s.hashes(ctx).ReadHashes([]int64{sumtlog.StoredHashIndex(0, n)})
	if err != nil {
		return sumtlog.Hash{}, s.wrap(fmt.Sprintf("log leaf %d", n), err)
	}
	return hs[0], nil
}

// VersionLeaf returns the index of the leaf recording version id, or
// ErrNotFound.
func (s *Store) VersionLeaf(ctx context.Context, versionID int64) (int64, error) {
	var n int64
	err := s.queryRow(ctx, sqlVersionLeaf, versionID).Scan(&n)
	return n, s.wrap(fmt.Sprintf("log leaf of version %d", versionID), noRows(err))
}

// CaptureLeaf returns the index of the leaf recording the capture stored
// under hash, or ErrNotFound.
func (s *Store) CaptureLeaf(ctx context.Context, hash string) (int64, error) {
	var n int64
	err := s.queryRow(ctx, sqlCaptureLeaf, hash).Scan(&n)
	return n, s.wrap("log leaf of capture "+hash, noRows(err))
}

// ArticleLeaves maps the id of each version of an article to the index of
// the leaf recording it.
func (s *Store) ArticleLeaves(ctx context.Context, articleID int64) (map[int64]int64, error) {
	op := fmt.Sprintf("log leaves of article %d", articleID)
	rows, err := s.query(ctx, sqlArticleLeaves, articleID)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	leaves := map[int64]int64{}
	for rows.Next() {
		var id, leaf int64
		if err := rows.Scan(&id, &leaf); err != nil {
			return nil, s.wrap(op, err)
		}
		leaves[id] = leaf
	}
	return leaves, s.wrap(op, rows.Err())
}

// LogTile returns the hashes of tile t of the log's Merkle tree
// (sumdb/tlog's tile layout), or ErrNotFound when the log holds too few
// leaves for it: hash tiles only, since a leaf's data is rebuilt from
// its row (see tlog.VersionLeaf) rather than stored.
func (s *Store) LogTile(ctx context.Context, t sumtlog.Tile) ([]byte, error) {
	op := "log " + t.Path()
	if t.L < 0 || t.H < 1 || t.W < 1 || t.W > 1<<t.H || t.N < 0 {
		return nil, s.wrap(op, ErrNotFound)
	}
	size, err := s.LogSize(ctx)
	if err != nil {
		return nil, err
	}
	level := uint(t.L * t.H)
	if level >= 63 || t.N > (size>>level)>>t.H || t.N<<t.H+int64(t.W) > size>>level {
		return nil, s.wrap(op, ErrNotFound)
	}
	data, err := sumtlog.ReadTileData(t, s.hashes(ctx))
	return data, s.wrap(op, err)
}

// LogInclusion proves that leaf n is in the tree of the first size leaves.
func (s *Store) LogInclusion(ctx context.Context, n, size int64) (sumtlog.RecordProof, error) {
	p, err := sumtlog.ProveRecord(size, n, s.hashes(ctx))
	return p, s.wrap(fmt.Sprintf("log inclusion of leaf %d in %d", n, size), err)
}

// LogConsistency proves that the tree of the first old leaves is a prefix
// of the tree of the first size leaves.
func (s *Store) LogConsistency(ctx context.Context, old, size int64) (sumtlog.TreeProof, error) {
	p, err := sumtlog.ProveTree(size, old, s.hashes(ctx))
	return p, s.wrap(fmt.Sprintf("log consistency of %d with %d", old, size), err)
}

// Checkpoint returns the signed checkpoint of the log as it stands,
// signing and keeping one the first time a size is asked for; later
// requests at the same size get the same note.
func (s *Store) Checkpoint(ctx context.Context, signer *tlog.Signer) ([]byte, tlog.Checkpoint, error) {
	size, err := s.LogSize(ctx)
	if err != nil {
		return nil, tlog.Checkpoint{}, err
	}
	return s.CheckpointAt(ctx, signer, size)
}

// CheckpointAt is Checkpoint for the tree of the first size leaves.
func (s *Store) CheckpointAt(ctx context.Context, signer *tlog.Signer, size int64) ([]byte, tlog.Checkpoint, error) {
	op := fmt.Sprintf("log checkpoint at %d", size)
	root, err := s.LogTreeHash(ctx, size)
	if err != nil {
		return nil, tlog.Checkpoint{}, err
	}
	c := tlog.Checkpoint{Origin: signer.Name(), Size: size, Root: root}
	var note string
	err = s.queryRow(ctx, sqlCheckpointAt, size).Scan(&note)
	if err == nil {
		return []byte(note), c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, c, s.wrap(op, err)
	}
	msg, err := signer.Sign(c)
	if err != nil {
		return nil, c, s.wrap(op, err)
	}
	err = s.write(ctx, op, func(tx *wtx) error {
		_, err := tx.ExecContext(ctx, sqlInsertCheckpoint, size, string(msg))
		return err
	})
	if err != nil {
		return nil, c, err
	}
	// Another process may have signed this size first; serve the kept one.
	if err := s.queryRow(ctx, sqlCheckpointAt, size).Scan(&note); err != nil {
		return nil, c, s.wrap(op, err)
	}
	return []byte(note), c, nil
}

// LatestCheckpoint returns the newest checkpoint kept, or ErrNotFound.
func (s *Store) LatestCheckpoint(ctx context.Context) (int64, []byte, error) {
	var size int64
	var note string
	err := s.queryRow(ctx, sqlLatestCheckpoint).Scan(&size, &note)
	return size, []byte(note), s.wrap("latest log checkpoint", noRows(err))
}
