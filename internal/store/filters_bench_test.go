package store

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// changesBenchSizes are the store sizes, in versions, the filters are
// timed at; ERRATA_BENCH_CHANGES overrides them ("20000,200000").
func changesBenchSizes(b *testing.B) []int {
	spec := os.Getenv("ERRATA_BENCH_CHANGES")
	if spec == "" {
		spec = "20000,200000"
	}
	var sizes []int
	for _, f := range strings.Split(spec, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < changesBenchVersionsPerArticle {
			b.Fatalf("ERRATA_BENCH_CHANGES: bad size %q", f)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

const (
	changesBenchOutlets            = 20
	changesBenchVersionsPerArticle = 5
	changesBenchStoryMembers       = 10
	// One version in changesBenchRareEvery carries the rare class.
	changesBenchRareEvery = 1000
)

// seedChanges writes n versions in bulk: articles of five versions
// spread over the outlets, fetched in turn so their changes interleave in
// time, classed "wording" but for one in seven "minor" and one in a
// thousand "byline"; the first articles form a story.
func seedChanges(b testing.TB, s *Store, n int) (outlet, story int64) {
	b.Helper()
	ctx := context.Background()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // committed below
	exec := func(query string, args ...any) {
		if _, err := tx.ExecContext(ctx, s.d.rebind(query), args...); err != nil {
			b.Fatalf("seed: %v", err)
		}
	}
	for o := 1; o <= changesBenchOutlets; o++ {
		exec(`INSERT INTO outlets (id, name, host) VALUES (?, ?, ?)`, o, fmt.Sprint("outlet", o), fmt.Sprintf("o%d.example", o))
	}
	articles := n / changesBenchVersionsPerArticle
	for a := 1; a <= articles; a++ {
		exec(`INSERT INTO articles (id, outlet_id, url, first_seen) VALUES (?, ?, ?, ?)`,
			a, 1+a%changesBenchOutlets, fmt.Sprintf("https://o.example/%d", a), nanos(t0))
	}
	// Set-based, in the dialect-neutral subset: version i is seq
	// (i-1)/articles of article (i-1)%articles+1, fetched i seconds in.
	exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
		INSERT INTO versions (article_id, seq, fetched_at, title, text, hash, classes)
		SELECT (i - 1) % ?2 + 1, (i - 1) / ?2, CAST(?3 AS BIGINT) + CAST(i AS BIGINT) * 1000000000, 'Title ' || ((i - 1) % ?2 + 1),
			'Text of ' || ((i - 1) % ?2 + 1) || ', edition ' || ((i - 1) / ?2) || '.', 'h' || i,
			CASE WHEN i <= ?2 THEN '' WHEN i % ?4 = ?5 THEN 'byline' WHEN i % 7 = 0 THEN 'minor' ELSE 'wording' END
		FROM n`, articles*changesBenchVersionsPerArticle, articles, nanos(t0), changesBenchRareEvery, changesBenchRareEvery/2)
	// The search index, as the writes that append versions keep it.
	if s.d == dialectPostgres {
		exec(`INSERT INTO version_search (version_id, article_id, doc)
			SELECT id, article_id, errata_search_doc(title, byline, text) FROM versions`)
	} else {
		exec(`INSERT INTO version_search (rowid, title, byline, text) SELECT id, title, byline, text FROM versions`)
	}
	exec(`INSERT INTO stories (id, title, articles, outlets) VALUES (1, 'Story', ?, ?)`, changesBenchStoryMembers, changesBenchStoryMembers)
	for a := 1; a <= changesBenchStoryMembers; a++ {
		exec(`INSERT INTO story_members (article_id, story_id) VALUES (?, 1)`, a*7)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if s.d == dialectPostgres {
		if _, err := s.w.ExecContext(ctx, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	return 1, 1
}

// BenchmarkChanges_Filters times one page of the changes list under each
// filter at several store sizes, each a store of its own: the cost must
// stay flat as the store grows, a rare class included.
func BenchmarkChanges_Filters(b *testing.B) {
	for _, engine := range []struct {
		name string
		open func(testing.TB) (*Store, string)
	}{{"sqlite", openTemp}, {"postgres", openPostgresTemp}} {
		b.Run(engine.name, func(b *testing.B) {
			for _, n := range changesBenchSizes(b) {
				s, _ := engine.open(b)
				start := time.Now()
				outlet, story := seedChanges(b, s, n)
				b.Logf("%s: %d versions seeded in %v", engine.name, n, time.Since(start).Round(time.Millisecond))
				benchChangeFilters(b, s, n, outlet, story)
			}
		})
	}
}

func benchChangeFilters(b *testing.B, s *Store, n int, outlet, story int64) {
	for _, c := range []struct {
		name string
		q    ChangeQuery
	}{
		{"all", ChangeQuery{}},
		{"hide-minor", ChangeQuery{HideMinor: true}},
		{"class=rare", ChangeQuery{Classes: []string{"byline"}}},
		{"class=rare+common", ChangeQuery{Classes: []string{"byline", "minor"}}},
		{"outlet", ChangeQuery{OutletID: outlet, HideMinor: true}},
		{"outlet+class=rare", ChangeQuery{OutletID: outlet, Classes: []string{"byline"}}},
		{"story", ChangeQuery{StoryID: story}},
	} {
		c.q.Limit = 50
		b.Run(fmt.Sprintf("versions=%d/%s", n, c.name), func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				if _, err := s.Changes(ctx, c.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearch_Words times a page of search hits for a word every
// version holds, one only the oldest fifth holds and one article's
// number, at several store sizes (ERRATA_BENCH_CHANGES), each a store of
// its own: a page must cost about the same whatever the store's size.
func BenchmarkSearch_Words(b *testing.B) {
	for _, engine := range []struct {
		name string
		open func(testing.TB) (*Store, string)
	}{{"sqlite", openTemp}, {"postgres", openPostgresTemp}} {
		b.Run(engine.name, func(b *testing.B) {
			for _, n := range changesBenchSizes(b) {
				s, _ := engine.open(b)
				seedChanges(b, s, n)
				articles := n / changesBenchVersionsPerArticle
				for _, w := range []struct{ name, text string }{
					{"common", "edition"}, {"oldest-fifth", "edition 0"}, {"one-article", strconv.Itoa(articles - 1)},
				} {
					b.Run(fmt.Sprintf("versions=%d/%s", n, w.name), func(b *testing.B) {
						ctx := context.Background()
						for b.Loop() {
							if _, err := s.Search(ctx, SearchQuery{Text: w.text, Limit: 20}); err != nil {
								b.Fatal(err)
							}
						}
					})
				}
			}
		})
	}
}
