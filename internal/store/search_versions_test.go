package store

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// recordTexts records texts as consecutive versions of a new article,
// titled "url vN".
func recordTexts(t testing.TB, s *Store, o model.Outlet, url string, texts ...string) model.Article {
	t.Helper()
	a := mustArticle(t, s, o.ID, url)
	for seq, text := range texts {
		v := &model.Version{Seq: seq, FetchedAt: t0.Add(time.Duration(seq) * time.Hour),
			Title: fmt.Sprintf("%s v%d", url, seq), Text: text, Hash: fmt.Sprint("h", seq)}
		a.LastChanged = v.FetchedAt
		if _, err := s.Record(context.Background(), CheckRecord{
			Article: a, Check: model.Check{At: v.FetchedAt, Outcome: model.OutcomeNewVersion}, Version: v,
		}); err != nil {
			t.Fatalf("Record: %v", err)
		}
	}
	return a
}

const (
	admittedText = "The minister admittedText the contract was never tendered."
	deniedText   = "The minister deniedText any wrongdoing."
)

func TestSearch_TextRemovedLaterIsFoundInTheVersionThatHadIt(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		removed := recordTexts(t, s, o, "https://d.example/removed",
			deniedText+"\n\n"+admittedText, deniedText+"\n\n"+admittedText+" Officials declined to comment.", deniedText, deniedText+"\n\nMore later.")
		kept := recordTexts(t, s, o, "https://d.example/kept", admittedText, admittedText+"\n\nUpdated.")
		res, err := s.Search(ctx, SearchQuery{Text: "never tendered", Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]Hit{}
		for _, h := range res.Hits {
			got[h.ArticleID] = h
		}
		if len(res.Hits) != 2 {
			t.Fatalf("hits = %+v, want one per article", res.Hits)
		}
		// The newest version that still had the text is the hit.
		h := got[removed.ID]
		if h.Seq != 1 || h.LatestSeq != 3 || !h.Removed() || h.Title != "https://d.example/removed v1" ||
			!strings.Contains(h.Snippet, MarkStart+"tendered"+MarkEnd) {
			t.Errorf("hit on the edited article = %+v, want version 1, removed later", h)
		}
		if h := got[kept.ID]; h.Seq != 1 || h.LatestSeq != 1 || h.Removed() {
			t.Errorf("hit on the article that kept the text = %+v", h)
		}
		// Text only the newest version holds is found there.
		res, _ = s.Search(ctx, SearchQuery{Text: "more later", Limit: 10})
		if len(res.Hits) != 1 || res.Hits[0].Seq != 3 || res.Hits[0].Removed() {
			t.Errorf("hits = %+v, want version 3 of one article", res.Hits)
		}
	})
}

func TestSearch_ManyMatchingVersionsOfOneArticleStayOneHitAcrossPages(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		first := recordTexts(t, s, o, "https://d.example/first", "Harbour news.")
		// More matching versions than one page of one hit may read.
		texts := make([]string, searchScanFactor+5)
		for i := range texts {
			texts[i] = fmt.Sprintf("Harbour news, update %d.", i)
		}
		busy := recordTexts(t, s, o, "https://d.example/busy", texts...)
		last := recordTexts(t, s, o, "https://d.example/last", "Harbour news again.")
		var order []int64
		var before int64
		for pages := 0; ; pages++ {
			if pages > 20 {
				t.Fatal("pagination does not end")
			}
			res, err := s.Search(ctx, SearchQuery{Text: "harbour", Before: before, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				order = append(order, h.ArticleID)
				if h.ArticleID == busy.ID && h.Seq != len(texts)-1 {
					t.Errorf("busy article's hit is version %d, want its newest", h.Seq)
				}
			}
			if res.Next == 0 {
				break
			}
			before = res.Next
		}
		if want := []int64{last.ID, busy.ID, first.ID}; fmt.Sprint(order) != fmt.Sprint(want) {
			t.Errorf("articles in order %v, want %v", order, want)
		}
	})
}

// recordOld appends texts as versions of a new article with the columns
// every schema since 0001 has, as an older errata wrote them: the current
// Record writes columns a store opened at an older schema lacks.
func recordOld(t testing.TB, s *Store, url string, texts ...string) {
	t.Helper()
	ctx := context.Background()
	a := mustArticle(t, s, mustOldOutlet(t, s, "Daily"), url)
	for seq, text := range texts {
		if _, err := s.w.ExecContext(ctx, s.d.rebind(`INSERT INTO versions (article_id, seq, fetched_at, title, text, hash)
			VALUES (?, ?, ?, ?, ?, ?)`), a.ID, seq, nanos(t0.Add(time.Duration(seq)*time.Hour)),
			fmt.Sprintf("%s v%d", url, seq), text, fmt.Sprint("h", seq)); err != nil {
			t.Fatalf("insert version %d: %v", seq, err)
		}
	}
}

// A database an older errata left indexed only each article's newest
// version; opening it with this one indexes the older versions too.
func TestSearch_MigrationIndexesEarlierVersions(t *testing.T) {
	const before = 8 // the schema before 0010
	check := func(t *testing.T, s *Store) {
		res, err := s.Search(context.Background(), SearchQuery{Text: "never tendered", Limit: 10})
		if err != nil || len(res.Hits) != 1 || res.Hits[0].Seq != 0 || !res.Hits[0].Removed() {
			t.Errorf("after migrating: hits = %+v, %v; want version 0, removed later", res.Hits, err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "old.db")
		old, err := OpenOptions(ctx, path, Options{schema: before})
		if err != nil {
			t.Fatal(err)
		}
		recordOld(t, old, "https://d.example/a", admittedText, deniedText)
		if err := old.Close(); err != nil {
			t.Fatal(err)
		}
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		check(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		ctx := context.Background()
		url, drop, err := pgServer(t).NewDatabase(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = drop() })
		old, err := openPostgres(ctx, url, Options{schema: before})
		if err != nil {
			t.Fatal(err)
		}
		recordOld(t, old, "https://d.example/a", admittedText, deniedText)
		if err := old.Close(); err != nil {
			t.Fatal(err)
		}
		s, err := OpenURL(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		check(t, s)
	})
}
