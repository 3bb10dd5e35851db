package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// recordVersions appends versions with the given classes (the first entry
// is version 0) to a new article of outlet o, one hour apart.
func recordVersions(t testing.TB, s *Store, o model.Outlet, url string, classes ...string) model.Article {
	t.Helper()
	a := mustArticle(t, s, o.ID, url)
	for seq, c := range classes {
		v := &model.Version{
			Seq: seq, FetchedAt: t0.Add(time.Duration(seq) * time.Hour),
			Title: fmt.Sprintf("%s title %d", url, seq), Text: fmt.Sprintf("Body of %s, edition %d.", url, seq),
			Hash: fmt.Sprint("h", seq),
		}
		if c != "" {
			v.Classes = []string{c}
		}
		a.LastChanged = v.FetchedAt
		if _, err := s.Record(context.Background(), CheckRecord{
			Article: a, Check: model.Check{At: v.FetchedAt, Outcome: model.OutcomeNewVersion}, Version: v,
		}); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	return a
}

func TestChanges_FiltersAndOrder(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a := recordVersions(t, s, o1, "https://one.example/a", "", "headline", "minor")
		recordVersions(t, s, o2, "https://two.example/b", "", "text_added,correction")

		tests := []struct {
			name string
			q    ChangeQuery
			want int
		}{
			{"all changes, never first versions", ChangeQuery{}, 3},
			{"one outlet", ChangeQuery{OutletID: o1.ID}, 2},
			{"one article", ChangeQuery{ArticleID: a.ID}, 2},
			{"by class inside a list", ChangeQuery{Classes: []string{"correction"}}, 1},
			{"class is a whole name", ChangeQuery{Classes: []string{"text"}}, 0},
			{"any of several classes", ChangeQuery{Classes: []string{"headline", "correction"}}, 2},
			{"several classes, one change each", ChangeQuery{Classes: []string{"minor", "text_added", "headline"}}, 3},
			{"classes with nothing", ChangeQuery{Classes: []string{"byline", "text_removed"}}, 0},
			{"minor hidden", ChangeQuery{HideMinor: true}, 2},
			{"limit", ChangeQuery{Limit: 1}, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				cs, err := s.Changes(ctx, tt.q)
				if err != nil {
					t.Fatal(err)
				}
				if len(cs) != tt.want {
					t.Fatalf("got %d changes, want %d: %+v", len(cs), tt.want, cs)
				}
				for i := 1; i < len(cs); i++ {
					if cs[i].At.After(cs[i-1].At) {
						t.Errorf("not newest first: %v then %v", cs[i-1].At, cs[i].At)
					}
				}
			})
		}
		cs, _ := s.Changes(ctx, ChangeQuery{ArticleID: a.ID})
		last := cs[len(cs)-1]
		if last.Seq != 1 || last.PrevTitle != "https://one.example/a title 0" || last.OutletName != "one" {
			t.Errorf("change = %+v, want seq 1 with previous title and outlet name", last)
		}
	})
}

func TestChanges_CursorWalksEveryChangeOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		o := mustOutlet(t, s, "one")
		for i := range 5 {
			recordVersions(t, s, o, fmt.Sprintf("https://one.example/%d", i), "", "headline", "byline")
		}
		seen := map[int64]bool{}
		var after ChangeCursor
		for pages := 0; ; pages++ {
			cs, err := s.Changes(context.Background(), ChangeQuery{After: after, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) == 0 || pages > 10 {
				break
			}
			for _, c := range cs {
				if seen[c.VersionID] {
					t.Fatalf("version %d seen twice", c.VersionID)
				}
				seen[c.VersionID] = true
			}
			last := cs[len(cs)-1]
			after = ChangeCursor{At: last.At, VersionID: last.VersionID}
		}
		if len(seen) != 10 {
			t.Errorf("walked %d changes, want 10", len(seen))
		}
	})
}

func TestListing_SummariesAndVersionBySeq(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "one")
		a := recordVersions(t, s, o, "https://one.example/a", "", "headline")
		mustArticle(t, s, o.ID, "https://one.example/empty")

		os, err := s.OutletSummaries(ctx)
		if err != nil || len(os) != 1 || os[0].Articles != 2 || os[0].Changes != 1 || os[0].LastChanged.IsZero() {
			t.Fatalf("OutletSummaries = %+v, %v", os, err)
		}
		if got, err := s.OutletByName(ctx, "one"); err != nil || got.ID != o.ID {
			t.Errorf("OutletByName = %+v, %v", got, err)
		}
		if _, err := s.OutletByName(ctx, "nope"); err == nil {
			t.Error("OutletByName(nope) found something")
		}
		as, err := s.ArticleSummaries(ctx, ArticleQuery{OutletID: o.ID})
		if err != nil || len(as) != 2 || as[1].Title != "https://one.example/a title 1" || as[1].Versions != 2 {
			t.Fatalf("ArticleSummaries = %+v, %v", as, err)
		}
		if as, _ := s.ArticleSummaries(ctx, ArticleQuery{BeforeID: as[0].ID}); len(as) != 1 {
			t.Errorf("BeforeID page has %d articles, want 1", len(as))
		}
		v, err := s.VersionBySeq(ctx, a.ID, 1)
		if err != nil || v.Seq != 1 || v.Text == "" {
			t.Errorf("VersionBySeq = %+v, %v", v, err)
		}
		heads, err := s.VersionHeads(ctx, a.ID)
		if err != nil || len(heads) != 2 || heads[1].Text != "" || heads[1].Title == "" {
			t.Errorf("VersionHeads = %+v, %v", heads, err)
		}
	})
}

func TestSearch_EveryVersionOneHitPerArticle(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "one")
		recordVersions(t, s, o, "https://one.example/a", "", "headline")
		tests := []struct {
			q       string
			want    int
			seq     int
			removed bool
		}{
			{"edition 1", 1, 1, false},
			{"edition", 1, 1, false}, // both versions match: the newest is the hit
			{"EDITION", 1, 1, false},
			{"edition 0", 1, 0, true}, // text a later version took out
			{"", 0, 0, false},
			{`" OR * NEAR( -:`, 0, 0, false}, // FTS5 syntax is taken as words
			{"nothing-like-this", 0, 0, false},
		}
		for _, tt := range tests {
			t.Run(tt.q, func(t *testing.T) {
				res, err := s.Search(ctx, SearchQuery{Text: tt.q, Limit: 10})
				if err != nil {
					t.Fatal(err)
				}
				hs := res.Hits
				if len(hs) != tt.want || res.Next != 0 {
					t.Fatalf("Search(%q) = %d hits, next %d; want %d, no next page", tt.q, len(hs), res.Next, tt.want)
				}
				if len(hs) > 0 && (hs[0].Seq != tt.seq || hs[0].LatestSeq != 1 || hs[0].Removed() != tt.removed || hs[0].OutletName != "one") {
					t.Errorf("hit = %+v, want version %d (removed %v)", hs[0], tt.seq, tt.removed)
				}
			})
		}
		res, _ := s.Search(ctx, SearchQuery{Text: "body", Limit: 10})
		if hs := res.Hits; len(hs) != 1 || hs[0].Snippet != MarkStart+"Body"+MarkEnd+" of https://one.example/a, edition 1." {
			t.Errorf("hits = %+v", hs)
		}
	})
}
