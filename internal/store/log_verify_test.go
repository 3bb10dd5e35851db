package store

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
)

// tamper runs statements as someone editing the database directly would,
// after dropping the append-only triggers in their way.
func tamper(t *testing.T, s *Store, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	for _, trig := range []string{"versions_no_update", "versions_no_delete", "captures_no_update", "captures_no_delete",
		"log_hashes_no_update", "log_leaves_no_update"} {
		table := strings.TrimSuffix(strings.TrimSuffix(trig, "_no_update"), "_no_delete")
		q := "DROP TRIGGER IF EXISTS " + trig
		if s.d == dialectPostgres {
			q += " ON " + table
		}
		if _, err := s.w.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	for _, q := range stmts {
		if _, err := s.w.ExecContext(ctx, s.d.rebind(q)); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// loggedStore records two articles' versions with real capture bodies and
// keeps a checkpoint; it returns the versions and the verifier key.
func loggedStore(t *testing.T, s *Store) ([]model.Version, string) {
	t.Helper()
	ctx := context.Background()
	o := mustOutlet(t, s, "Daily")
	var out []model.Version
	for i, url := range []string{"https://d.example/a", "https://d.example/b"} {
		a := mustArticle(t, s, o.ID, url)
		for seq := range 2 {
			body := fmt.Sprintf("<p>page %d of %s</p>", seq, url)
			hash, blob, err := archive.Pack([]byte(body))
			if err != nil {
				t.Fatal(err)
			}
			c := &model.Capture{Hash: hash, URL: url, Status: 200, FetchedAt: t0, Size: int64(len(body)), Body: blob}
			v := version(a.ID, seq)
			v.CaptureHash, v.Text = hash, fmt.Sprintf("text %d %d", i, seq)
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
				Capture: c, Version: v}); err != nil {
				t.Fatal(err)
			}
		}
		vs, _ := s.Versions(ctx, a.ID)
		out = append(out, vs...)
	}
	signer := testSigner(t)
	if _, _, err := s.Checkpoint(ctx, signer); err != nil {
		t.Fatal(err)
	}
	return out, signer.VerifierKey()
}

func verifyFindings(t *testing.T, s *Store, vkey string) []string {
	t.Helper()
	rep, err := s.VerifyLog(context.Background(), vkey)
	if err != nil {
		t.Fatalf("VerifyLog: %v", err)
	}
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.String())
	}
	return out
}

func TestVerifyLog_UntouchedStorePasses(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		_, vkey := loggedStore(t, s)
		rep, err := s.VerifyLog(context.Background(), vkey)
		if err != nil || len(rep.Findings) != 0 || rep.Leaves != 8 || rep.Checkpoint != 8 {
			t.Fatalf("VerifyLog = %+v, %v; want 8 leaves, checkpoint 8, no findings", rep, err)
		}
	})
}

