package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// editedText is an article's text at edit seq: long enough to be packed
// as a delta, each edit adding a sentence to the last paragraph.
func editedText(seq int) string {
	var b strings.Builder
	b.WriteString("Para one. The harbour council met on Tuesday evening to vote on the budget for the coming year.\n\n")
	b.WriteString("Para two. Councillors argued for three hours over the cost of repairing the sea wall, which the storms of last winter broke in two places.\n\n")
	b.WriteString("The mayor said the town could not wait for another winter, and that the money would be found from reserves if the grant did not come through.")
	for i := range seq {
		fmt.Fprintf(&b, " Update %d: the vote was adjourned to the next meeting.", i+1)
	}
	return b.String()
}

// rewrittenText shares little with editedText and does not repeat
// itself, so it packs to no small delta against it.
func rewrittenText(seq int) string {
	r := rand.New(rand.NewPCG(uint64(seq), 7))
	words := strings.Fields("lighthouse keeper retired quietly after forty winters north harbour beacon lamp oil storm ferry " +
		"crossing gulls rocks tide chart log entries visitors island school children museum ribbon cut speech")
	var b strings.Builder
	for b.Len() < 900 {
		b.WriteString(words[r.IntN(len(words))])
		fmt.Fprintf(&b, " %d ", r.IntN(10000))
	}
	return b.String()
}

type storedRow struct {
	id, base int64
	text     string
	delta    int
}

func storedRows(t *testing.T, s *Store, articleID int64) []storedRow {
	t.Helper()
	rows, err := s.w.QueryContext(context.Background(), s.d.rebind(
		`SELECT id, text_base, text, length(text_delta) FROM versions WHERE article_id = ? ORDER BY seq`), articleID)
	if err != nil {
		t.Fatal(err)
	}
	out, err := collect(rows, func(sc scanner) (storedRow, error) {
		var r storedRow
		return r, sc.Scan(&r.id, &r.base, &r.text, &r.delta)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// An article's later versions are stored as deltas against its first,
// until one is rewritten: that one is stored whole and the versions
// after it are packed against it. Every read gives the whole text.
func TestTextDelta_StoredAgainstABaseReadWhole(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		texts := []string{editedText(0), editedText(1), editedText(2), rewrittenText(3), rewrittenText(3) + "Corrected.", "Short."}
		a := recordTexts(t, s, o, "https://d.example/a", texts...)

		rows := storedRows(t, s, a.ID)
		want := []struct {
			base  int64
			whole bool
		}{{0, true}, {rows[0].id, false}, {rows[0].id, false}, {0, true}, {rows[3].id, false}, {0, true}}
		for i, w := range want {
			r := rows[i]
			if r.base != w.base || (r.text != "") != w.whole || (r.delta > 0) == w.whole {
				t.Errorf("version %d stored as %+v; want base %d, whole %v", i, r, w.base, w.whole)
			}
			if !w.whole && r.delta*4 > len(texts[i]) {
				t.Errorf("version %d: a delta of %d bytes for a text of %d", i, r.delta, len(texts[i]))
			}
		}

		vs, err := s.Versions(ctx, a.ID)
		if err != nil || len(vs) != len(texts) {
			t.Fatalf("Versions = %d, %v", len(vs), err)
		}
		for i, v := range vs {
			if v.Text != texts[i] {
				t.Errorf("Versions[%d].Text = %q", i, v.Text)
			}
			one, err := s.VersionBySeq(ctx, a.ID, i)
			if err != nil || one.Text != texts[i] {
				t.Errorf("VersionBySeq(%d) = %q, %v", i, one.Text, err)
			}
			if byID, err := s.VersionByID(ctx, v.ID); err != nil || byID.Text != texts[i] {
				t.Errorf("VersionByID(%d) = %q, %v", v.ID, byID.Text, err)
			}
		}
		// Search indexes the whole text of a delta, and its excerpt is
		// cut from it.
		hits, err := searchAll(ctx, s, "adjourned")
		if err != nil || len(hits) != 1 || hits[0].Seq != 2 || !strings.Contains(hits[0].Snippet, "adjourned") {
			t.Errorf("search for a word only deltas hold = %+v, %v", hits, err)
		}
		arts, err := s.StoryArticles(ctx, []int64{a.ID})
		if err != nil || len(arts) != 1 || arts[0].Text != texts[5] {
			t.Errorf("StoryArticles = %+v, %v", arts, err)
		}
		rep, err := s.VerifyLog(ctx, "")
		if err != nil || len(rep.Findings) != 0 {
			t.Errorf("VerifyLog = %+v, %v; want no findings", rep, err)
		}
	})
}

// A purge takes an article's deltas out of the search index, and the
// index stays consistent.
func TestTextDelta_PurgedFromSearch(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := recordTexts(t, s, o, "https://d.example/a", editedText(0), editedText(1), editedText(2))
		b := recordTexts(t, s, o, "https://d.example/b", editedText(0), editedText(1))
		if _, err := s.PurgeArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if s.d != dialectPostgres {
			if _, err := s.w.ExecContext(ctx, `INSERT INTO version_search (version_search, rank) VALUES ('integrity-check', 1)`); err != nil {
				t.Fatalf("full-text index after the purge: %v", err)
			}
		}
		if hits, err := searchAll(ctx, s, "adjourned"); err != nil || len(hits) != 1 || hits[0].ArticleID != b.ID {
			t.Errorf("search after the purge = %+v, %v; want article b only", hits, err)
		}
	})
}

