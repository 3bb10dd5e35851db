package export

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/parquet-go/parquet-go"
)

// ParquetVersion is one row of the Parquet export: a version with its
// article's facts repeated, so pandas, DuckDB or Spark read the file as one
// table without joins. Edits are the sentence edits from the previous
// version (empty for the first).
type ParquetVersion struct {
	ArticleID   int64         `parquet:"article_id"`
	URL         string        `parquet:"url,dict"`
	Outlet      string        `parquet:"outlet,dict"`
	Seq         int32         `parquet:"seq"`
	FetchedAt   time.Time     `parquet:"fetched_at,timestamp(millisecond)"`
	Published   *time.Time    `parquet:"published,optional,timestamp(millisecond)"`
	Modified    *time.Time    `parquet:"modified,optional,timestamp(millisecond)"`
	Title       string        `parquet:"title"`
	Byline      string        `parquet:"byline"`
	Text        string        `parquet:"text,zstd"`
	Hash        string        `parquet:"hash"`
	CaptureHash string        `parquet:"capture_hash"`
	Extractor   string        `parquet:"extractor,dict"`
	Classes     []string      `parquet:"classes,list"`
	Added       int32         `parquet:"added"`
	Removed     int32         `parquet:"removed"`
	Edits       []ParquetEdit `parquet:"edits,list"`
	// LogLeaf is the version's leaf in the evidence log (null without
	// one); the file's key-value metadata CheckpointKey holds the signed
	// checkpoint the export was taken at.
	LogLeaf *int64 `parquet:"log_leaf,optional"`
}

// CheckpointKey is the Parquet file metadata key holding the signed
// checkpoint of the evidence log that the export was taken at.
const CheckpointKey = "errata.log_checkpoint"

// ParquetEdit is one sentence edit in the Parquet export.
type ParquetEdit struct {
	Action  string `parquet:"action,dict"`
	Old     *int32 `parquet:"old,optional"`
	New     *int32 `parquet:"new,optional"`
	OldText string `parquet:"old_text"`
	NewText string `parquet:"new_text"`
}

// parquetRowGroup is how many versions go into one row group: readers load
// a group at a time, and the writer holds one in memory.
const parquetRowGroup = 2000

// Parquet writes every version snap covers (all when snap is nil) as one
// Parquet table, article by article in the order first seen. It returns
// how many versions it wrote.
func Parquet(ctx context.Context, st *store.Store, w io.Writer, snap *Snapshot) (int, error) {
	opts := []parquet.WriterOption{parquet.Compression(&parquet.Zstd), parquet.CreatedBy("errata", "", "")}
	if snap != nil {
		opts = append(opts, parquet.KeyValueMetadata(CheckpointKey, string(snap.Note)))
	}
	pw := parquet.NewGenericWriter[ParquetVersion](w, opts...)
	outlets := &outletNames{st: st, names: map[int64]string{}}
	n, inGroup := 0, 0
	// Rows are made on every core, a chunk of articles at a time, and
	// written (and compressed) in order.
	err := inOrder(ctx, st, func(ctx context.Context, arts []model.Article) ([]ParquetVersion, error) {
		recs, err := pageRecords(ctx, st, arts)
		if err != nil {
			return nil, err
		}
		var rows []ParquetVersion
		for _, a := range arts {
			more, err := parquetRows(ctx, a, recs[a.ID], outlets, snap)
			if err != nil {
				return nil, err
			}
			rows = append(rows, more...)
		}
		return rows, nil
	}, func(rows []ParquetVersion) error {
		if _, err := pw.Write(rows); err != nil {
			return fmt.Errorf("export: parquet: %w", err)
		}
		n += len(rows)
		if inGroup += len(rows); inGroup >= parquetRowGroup {
			if err := pw.Flush(); err != nil {
				return fmt.Errorf("export: parquet: %w", err)
			}
			inGroup = 0
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := pw.Close(); err != nil {
		return n, fmt.Errorf("export: parquet: %w", err)
	}
	return n, nil
}

func parquetRows(ctx context.Context, a model.Article, rec *store.ArticleRecord, outlets *outletNames, snap *Snapshot) ([]ParquetVersion, error) {
	vs, leaves, _ := snap.keep(rec.Versions, rec.Leaves)
	if len(vs) == 0 {
		return nil, nil
	}
	name, err := outlets.name(ctx, a.OutletID)
	if err != nil {
		return nil, err
	}
	rows := make([]ParquetVersion, 0, len(vs))
	var split sentences
	for i, v := range vs {
		r := ParquetVersion{
			ArticleID: a.ID, URL: a.URL, Outlet: name, Seq: int32(v.Seq), FetchedAt: v.FetchedAt.UTC(),
			Title: v.Title, Byline: v.Byline, Text: v.Text, Hash: v.Hash, CaptureHash: v.CaptureHash,
			Extractor: v.Extractor, Classes: v.Classes, Added: int32(v.Added), Removed: int32(v.Removed),
			LogLeaf: leafRef(leaves[i]),
		}
		if !v.Published.IsZero() {
			p := v.Published.UTC()
			r.Published = &p
		}
		if !v.Modified.IsZero() {
			m := v.Modified.UTC()
			r.Modified = &m
		}
		if i > 0 {
			for _, e := range edits(versionEdits(rec, vs[i-1], v, &split)) {
				r.Edits = append(r.Edits, ParquetEdit{Action: e.Action, Old: int32p(e.Old), New: int32p(e.New),
					OldText: e.OldText, NewText: e.NewText})
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

func int32p(i *int) *int32 {
	if i == nil {
		return nil
	}
	v := int32(*i)
	return &v
}
