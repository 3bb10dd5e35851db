package store

import (
	"context"
	"maps"
	"reflect"
	"testing"
)

// ArticleRecords reads in a few statements what the per-article reads
// give one article at a time.
func TestArticleRecords_AsReadOneArticleAtATime(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		seed(t, s)
		as, err := s.Articles(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		ids := []int64{-1} // no such article: an empty record
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		// Articles 2 and 1 make a story and share a wire copy, 1 its origin.
		wire, story, err := s.SavePlacement(ctx, Placement{ArticleID: as[1].ID, OutletID: as[1].OutletID, SeenAt: t0,
			Copies: []WireLink{{Other: as[0].ID, Shared: 0.9}}, With: as[0].ID, Score: 1, Title: "Storm"})
		if err != nil || wire == 0 || story == 0 {
			t.Fatalf("SavePlacement = %d, %d, %v", wire, story, err)
		}
		if err := s.SetWireOrigin(ctx, wire, as[0].ID, "AFP"); err != nil {
			t.Fatal(err)
		}
		recs, err := s.ArticleRecords(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if r := recs[-1]; len(r.Versions) != 0 || len(r.Events) != 0 || r.Story != 0 {
			t.Errorf("record of no article = %+v", r)
		}
		if r := recs[as[0].ID]; r.Story != story || r.Wire != wire || !r.WireOrigin {
			t.Errorf("the wire's origin: story %d wire %d origin %v; want %d, %d, true", r.Story, r.Wire, r.WireOrigin, story, wire)
		}
		for _, a := range as {
			r := recs[a.ID]
			vs, _ := s.Versions(ctx, a.ID)
			leaves, _ := s.ArticleLeaves(ctx, a.ID)
			outcomes, _ := s.CheckOutcomes(ctx, a.ID)
			evs, _ := s.ArticleEvents(ctx, a.ID)
			story, wire, origin, _ := s.ArticleStory(ctx, a.ID)
			if !reflect.DeepEqual(r.Versions, vs) || !maps.Equal(r.Leaves, leaves) || !maps.Equal(r.Outcomes, outcomes) ||
				len(r.Events) != len(evs) || (len(evs) > 0 && !reflect.DeepEqual(r.Events, evs)) ||
				r.Story != story || r.Wire != wire || r.WireOrigin != origin {
				t.Errorf("article %d: record %d versions %d leaves %v outcomes %d events story %d wire %d/%v; "+
					"one at a time %d, %d, %v, %d, %d, %d/%v", a.ID, len(r.Versions), len(r.Leaves), r.Outcomes, len(r.Events),
					r.Story, r.Wire, r.WireOrigin, len(vs), len(leaves), outcomes, len(evs), story, wire, origin)
			}
		}
		if _, err := s.ArticleRecords(ctx, make([]int64, MaxPage+1)); err == nil {
			t.Error("ArticleRecords took more than MaxPage ids")
		}
	})
}
