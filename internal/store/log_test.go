package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/tlog"
	sumtlog "golang.org/x/mod/sumdb/tlog"
)

func testSigner(t testing.TB) *tlog.Signer {
	t.Helper()
	skey, _, err := tlog.GenerateKey("errata.test")
	if err != nil {
		t.Fatal(err)
	}
	s, err := tlog.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// recordVersion records version seq of a with a capture of its own.
func recordVersion(t testing.TB, s *Store, a model.Article, seq int) int64 {
	t.Helper()
	c := capture("cap" + string(rune('a'+seq)))
	v := version(a.ID, seq)
	v.CaptureHash = c.Hash
	id, err := s.Record(context.Background(), CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
		Capture: c, Version: v})
	if err != nil {
		t.Fatalf("Record seq %d: %v", seq, err)
	}
	return id
}

func TestLog_RecordAppendsCaptureAndVersionWithProof(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		id := recordVersion(t, s, a, 0)
		if n, err := s.LogSize(ctx); err != nil || n != 2 {
			t.Fatalf("LogSize = %d, %v; want 2 (capture, version)", n, err)
		}
		leaf, err := s.VersionLeaf(ctx, id)
		if err != nil || leaf != 1 {
			t.Fatalf("VersionLeaf = %d, %v; want 1", leaf, err)
		}
		vs, _ := s.Versions(ctx, a.ID)
		want := tlog.LeafHash(versionLeaf(vs[0], a.URL).Encode())
		if got, err := s.LogLeafHash(ctx, leaf); err != nil || got != want {
			t.Fatalf("leaf hash %v, %v; want the hash of the version's leaf", got, err)
		}
		recordVersion(t, s, a, 1)
		root, err := s.LogTreeHash(ctx, 4)
		if err != nil {
			t.Fatal(err)
		}
		proof, err := s.LogInclusion(ctx, leaf, 4)
		if err != nil {
			t.Fatal(err)
		}
		if err := sumtlog.CheckRecord(proof, 4, root, leaf, want); err != nil {
			t.Fatalf("inclusion proof does not check: %v", err)
		}
	})
}

func TestLog_KnownCaptureAndFailedRecordAddNoLeaf(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		recordVersion(t, s, a, 0)
		// The same capture again, and a version whose seq is taken.
		c := capture("cap" + "a")
		_, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
			Capture: c, Version: version(a.ID, 0)})
		if !errors.Is(err, ErrDuplicateVersion) {
			t.Fatalf("Record = %v; want ErrDuplicateVersion", err)
		}
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeUnchanged),
			Capture: c}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.LogSize(ctx); err != nil || n != 2 {
			t.Fatalf("LogSize = %d, %v; want 2", n, err)
		}
	})
}

func TestLog_CheckpointsAreSignedKeptAndConsistent(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		signer := testSigner(t)
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		recordVersion(t, s, a, 0)
		msg1, c1, err := s.Checkpoint(ctx, signer)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := tlog.Open(msg1, signer.VerifierKey()); err != nil || got != c1 || got.Size != 2 {
			t.Fatalf("checkpoint %+v, %v; want %+v at size 2", got, err, c1)
		}
		again, _, err := s.Checkpoint(ctx, signer)
		if err != nil || string(again) != string(msg1) {
			t.Fatalf("second checkpoint at one size differs: %q vs %q (%v)", again, msg1, err)
		}
		recordVersion(t, s, a, 1)
		recordVersion(t, s, a, 2)
		_, c2, err := s.Checkpoint(ctx, signer)
		if err != nil || c2.Size != 6 {
			t.Fatalf("checkpoint %+v, %v; want size 6", c2, err)
		}
		proof, err := s.LogConsistency(ctx, c1.Size, c2.Size)
		if err != nil {
			t.Fatal(err)
		}
		if err := sumtlog.CheckTree(proof, c2.Size, c2.Root, c1.Size, c1.Root); err != nil {
			t.Fatalf("consistency proof does not check: %v", err)
		}
		if size, note, err := s.LatestCheckpoint(ctx); err != nil || size != 6 || len(note) == 0 {
			t.Fatalf("LatestCheckpoint = %d, %v", size, err)
		}
	})
}

// A store made before the log gets its rows appended by the migration.
func TestMigrate_0014LogsExistingRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "errata.db")
	old, err := OpenOptions(ctx, path, Options{schema: logMigration - 1})
	if err != nil {
		t.Fatal(err)
	}
	a := mustArticle(t, old, mustOldOutlet(t, old, "Daily"), "https://d.example/a")
	for seq := range 3 {
		c := capture("cap" + string(rune('a'+seq)))
		v := version(a.ID, seq)
		_, err := old.w.ExecContext(ctx, `INSERT INTO captures (hash, url, status, fetched_at, size) VALUES (?, ?, ?, ?, ?)`,
			c.Hash, c.URL, c.Status, nanos(c.FetchedAt), c.Size)
		if err != nil {
			t.Fatal(err)
		}
		_, err = old.w.ExecContext(ctx, `INSERT INTO versions (article_id, seq, fetched_at, title, text, capture_hash)
			VALUES (?, ?, ?, ?, ?, ?)`, v.ArticleID, v.Seq, nanos(v.FetchedAt), v.Title, v.Text, c.Hash)
		if err != nil {
			t.Fatal(err)
		}
	}
	_ = old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.LogSize(ctx); err != nil || n != 6 {
		t.Fatalf("LogSize = %d, %v; want 6", n, err)
	}
	vs, _ := s.Versions(ctx, a.ID)
	leaf, err := s.VersionLeaf(ctx, vs[0].ID)
	if err != nil || leaf != 3 {
		t.Fatalf("first version's leaf = %d, %v; want 3, after the captures", leaf, err)
	}
}

func tlogLeafHash(data []byte) sumtlog.Hash { return tlog.LeafHash(data) }

func storedIndex(leaf int64) int64 { return sumtlog.StoredHashIndex(0, leaf) }
