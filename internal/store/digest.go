package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
)

// digestBatch is how many rows Digest reads per query.
const digestBatch = 1000

// Digest returns, for each data table, its row count and a SHA-256 over
// its rows in key order, as "<count> sha256:<hex>". Values are hashed by
// kind, not by how a driver prints them, so a SQLite database and its
// PostgreSQL copy have equal digests exactly when they hold the same rows.
func (s *Store) Digest(ctx context.Context) (map[string]string, error) {
	tx, err := s.snapshot(ctx)
	if err != nil {
		return nil, s.wrap("digest", err)
	}
	defer func() { _ = tx.Rollback() }()
	out := make(map[string]string, len(dataTables))
	for _, t := range dataTables {
		d := newTableDigest()
		err := eachPage(ctx, tx, s.d, t, digestBatch, func(page [][]any) error {
			d.add(page)
			return nil
		})
		if err != nil {
			return nil, s.wrap("digest", err)
		}
		out[t.name] = d.String()
	}
	return out, nil
}

// tableDigest hashes rows as a length-prefixed, kind-tagged stream, so no
// two different row lists can encode the same bytes.
type tableDigest struct {
	n int64
	h hash.Hash
}

func newTableDigest() *tableDigest { return &tableDigest{h: sha256.New()} }

func (d *tableDigest) add(page [][]any) {
	var buf [binary.MaxVarintLen64]byte
	for _, row := range page {
		d.n++
		for _, v := range row {
			switch v := v.(type) {
			case int64:
				d.h.Write([]byte{'i'})
				d.h.Write(buf[:binary.PutVarint(buf[:], v)])
			case string:
				d.h.Write([]byte{'t'})
				d.h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(v)))])
				d.h.Write([]byte(v))
			case []byte:
				d.h.Write([]byte{'b'})
				d.h.Write(buf[:binary.PutUvarint(buf[:], uint64(len(v)))])
				d.h.Write(v)
			}
		}
	}
}

func (d *tableDigest) String() string {
	return fmt.Sprintf("%d sha256:%x", d.n, d.h.Sum(nil))
}
