package queue

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/store"
)

// A recorded version queues its article's placement as a job of its own:
// once the jobs ran, the reprints of one agency story are one group of
// copies in one story, on SQLite and on PostgreSQL.
func TestQueue_PlacesEachNewVersion(t *testing.T) {
	forEachEngine(t, placesEachNewVersion)
}

func placesEachNewVersion(t *testing.T, e *jobs.Engine) {
	ctx := context.Background()
	q := newQueue(t, e, Config{Place: jobs.NewPlacer(e.Store, nil)})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer q.Stop(ctx)
	var ids []int64
	for _, c := range newsroom.StoriesCorpus(3) {
		if c.Wire != 1 {
			continue
		}
		a, v := recordCorpusArticle(t, e.Store, c)
		q.Recorded(ctx, a, v)
		ids = append(ids, a.ID)
	}
	if len(ids) < 3 {
		t.Fatalf("corpus story 1 has %d copies", len(ids))
	}
	waitFor(t, "every copy placed in one group and one story", func() bool {
		var wire, story int64
		for _, id := range ids {
			s, w, _, err := e.Store.ArticleStory(ctx, id)
			if err != nil || w == 0 || s == 0 || wire != 0 && (w != wire || s != story) {
				return false
			}
			wire, story = w, s
		}
		return true
	})
}

func recordCorpusArticle(t *testing.T, st *store.Store, c newsroom.CorpusArticle) (model.Article, model.Version) {
	t.Helper()
	ctx := context.Background()
	o, err := st.EnsureOutlet(ctx, c.Outlet, c.Host)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://%s/%d", c.Host, c.ID),
		FirstSeen: c.FirstSeen, NextCheck: c.FirstSeen.Add(time.Hour * 24 * 365 * 10), State: model.StateActive})
	if err != nil {
		t.Fatal(err)
	}
	v := model.Version{FetchedAt: c.FirstSeen, Title: c.Title, Byline: c.Byline, Text: strings.Join(c.Paragraphs, "\n\n"), Hash: fmt.Sprint("h", c.ID)}
	id, err := st.Record(ctx, store.CheckRecord{Article: a, Version: &v, Check: model.Check{At: c.FirstSeen, Outcome: model.OutcomeNewVersion}})
	if err != nil {
		t.Fatal(err)
	}
	v.ID, v.ArticleID = id, a.ID
	return a, v
}
