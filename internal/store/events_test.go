package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestEvents_RecordedWithTheirCheckAndListed(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		one, two := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a := mustArticle(t, s, one.ID, "https://one.example/a")
		b := mustArticle(t, s, two.ID, "https://two.example/b")
		record := func(art model.Article, at time.Time, ev model.Event) {
			t.Helper()
			art.LastChecked = at
			ev.At = at
			rec := CheckRecord{Article: art, Check: model.Check{At: at, Status: 404, Outcome: model.OutcomeGone},
				Events: []model.Event{ev}}
			if _, err := s.Record(ctx, rec); err != nil {
				t.Fatal(err)
			}
		}
		record(a, t0.Add(time.Hour), model.Event{Kind: model.EventGone, Status: 404, Seq: model.NoSeq})
		record(a, t0.Add(2*time.Hour), model.Event{Kind: model.EventBack, Status: 200, Seq: model.NoSeq})
		record(b, t0.Add(3*time.Hour), model.Event{Kind: model.EventMoved, Seq: model.NoSeq,
			OldURL: "https://two.example/b", NewURL: "https://two.example/b-new"})
		record(a, t0.Add(4*time.Hour), model.Event{Kind: model.EventFlipFlop, Seq: 0})

		all, err := s.Events(ctx, EventQuery{})
		if err != nil || len(all) != 4 {
			t.Fatalf("Events = %d, %v; want 4", len(all), err)
		}
		if all[0].Kind != model.EventFlipFlop || all[0].Seq != 0 || all[3].Kind != model.EventGone {
			t.Fatalf("not newest first: %+v", all)
		}
		if all[1].OldURL != "https://two.example/b" || all[1].NewURL != "https://two.example/b-new" ||
			all[1].OutletName != "two" || all[1].ArticleURL != b.URL {
			t.Fatalf("moved entry = %+v", all[1])
		}
		checks, err := s.RecentChecks(ctx, a.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if all[3].CheckID != checks[len(checks)-1].ID || all[3].CheckID == 0 {
			t.Fatalf("gone event's check = %d, want %d", all[3].CheckID, checks[len(checks)-1].ID)
		}

		kinds, _ := s.Events(ctx, EventQuery{Kinds: []model.EventKind{model.EventGone, model.EventBack}})
		outlet, _ := s.Events(ctx, EventQuery{OutletID: two.ID})
		article, _ := s.ArticleEvents(ctx, a.ID)
		if len(kinds) != 2 || len(outlet) != 1 || len(article) != 3 || article[0].Kind != model.EventGone {
			t.Fatalf("filters: kinds %d, outlet %d, article %+v", len(kinds), len(outlet), article)
		}

		page1, _ := s.Events(ctx, EventQuery{Limit: 3})
		last := page1[len(page1)-1]
		page2, err := s.Events(ctx, EventQuery{Limit: 3, After: EventCursor{At: last.At, ID: last.ID}})
		if err != nil || len(page1) != 3 || len(page2) != 1 || page2[0].Kind != model.EventGone {
			t.Fatalf("pages = %d then %+v, %v", len(page1), page2, err)
		}
		if e, err := s.EventByID(ctx, all[1].ID); err != nil || e.Kind != model.EventMoved {
			t.Fatalf("EventByID = %+v, %v", e, err)
		}
		if _, err := s.EventByID(ctx, 9999); !errors.Is(err, ErrNotFound) {
			t.Fatalf("EventByID(missing) err = %v", err)
		}
	})
}

func TestEvents_AppendOnlyUntilPurged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "one").ID, "https://one.example/a")
		if _, err := s.AppendEvent(ctx, model.Event{ArticleID: a.ID, Kind: model.EventGone, At: t0, Seq: model.NoSeq}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`UPDATE events SET kind = 'back'`, `DELETE FROM events`} {
			if _, err := s.w.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: error = %v, want append-only refusal", q, err)
			}
		}
		if _, err := s.PurgeArticle(ctx, a.ID); err != nil {
			t.Fatalf("purge: %v", err)
		}
		if es, err := s.Events(ctx, EventQuery{}); err != nil || len(es) != 0 {
			t.Fatalf("after purge: %d events, %v", len(es), err)
		}
	})
}

func TestEvents_DeliveredOncePerSubscription(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a := mustArticle(t, s, mustOutlet(t, s, "one").ID, "https://one.example/a")
		id, err := s.AppendEvent(ctx, model.Event{ArticleID: a.ID, Kind: model.EventGone, At: t0, Seq: model.NoSeq})
		if err != nil {
			t.Fatal(err)
		}
		sub, err := s.AddSubscription(ctx, model.Subscription{Name: "desk", URL: "https://hooks.example/x"}, t0)
		if err != nil {
			t.Fatal(err)
		}
		first, err := s.EnsureEventDelivery(ctx, sub.ID, id, t0)
		if err != nil || first.EventID != id || first.VersionID != 0 {
			t.Fatalf("EnsureEventDelivery = %+v, %v", first, err)
		}
		again, err := s.EnsureEventDelivery(ctx, sub.ID, id, t0)
		if err != nil || again.ID != first.ID {
			t.Fatalf("second EnsureEventDelivery = %+v, %v; want the first", again, err)
		}
	})
}
