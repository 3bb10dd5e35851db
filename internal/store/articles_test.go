package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func fullArticle(outletID int64, url string) model.Article {
	return model.Article{
		OutletID: outletID, URL: url, FirstSeen: t0, Published: t0.Add(-time.Hour),
		LastChecked: t0.Add(time.Minute), LastChanged: t0.Add(2 * time.Minute), NextCheck: t0.Add(time.Hour),
		State: model.StateActive, Errors: 1, Gone: 2, ETag: `"abc"`, LastModified: "lm", BodyHash: "bh",
	}
}

func TestAddArticle_RoundTripsEveryField(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		in := fullArticle(o.ID, "https://d.example/a")
		in.Published = in.Published.In(time.FixedZone("CET", 3600)) // stored and returned as UTC
		a, created, err := s.AddArticle(ctx, in)
		if err != nil || !created || a.ID == 0 {
			t.Fatalf("AddArticle = %+v, %v, %v", a, created, err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("Article = %+v, %v; want %+v", got, err, a)
		}
		if got.Published != t0.Add(-time.Hour) {
			t.Errorf("Published = %v; want exact UTC %v", got.Published, t0.Add(-time.Hour))
		}
	})
}

func TestAddArticle_ZeroTimesAndDefaultState(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://d.example/z"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || !got.Published.IsZero() || !got.FirstSeen.IsZero() || got.State != model.StateActive {
			t.Errorf("Article = %+v, %v; want zero times, active", got, err)
		}
	})
}

func TestAddArticle_DedupByURLAndAlias(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/story")
		if err := s.AddAlias(ctx, a.ID, "https://d.example/old-story"); err != nil {
			t.Fatal(err)
		}
		for _, url := range []string{"https://d.example/story", "https://d.example/old-story"} {
			got, created, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: url})
			if err != nil || created || got.ID != a.ID {
				t.Errorf("AddArticle(%s) = id %d created %v, %v; want existing %d", url, got.ID, created, err, a.ID)
			}
			byURL, err := s.ArticleByURL(ctx, url)
			if err != nil || !reflect.DeepEqual(byURL, a) {
				t.Errorf("ArticleByURL(%s) = %+v, %v", url, byURL, err)
			}
		}
		if _, err := s.ArticleByURL(ctx, "https://d.example/none"); !errors.Is(err, ErrNotFound) {
			t.Errorf("ArticleByURL(unknown) error = %v; want ErrNotFound", err)
		}
	})
}

func TestAddAlias_IdempotentAndExclusive(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		b := mustArticle(t, s, o.ID, "https://d.example/b")
		tests := []struct {
			name    string
			article int64
			url     string
			want    error
		}{
			{"new alias", a.ID, "https://d.example/a-old", nil},
			{"same alias again", a.ID, "https://d.example/a-old", nil},
			{"own canonical url", a.ID, "https://d.example/a", nil},
			{"alias of another article", b.ID, "https://d.example/a-old", ErrConflict},
			{"canonical url of another article", b.ID, "https://d.example/a", ErrConflict},
			{"missing article", 999, "https://d.example/x", ErrNotFound},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if err := s.AddAlias(ctx, tt.article, tt.url); !errors.Is(err, tt.want) {
					t.Errorf("AddAlias error = %v; want %v", err, tt.want)
				}
			})
		}
		got, err := s.Aliases(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(got, []string{"https://d.example/a-old"}) {
			t.Errorf("Aliases = %v, %v", got, err)
		}
	})
}

func TestUpdateArticle_URLChangeKeepsOldURLAsAlias(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/v1")
		a.URL = "https://d.example/v2"
		a.State, a.NextCheck, a.BodyHash = model.StateStopped, t0.Add(time.Hour), "new"
		if err := s.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		got, err := s.ArticleByURL(ctx, "https://d.example/v1")
		if err != nil || !reflect.DeepEqual(got, a) {
			t.Errorf("ArticleByURL(old) = %+v, %v; want %+v", got, err, a)
		}
		// Moving back to a former URL turns that alias into the canonical URL.
		a.URL = "https://d.example/v1"
		if err := s.UpdateArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
		aliases, err := s.Aliases(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(aliases, []string{"https://d.example/v2"}) {
			t.Errorf("Aliases = %v, %v; want [v2]", aliases, err)
		}
	})
}

func TestUpdateArticle_Refusals(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		b := mustArticle(t, s, o.ID, "https://d.example/b")
		b.URL = a.URL
		if err := s.UpdateArticle(ctx, b); !errors.Is(err, ErrConflict) {
			t.Errorf("moving onto another article's URL: error = %v; want ErrConflict", err)
		}
		if err := s.UpdateArticle(ctx, model.Article{ID: 999, URL: "x"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing article: error = %v; want ErrNotFound", err)
		}
		if got, _ := s.Article(ctx, b.ID); got.URL != "https://d.example/b" {
			t.Errorf("refused update changed the URL to %s", got.URL)
		}
	})
}

func TestDueArticles_OrderingAndFiltering(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		add := func(url string, next time.Time, state model.ArticleState) int64 {
			a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: url, NextCheck: next, State: state})
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		late := add("https://d.example/late", t0.Add(-time.Minute), model.StateActive)
		add("https://d.example/future", t0.Add(time.Nanosecond), model.StateActive)
		add("https://d.example/stopped", t0.Add(-2*time.Hour), model.StateStopped)
		add("https://d.example/gone-for-good", time.Time{}, model.StateGone)
		goneWatched := add("https://d.example/gone-watched", t0.Add(-30*time.Minute), model.StateGone)
		early := add("https://d.example/early", t0.Add(-time.Hour), model.StateActive)
		exact := add("https://d.example/exact", t0, model.StateActive)
		tests := []struct {
			limit int
			want  []int64
		}{
			{0, []int64{early, goneWatched, late, exact}},
			{2, []int64{early, goneWatched}},
			{10, []int64{early, goneWatched, late, exact}},
		}
		for _, tt := range tests {
			due, err := s.DueArticles(ctx, t0, tt.limit)
			if got := articleIDs(due); err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DueArticles(limit %d) = %v, %v; want %v", tt.limit, got, err, tt.want)
			}
		}
		active, err := s.ActiveArticles(ctx)
		if err != nil || len(active) != 5 {
			t.Errorf("ActiveArticles = %d articles, %v; want 5 (a gone one still watched)", len(active), err)
		}
	})
}

func TestArticles_KeysetPagesEveryState(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		var want []int64
		for i, st := range []model.ArticleState{model.StateActive, model.StateGone, model.StateStopped, model.StateActive, model.StateActive} {
			a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://d.example/" + string(rune('a'+i)), State: st})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, a.ID)
		}
		var got []int64
		after := int64(0)
		for {
			page, err := s.Articles(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			got = append(got, articleIDs(page)...)
			after = page[len(page)-1].ID
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("paged ids = %v; want %v", got, want)
		}
	})
}

func articleIDs(as []model.Article) []int64 {
	ids := make([]int64, 0, len(as))
	for _, a := range as {
		ids = append(ids, a.ID)
	}
	return ids
}
