package export

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/tlog"
)

// Snapshot is the evidence log's checkpoint an export is taken at. An
// export with a snapshot holds exactly the versions (and, in WARC, the
// captures) whose leaves the checkpoint's tree covers, each with its leaf
// index, so every one of them can be proven to be in that signed tree;
// rows recorded while the export runs are left for the next one.
type Snapshot struct {
	Size int64  // leaves the checkpoint's tree covers
	Note []byte // the signed checkpoint (golang.org/x/mod/sumdb/note)
}

// TakeSnapshot signs the log's checkpoint as it stands.
func TakeSnapshot(ctx context.Context, st *store.Store, signer *tlog.Signer) (*Snapshot, error) {
	note, c, err := st.Checkpoint(ctx, signer)
	if err != nil {
		return nil, fmt.Errorf("export: checkpoint: %w", err)
	}
	return &Snapshot{Size: c.Size, Note: note}, nil
}

// covers reports whether the snapshot's tree holds leaf (known says the
// row has one at all). Without a snapshot everything is exported.
func (s *Snapshot) covers(leaf int64, known bool) bool {
	return s == nil || (known && leaf < s.Size)
}

// keep returns the versions of an article that s covers, each with the
// index of its leaf (-1 where the log has none, only without a
// snapshot). later is true when the article has versions but s covers
// none of them: it came into the record after the checkpoint.
func (s *Snapshot) keep(vs []model.Version, leaves map[int64]int64) (kept []model.Version, leafOf []int64, later bool) {
	all := len(vs)
	kept, leafOf = vs[:0], make([]int64, 0, len(vs))
	for _, v := range vs {
		leaf, ok := leaves[v.ID]
		if !s.covers(leaf, ok) {
			continue
		}
		if !ok {
			leaf = -1
		}
		kept, leafOf = append(kept, v), append(leafOf, leaf)
	}
	return kept, leafOf, all > 0 && len(kept) == 0
}

// leafRef is a leaf index for JSON, null where the log has none.
func leafRef(leaf int64) *int64 {
	if leaf < 0 {
		return nil
	}
	return &leaf
}