// A delta that no longer unpacks, or whose base changed, is a finding of
// the log's verification and an error to a reader, never another text.
func TestTextDelta_TamperedDeltaIsFoundNotRead(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stmt   func(rows []storedRow) string
		victim func(rows []storedRow) int64
	}{
		{"delta truncated", func(rows []storedRow) string {
			return fmt.Sprintf(`UPDATE versions SET text_delta = substr(text_delta, 1, 8) WHERE id = %d`, rows[1].id)
		}, func(rows []storedRow) int64 { return rows[1].id }},
		{"base edited", func(rows []storedRow) string {
			return fmt.Sprintf(`UPDATE versions SET text = replace(text, 'harbour', 'harbor') WHERE id = %d`, rows[0].id)
		}, func(rows []storedRow) int64 { return rows[2].id }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachStore(t, func(t *testing.T, s *Store) {
				ctx := context.Background()
				o := mustOutlet(t, s, "Daily")
				a := recordTexts(t, s, o, "https://d.example/a", editedText(0), editedText(1), editedText(2))
				rows := storedRows(t, s, a.ID)
				stmt := tc.stmt(rows)
				if s.d == dialectPostgres {
					stmt = strings.Replace(stmt, "substr(text_delta, 1, 8)", "substring(text_delta from 1 for 8)", 1)
				}
				tamper(t, s, stmt)
				victim := tc.victim(rows)
				if v, err := s.VersionByID(ctx, victim); err == nil {
					t.Errorf("VersionByID(%d) read %q from a tampered delta", victim, v.Text)
				}
				got := strings.Join(verifyFindings(t, s, ""), "\n")
				if want := fmt.Sprintf("versions %d: changed", victim); !strings.Contains(got, want) {
					t.Errorf("findings %q; want %q", got, want)
				}
			})
		})
	}
}

// After a purge of the newest versions, new versions take new ids, not
// the purged ones the log's leaves still hold (SQLite reuses the largest
// id plus one unless told otherwise).
func TestPurge_NewestArticleThenRecordAgain(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		recordTexts(t, s, o, "https://d.example/a", editedText(0))
		b := recordTexts(t, s, o, "https://d.example/b", editedText(0), editedText(1))
		vs, _ := s.Versions(ctx, b.ID)
		if _, err := s.PurgeArticle(ctx, b.ID); err != nil {
			t.Fatal(err)
		}
		c := recordTexts(t, s, o, "https://d.example/c", editedText(0), editedText(1))
		got, err := s.Versions(ctx, c.ID)
		if err != nil || len(got) != 2 || got[0].ID <= vs[1].ID {
			t.Fatalf("versions after the purge = %+v, %v; want ids above %d", got, err, vs[1].ID)
		}
		if rep, err := s.VerifyLog(ctx, ""); err != nil || len(rep.Findings) != 0 {
			t.Errorf("VerifyLog = %+v, %v; want no findings", rep, err)
		}
	})
}