func TestVerifyLog_NamesTheTamperedRow(t *testing.T) {
	cases := []struct {
		name  string
		stmts func(vs []model.Version) []string
		want  func(vs []model.Version) string
	}{
		{"text edited",
			func(vs []model.Version) []string {
				return []string{fmt.Sprintf(`UPDATE versions SET text = 'rewritten' WHERE id = %d`, vs[1].ID)}
			},
			func(vs []model.Version) string { return fmt.Sprintf("versions %d: changed", vs[1].ID) }},
		{"capture deleted",
			func(vs []model.Version) []string {
				return []string{fmt.Sprintf(`DELETE FROM captures WHERE hash = '%s'`, vs[2].CaptureHash)}
			},
			func(vs []model.Version) string { return fmt.Sprintf("captures %s: removed", vs[2].CaptureHash) }},
		{"capture body swapped",
			func(vs []model.Version) []string {
				return []string{fmt.Sprintf(`UPDATE captures SET body = (SELECT body FROM captures WHERE hash = '%s') WHERE hash = '%s'`,
					vs[0].CaptureHash, vs[3].CaptureHash)}
			},
			func(vs []model.Version) string { return fmt.Sprintf("captures %s: changed", vs[3].CaptureHash) }},
		{"version inserted with a past time",
			func(vs []model.Version) []string {
				return []string{fmt.Sprintf(`INSERT INTO versions (article_id, seq, fetched_at, title, text) VALUES (%d, 7, %d, 'Old', 'planted')`,
					vs[0].ArticleID, nanos(t0)-1)}
			},
			func(vs []model.Version) string { return "not in the log: article" }},
		{"version logged out of order",
			func(vs []model.Version) []string {
				// The leaves of an article's two versions swapped: each
				// row matches no leaf, and seq 0 follows seq 1.
				return []string{
					fmt.Sprintf(`UPDATE log_leaves SET version_id = -1 WHERE version_id = %d`, vs[0].ID),
					fmt.Sprintf(`UPDATE log_leaves SET version_id = %d WHERE version_id = %d`, vs[0].ID, vs[1].ID),
					fmt.Sprintf(`UPDATE log_leaves SET version_id = %d WHERE version_id = -1`, vs[1].ID),
				}
			},
			func(vs []model.Version) string { return fmt.Sprintf("versions %d: out of order", vs[0].ID) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			forEachStore(t, func(t *testing.T, s *Store) {
				vs, vkey := loggedStore(t, s)
				tamper(t, s, tc.stmts(vs)...)
				got := verifyFindings(t, s, vkey)
				want := tc.want(vs)
				for _, f := range got {
					if strings.Contains(f, want) {
						return
					}
				}
				t.Fatalf("findings %q; want one containing %q", got, want)
			})
		})
	}
}

func TestVerifyLog_RewrittenTreeFailsTheCheckpoint(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		vs, vkey := loggedStore(t, s)
		// Edit a version and recompute its leaf hash: the leaf matches
		// again, but the tree no longer has the signed root.
		tamper(t, s, fmt.Sprintf(`UPDATE versions SET title = 'Quietly' WHERE id = %d`, vs[0].ID))
		ctx := context.Background()
		leaf, err := s.VersionLeaf(ctx, vs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		edited := vs[0]
		edited.Title = "Quietly"
		h := tlogLeafHash(versionLeaf(edited, "https://d.example/a").Encode())
		if _, err := s.w.ExecContext(ctx, s.d.rebind(`UPDATE log_hashes SET hash = ? WHERE idx = ?`), h[:],
			storedIndex(leaf)); err != nil {
			t.Fatal(err)
		}
		got := strings.Join(verifyFindings(t, s, vkey), "\n")
		if !strings.Contains(got, "log_checkpoints 8:") {
			t.Fatalf("findings %q; want the checkpoint's root to differ", got)
		}
	})
}

// Versions imported from an archive may arrive in any order; that is not
// tampering.
func TestVerifyLog_ImportedVersionsInAnyOrderPass(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "Daily").ID, "https://d.example/a")
		for _, seq := range []int{2, 0, 1} {
			v := version(a.ID, seq)
			v.Hash = fmt.Sprintf("h%d", seq)
			if _, err := s.ImportVersion(ctx, *v); err != nil {
				t.Fatal(err)
			}
		}
		if got := verifyFindings(t, s, ""); len(got) != 0 {
			t.Fatalf("findings %q; want none", got)
		}
	})
}

// A purge deletes rows the log records; its own leaf says which, so
// verify expects them gone, and the purge stays visible in the log.
func TestVerifyLog_PurgeIsLoggedNotReported(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		vs, vkey := loggedStore(t, s)
		if _, err := s.PurgeArticle(ctx, vs[0].ArticleID); err != nil {
			t.Fatal(err)
		}
		rep, err := s.VerifyLog(ctx, vkey)
		if err != nil || len(rep.Findings) != 0 || rep.Purged != 4 || rep.Leaves != 9 {
			t.Fatalf("VerifyLog = %+v, %v; want 4 purged rows, 9 leaves, no findings", rep, err)
		}
		// The same rows deleted behind errata's back are reported.
		tamper(t, s, fmt.Sprintf(`DELETE FROM captures WHERE hash = '%s'`, vs[2].CaptureHash))
		if got := strings.Join(verifyFindings(t, s, vkey), "\n"); !strings.Contains(got, "captures "+vs[2].CaptureHash+": removed") {
			t.Fatalf("findings %q; want the deleted version", got)
		}
	})
}
