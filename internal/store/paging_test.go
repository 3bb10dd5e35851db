package store

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestSearch_PagesWalkEveryHitOnceNewestFirst(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "one")
		// Articles of one to four versions, every version matching: each
		// article is one hit, its newest version, whatever the page size.
		latest := map[int64]int{}
		for i := range 7 {
			classes := make([]string, 1+i%4)
			a := recordVersions(t, s, o, fmt.Sprintf("https://one.example/%d", i), classes...)
			latest[a.ID] = len(classes) - 1
		}
		for _, limit := range []int{1, 3, 7, 50} {
			t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
				seen := map[int64]bool{}
				var before int64
				for pages := 0; ; pages++ {
					if pages > 30 {
						t.Fatal("pagination does not end")
					}
					res, err := s.Search(ctx, SearchQuery{Text: "edition", Before: before, Limit: limit})
					if err != nil {
						t.Fatal(err)
					}
					hs := res.Hits
					if len(hs) > limit {
						t.Fatalf("%d hits on a page of %d", len(hs), limit)
					}
					for i, h := range hs {
						if seen[h.ArticleID] {
							t.Fatalf("article %d on two pages", h.ArticleID)
						}
						seen[h.ArticleID] = true
						want := latest[h.ArticleID]
						if h.Seq != want || h.LatestSeq != want || h.Removed() ||
							!strings.HasSuffix(h.Title, fmt.Sprint("title ", want)) || !strings.Contains(h.Snippet, fmt.Sprint(MarkEnd, " ", want, ".")) {
							t.Errorf("hit %+v is not the latest version", h)
						}
						if (i > 0 && h.VersionID >= hs[i-1].VersionID) || (before != 0 && h.VersionID >= before) {
							t.Errorf("hit of version %d out of order", h.VersionID)
						}
					}
					if res.Next == 0 {
						break
					}
					if before != 0 && res.Next >= before {
						t.Fatalf("next page starts at %d, not below %d", res.Next, before)
					}
					before = res.Next
				}
				if len(seen) != 7 {
					t.Errorf("walked %d articles, want 7", len(seen))
				}
			})
		}
	})
}

// searchAll walks every page of a search.
func searchAll(ctx context.Context, s *Store, text string) ([]Hit, error) {
	var all []Hit
	var before int64
	for range 1000 {
		res, err := s.Search(ctx, SearchQuery{Text: text, Before: before, Limit: 10})
		if err != nil {
			return nil, err
		}
		all = append(all, res.Hits...)
		if res.Next == 0 {
			return all, nil
		}
		before = res.Next
	}
	return nil, fmt.Errorf("search %q does not end", text)
}

// A page of hits must come from reading the full-text index in rowid order
// up to the limit, starting below the cursor: ordering by rank (which FTS5
// does itself, without a TEMP B-TREE) or any sort would read every match
// to serve one page. In FTS5's plan, index number 192 is its "rowid order,
// descending" flags (0x40|0x80) and "<" the rowid bound taken by the index.
func TestSearch_SQLitePageReadsTheIndexInOrder(t *testing.T) {
	s, _ := openTemp(t)
	text := sqlitePlan(t, s, sqlSearchCandidates, `"x"`, int64(math.MaxInt64), 10)
	if strings.Contains(text, "TEMP B-TREE") || !strings.Contains(text, "version_search VIRTUAL TABLE INDEX 192:M") ||
		!strings.Contains(text, "<") {
		t.Errorf("search plan sorts or does not start from the index:\n%s", text)
	}
}

// The check for newer matches looks one version up in the index by id
// (FTS5's "=" plan), never walking every match; a hit's details are read
// by id without the index (TestPlans_EveryPageReadsThroughIndexes).
func TestSearch_SQLiteLooksVersionsUpByID(t *testing.T) {
	s, _ := openTemp(t)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{sqlSearchNewer, []any{int64(1), int64(2), `"x"`}},
	} {
		rows, err := s.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q.sql, q.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if text := strings.Join(plan, "\n"); !strings.Contains(text, "version_search") || !strings.Contains(text, ":=M") {
			t.Errorf("plan does not look the version up by id:\n%s", text)
		}
	}
}

func TestLastCheck_NewestRecordedCheck(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if at, err := s.LastCheck(ctx); err != nil || !at.IsZero() {
			t.Fatalf("LastCheck on an empty store = %v, %v; want zero", at, err)
		}
		a := mustArticle(t, s, mustOutlet(t, s, "one").ID, "https://one.example/a")
		// A worker may record a check that happened a moment before the
		// one recorded just ahead of it.
		for _, at := range []time.Time{t0, t0.Add(2 * time.Hour), t0.Add(time.Hour)} {
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, at, model.OutcomeUnchanged)}); err != nil {
				t.Fatal(err)
			}
		}
		if at, err := s.LastCheck(ctx); err != nil || !at.Equal(t0.Add(2*time.Hour)) {
			t.Errorf("LastCheck = %v, %v; want %v", at, err, t0.Add(2*time.Hour))
		}
	})
}

func TestOutletSummaryPage_WalksByName(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, name := range []string{"delta", "alpha", "echo", "charlie", "bravo"} {
			mustOutlet(t, s, name)
		}
		var names []string
		after := ""
		for pages := 0; pages < 10; pages++ {
			os, err := s.OutletSummaryPage(ctx, OutletQuery{AfterName: after, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if len(os) == 0 {
				break
			}
			for _, o := range os {
				names = append(names, o.Name)
			}
			after = os[len(os)-1].Name
		}
		if got := strings.Join(names, " "); got != "alpha bravo charlie delta echo" {
			t.Errorf("outlets by page = %s", got)
		}
	})
}

func TestVersionHeadPage_StartsAtSeq(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := recordVersions(t, s, mustOutlet(t, s, "one"), "https://one.example/a", "", "headline", "byline", "minor")
		vs, err := s.VersionHeadPage(ctx, VersionQuery{ArticleID: a.ID, FromSeq: 1, Limit: 2})
		if err != nil || len(vs) != 2 || vs[0].Seq != 1 || vs[1].Seq != 2 || vs[0].Text != "" {
			t.Fatalf("VersionHeadPage(from 1, limit 2) = %+v, %v", vs, err)
		}
		if vs, err := s.VersionHeadPage(ctx, VersionQuery{ArticleID: a.ID, FromSeq: 4}); err != nil || len(vs) != 0 {
			t.Errorf("VersionHeadPage past the end = %+v, %v", vs, err)
		}
	})
}

func TestChanges_TooManyClassesRefused(t *testing.T) {
	s, _ := openTemp(t)
	classes := make([]string, MaxClassFilter+1)
	for i := range classes {
		classes[i] = fmt.Sprint("c", i)
	}
	if _, err := s.Changes(context.Background(), ChangeQuery{Classes: classes}); err == nil {
		t.Error("Changes with more classes than slots did not fail")
	}
}

// A health probe reads one index entry: the plan must not scan a table.
func TestPing_AnswersWithoutScanning(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		if err := s.Ping(context.Background()); err != nil {
			t.Fatalf("Ping on an empty store: %v", err)
		}
	})
	s, _ := openTemp(t)
	if text := sqlitePlan(t, s, sqlPing); strings.Contains(text, "SCAN") || !strings.Contains(text, "SEARCH versions") {
		t.Errorf("ping plan scans versions:\n%s", text)
	}
}

// sqlitePlan returns SQLite's EXPLAIN QUERY PLAN of query, one line a step.
func sqlitePlan(t *testing.T, s *Store, query string, args ...any) string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
