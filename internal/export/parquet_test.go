package export

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/store"
	"github.com/parquet-go/parquet-go"
)

// The Parquet export holds a row per version, oldest first per article,
// with its sentence edits; read back, it equals what was stored.
func TestParquet_RoundTrip(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	seed(t, st, "https://planet.example/mayor", "The mayor resigned.", "The mayor resigned on Tuesday. A vote follows.")
	seed(t, st, "https://planet.example/once", "Only one version.")
	var buf bytes.Buffer
	n, err := Parquet(ctx, st, &buf, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 || !bytes.HasPrefix(buf.Bytes(), []byte("PAR1")) || !bytes.HasSuffix(buf.Bytes(), []byte("PAR1")) {
		t.Fatalf("wrote %d rows, %d bytes, not a Parquet file", n, buf.Len())
	}
	rows, err := parquet.Read[ParquetVersion](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("read %d rows", len(rows))
	}
	r := rows[1]
	if r.URL != "https://planet.example/mayor" || r.Outlet != "Daily Planet" || r.Seq != 1 ||
		r.Text != "The mayor resigned on Tuesday. A vote follows." || r.FetchedAt.IsZero() {
		t.Errorf("row 1 = %+v", r)
	}
	if len(r.Edits) != 2 || r.Edits[0].Action != "edited" || r.Edits[1].Action != "added" || r.Edits[1].Old != nil || *r.Edits[1].New != 1 {
		t.Errorf("row 1 edits = %+v", r.Edits)
	}
	if len(rows[0].Edits) != 0 || rows[2].Seq != 0 {
		t.Errorf("first versions carry edits or the wrong seq: %+v, %+v", rows[0].Edits, rows[2].Seq)
	}
}
