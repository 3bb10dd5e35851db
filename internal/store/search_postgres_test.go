package store

import (
	"context"
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

// seedSearch is a PostgreSQL store with more versions than a candidate
// walk covers: "edition 0" matches only the oldest fifth, out of the
// walk's reach; an article's number matches its five versions.
func seedSearch(t *testing.T) (*Store, int) {
	t.Helper()
	s, _ := openPostgresTemp(t)
	walk, _ := strconv.Atoi(pgSearchWalk)
	n := 3 * walk
	seedChanges(t, s, n)
	if _, err := s.w.ExecContext(context.Background(), `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	return s, n / changesBenchVersionsPerArticle
}

// A word too rare to fill a page within the walk is found below it, from
// the GIN index: every match, newest first, each article once.
func TestSearch_PostgresFindsRareWordsBelowTheWalk(t *testing.T) {
	s, articles := seedSearch(t)
	ctx := context.Background()
	hits, err := searchAll(ctx, s, "edition 0")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != articles {
		t.Fatalf("%d hits for the oldest versions, want %d", len(hits), articles)
	}
	for i, h := range hits {
		if h.Seq != 0 || (i > 0 && h.VersionID >= hits[i-1].VersionID) {
			t.Fatalf("hit %d = %+v: not version 0, or out of order", i, h)
		}
	}
	one, err := searchAll(ctx, s, strconv.Itoa(articles-1))
	if err != nil || len(one) != 1 || one[0].ArticleID != int64(articles-1) || one[0].Seq != changesBenchVersionsPerArticle-1 {
		t.Errorf("hits for one article's number = %+v, %v", one, err)
	}
}

// A page of a rare word reads a bounded number of rows: the walk, its
// end from the primary key, and the word's matches below it, never every
// row of the table (PostgreSQL's planner, left alone, walks the primary
// key and tests every row for a word it has no statistics for).
func TestSearch_PostgresRareWordReadsBoundedRows(t *testing.T) {
	s, articles := seedSearch(t)
	ctx := context.Background()
	word := strconv.Itoa(articles - 1) // five matches
	walk, _ := strconv.Atoi(pgSearchWalk)
	read := 0
	for _, q := range []struct {
		sql   string
		args  []any
		setup []string
	}{
		{pgSearchCandidates, []any{word, int64(math.MaxInt64), 20}, nil},
		{pgSearchWalked, []any{int64(math.MaxInt64)}, nil},
		{pgSearchBelow, []any{word, int64(articles * 3), 20}, pgSearchBitmapOnly},
	} {
		tx, err := s.r.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, set := range q.setup {
			if _, err := tx.ExecContext(ctx, set); err != nil {
				t.Fatal(err)
			}
		}
		var plan string
		if err := tx.QueryRowContext(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+s.d.rebind(q.sql), q.args...).Scan(&plan); err != nil {
			t.Fatal(err)
		}
		_ = tx.Rollback()
		read += rowsRead(t, plan)
	}
	if limit := 2*walk + 2*changesBenchVersionsPerArticle; read > limit {
		t.Errorf("a page of a rare word read %d rows of a table of %d; want at most %d", read, 3*walk, limit)
	}
}

// rowsRead sums the rows every scan node of a JSON EXPLAIN ANALYZE read:
// those it returned and those it tested and dropped.
func rowsRead(t *testing.T, plan string) int {
	t.Helper()
	type node struct {
		NodeType string  `json:"Node Type"`
		Rows     float64 `json:"Actual Rows"`
		Loops    float64 `json:"Actual Loops"`
		Filtered float64 `json:"Rows Removed by Filter"`
		Recheck  float64 `json:"Rows Removed by Index Recheck"`
		Plans    []node  `json:"Plans"`
	}
	var root []struct {
		Plan node `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(plan), &root); err != nil {
		t.Fatal(err)
	}
	total := 0.0
	var walk func(n node)
	walk = func(n node) {
		switch n.NodeType {
		case "Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan":
			total += (n.Rows + n.Filtered + n.Recheck) * max(n.Loops, 1)
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	for _, r := range root {
		walk(r.Plan)
	}
	return int(total)
}
