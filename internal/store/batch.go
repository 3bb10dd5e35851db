package store

import (
	"context"
	"fmt"
)

// RecordBatch persists many checks in one transaction, all or nothing, and
// returns the inserted versions' IDs (0 where a record has no version).
// Bulk loads (imports, benchmarks) pay one commit per batch instead of one
// per check.
func (s *Store) RecordBatch(ctx context.Context, recs []CheckRecord) ([]int64, error) {
	ids := make([]int64, len(recs))
	err := s.write(ctx, fmt.Sprintf("record %d checks", len(recs)), func(tx *wtx) error {
		for i, rec := range recs {
			id, err := recordTx(ctx, tx, rec)
			if err != nil {
				return err
			}
			ids[i] = id
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}
