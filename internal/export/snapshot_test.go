package export

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/tlog"
	"github.com/errata/errata/internal/warc"
)

// TestSnapshot_EveryFormatHoldsWhatItsCheckpointCovers: a snapshot is
// taken, more versions are recorded, and every export made with the
// snapshot holds exactly the versions of its tree, each with a leaf
// inside it, and (WARC, NewsEdits, Parquet) carries the signed checkpoint
// that verifies with the log's key.
func TestSnapshot_EveryFormatHoldsWhatItsCheckpointCovers(t *testing.T) {
	ctx := context.Background()
	st := seedWARC(t, 2, 2, []byte("<html><body><p>Page.</p></body></html>"))
	skey, vkey, err := tlog.GenerateKey("errata-test")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := tlog.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := TakeSnapshot(ctx, st, signer)
	if err != nil {
		t.Fatal(err)
	}
	if c, err := tlog.Open(snap.Note, vkey); err != nil || c.Size != snap.Size || snap.Size != 8 {
		t.Fatalf("snapshot %d leaves, checkpoint %+v, %v; want 8 leaves (4 captures, 4 versions) signed", snap.Size, c, err)
	}
	// Recorded after the checkpoint: a third version of each article and
	// a new article.
	recordMore(t, st)

	var jl bytes.Buffer
	n, err := JSONL(ctx, st, &jl, snap)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	sc := bufio.NewScanner(&jl)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		for _, v := range a.Versions {
			if v.LogLeaf == nil || *v.LogLeaf >= snap.Size {
				t.Errorf("%s v%d: leaf %v outside the checkpoint's %d", a.URL, v.Seq, v.LogLeaf, snap.Size)
			}
			seen++
		}
	}
	if n != 2 || seen != 4 {
		t.Errorf("JSONL: %d articles, %d versions; want the 2 articles and 4 versions of the checkpoint", n, seen)
	}
	if all, err := JSONL(ctx, st, &bytes.Buffer{}, nil); err != nil || all != 3 {
		t.Errorf("JSONL without a snapshot: %d articles, %v; want all 3", all, err)
	}

	var wb bytes.Buffer
	stats, err := WARC(ctx, st, &wb, WARCOptions{Snapshot: snap})
	if err != nil {
		t.Fatal(err)
	}
	if stats.Captures != 4 || stats.Versions != 4 {
		t.Errorf("WARC: %d captures, %d versions; want 4 and 4", stats.Captures, stats.Versions)
	}
	var kept []byte
	r := warc.NewReader(bytes.NewReader(wb.Bytes()), 0)
	for {
		rec, err := r.Next()
		if err != nil {
			break
		}
		if rec.Type == "metadata" && strings.HasPrefix(rec.ContentType, "text/plain") {
			kept = rec.Body
		}
	}
	if !bytes.Equal(kept, snap.Note) {
		t.Errorf("WARC checkpoint record %q, want %q", kept, snap.Note)
	}

	path := filepath.Join(t.TempDir(), "newsedits.db")
	if ne, err := NewsEdits(ctx, st, path, snap); err != nil || ne.Versions != 4 {
		t.Fatalf("NewsEdits: %+v, %v; want 4 versions", ne, err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var size int64
	var note string
	if err := db.QueryRow(`SELECT size, note FROM errata_checkpoint`).Scan(&size, &note); err != nil || size != snap.Size || note != string(snap.Note) {
		t.Errorf("errata_checkpoint: %d %q, %v", size, note, err)
	}
	var maxLeaf int64
	if err := db.QueryRow(`SELECT max(log_leaf) FROM entryversion`).Scan(&maxLeaf); err != nil || maxLeaf >= snap.Size {
		t.Errorf("entryversion max(log_leaf) %d, %v; want below %d", maxLeaf, err, snap.Size)
	}

	var pb bytes.Buffer
	if rows, err := Parquet(ctx, st, &pb, snap); err != nil || rows != 4 {
		t.Fatalf("Parquet: %d rows, %v; want 4", rows, err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(pb.Bytes()), int64(pb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := f.Lookup(CheckpointKey); !ok || got != string(snap.Note) {
		t.Errorf("Parquet %s = %q, %v", CheckpointKey, got, ok)
	}
}

// recordMore records, after what seedWARC made, a third version of its
// first article and a new article with one version, and returns how many
// versions it added.
func recordMore(t *testing.T, st *store.Store) int {
	t.Helper()
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, "The Ledger", "ledger.example")
	if err != nil {
		t.Fatal(err)
	}
	added := 0
	for _, p := range []struct {
		url string
		seq int
	}{{"https://ledger.example/0", 2}, {"https://ledger.example/later", 0}} {
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: p.url, FirstSeen: warcBase, State: model.StateActive})
		if err != nil {
			t.Fatal(err)
		}
		at := warcBase.Add(24 * time.Hour)
		page := []byte("<p>Later " + p.url + "</p>")
		hash, blob, err := archive.Pack(page)
		if err != nil {
			t.Fatal(err)
		}
		a.LastChecked = at
		if _, err := st.Record(ctx, store.CheckRecord{
			Article: a, Check: model.Check{At: at, Status: 200, Outcome: model.OutcomeNewVersion},
			Capture: &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: at, Size: int64(len(page)), Body: blob},
			Version: &model.Version{Seq: p.seq, FetchedAt: at, Title: "Later", Text: "Later text.", Hash: "later-" + p.url, CaptureHash: hash},
		}); err != nil {
			t.Fatal(err)
		}
		added++
	}
	return added
}
