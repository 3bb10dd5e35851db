package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestStories_PlacementCopiesAndStory(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2, o3 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two"), mustOutlet(t, s, "three")
		a := recordVersions(t, s, o1, "https://one.example/a", "")
		b := recordVersions(t, s, o2, "https://two.example/b", "")
		c := recordVersions(t, s, o3, "https://three.example/c", "", "headline")

		// a is placed first: indexed, alone.
		if w, st, err := s.SavePlacement(ctx, Placement{ArticleID: a.ID, OutletID: o1.ID, SeenAt: t0, Bands: []int64{1, 2}, Facts: []int64{7}}); err != nil || w != 0 || st != 0 {
			t.Fatalf("place a = %d %d %v", w, st, err)
		}
		if ids, err := s.StoryBandCandidates(ctx, []int64{2, 3}, o2.ID, 10); err != nil || !slices.Equal(ids, []int64{a.ID}) {
			t.Fatalf("band candidates = %v, %v", ids, err)
		}
		if ids, err := s.StoryBandCandidates(ctx, []int64{2}, o1.ID, 10); err != nil || len(ids) != 0 {
			t.Fatalf("band candidates of the same outlet = %v, %v; want none", ids, err)
		}
		if ids, err := s.StoryFactCandidates(ctx, []int64{7}, b.ID, t0.Add(-time.Hour), t0.Add(time.Hour), 10); err != nil || !slices.Equal(ids, []int64{a.ID}) {
			t.Fatalf("fact candidates = %v, %v", ids, err)
		}
		if ids, err := s.StoryFactCandidates(ctx, []int64{7}, b.ID, t0.Add(time.Hour), t0.Add(2*time.Hour), 10); err != nil || len(ids) != 0 {
			t.Fatalf("fact candidates outside the window = %v, %v", ids, err)
		}

		// b copies a and founds a story with it; c joins the story.
		wb, sb, err := s.SavePlacement(ctx, Placement{ArticleID: b.ID, OutletID: o2.ID, SeenAt: t0, Bands: []int64{2},
			Copies: []WireLink{{Other: a.ID, Shared: 0.9}}, With: a.ID, Score: 1.9, Title: "Storm"})
		if err != nil || wb == 0 || sb == 0 {
			t.Fatalf("place b = %d %d %v", wb, sb, err)
		}
		wc, sc, err := s.SavePlacement(ctx, Placement{ArticleID: c.ID, OutletID: o3.ID, SeenAt: t0, Story: sb, Score: 0.5})
		if err != nil || wc != 0 || sc != sb {
			t.Fatalf("place c = %d %d %v; want story %d", wc, sc, err, sb)
		}
		st, err := s.Story(ctx, sb)
		if err != nil || st.Articles != 3 || st.Outlets != 3 || st.Title != "Storm" {
			t.Fatalf("story = %+v, %v", st, err)
		}
		if err := s.SetWireOrigin(ctx, wb, a.ID, "AFP"); err != nil {
			t.Fatal(err)
		}
		ms, err := s.StoryMembers(ctx, sb)
		if err != nil || len(ms) != 3 {
			t.Fatalf("members = %+v, %v", ms, err)
		}
		for _, m := range ms {
			wantWire := m.ID != c.ID
			if (m.Wire != 0) != wantWire || m.WireOrigin != (m.ID == a.ID) {
				t.Errorf("member %d: wire %d origin %v", m.ID, m.Wire, m.WireOrigin)
			}
		}
		copies, err := s.ArticleCopies(ctx, b.ID)
		if err != nil || len(copies) != 1 || copies[0].ArticleID != a.ID || !copies[0].Origin || copies[0].Shared != 0.9 {
			t.Fatalf("copies of b = %+v, %v", copies, err)
		}
		if story, wire, origin, err := s.ArticleStory(ctx, a.ID); err != nil || story != sb || wire != wb || !origin {
			t.Fatalf("ArticleStory(a) = %d %d %v %v", story, wire, origin, err)
		}
		if vs, err := s.StoryVersions(ctx, sb); err != nil || len(vs) != 4 {
			t.Fatalf("story versions = %d, %v; want 4", len(vs), err)
		}

		// Re-placing an article replaces its keys and keeps its story.
		if _, st2, err := s.SavePlacement(ctx, Placement{ArticleID: a.ID, OutletID: o1.ID, SeenAt: t0, Bands: []int64{9}}); err != nil || st2 != sb {
			t.Fatalf("re-place a = %d, %v", st2, err)
		}
		if ids, _ := s.StoryBandCandidates(ctx, []int64{1}, o2.ID, 10); len(ids) != 0 {
			t.Errorf("old band keys kept: %v", ids)
		}

		// Purging an article takes its rows with it.
		if _, err := s.PurgeArticle(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.StoryMembers(ctx, sb); len(ms) != 2 {
			t.Errorf("members after purge = %d, want 2", len(ms))
		}
	})
}

func TestStories_MergeAndSplit(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		var ids []int64
		for _, u := range []string{"https://one.example/a", "https://two.example/b", "https://one.example/c", "https://two.example/d"} {
			o := o1
			if u[8] == 't' {
				o = o2
			}
			ids = append(ids, recordVersions(t, s, o, u, "").ID)
		}
		_, s1, err := s.SavePlacement(ctx, Placement{ArticleID: ids[1], OutletID: o2.ID, SeenAt: t0, With: ids[0], Title: "one"})
		if err != nil {
			t.Fatal(err)
		}
		_, s2, err := s.SavePlacement(ctx, Placement{ArticleID: ids[3], OutletID: o2.ID, SeenAt: t0, With: ids[2], Title: "two"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.MergeStories(ctx, s1, s2, t0); err != nil {
			t.Fatal(err)
		}
		if st, err := s.Story(ctx, s1); err != nil || st.Articles != 4 {
			t.Fatalf("merged story = %+v, %v", st, err)
		}
		if _, err := s.Story(ctx, s2); !errors.Is(err, ErrNotFound) {
			t.Fatalf("merged-away story: err = %v, want ErrNotFound", err)
		}
		if err := s.MergeStories(ctx, s1, 999, t0); !errors.Is(err, ErrNotFound) {
			t.Fatalf("merge unknown: err = %v", err)
		}
		s3, err := s.SplitStory(ctx, s1, []int64{ids[2], ids[3]}, t0)
		if err != nil {
			t.Fatal(err)
		}
		of, err := s.StoriesOf(ctx, ids)
		if err != nil || of[ids[0]] != s1 || of[ids[1]] != s1 || of[ids[2]] != s3 || of[ids[3]] != s3 {
			t.Fatalf("after split: %v, %v", of, err)
		}
		if _, err := s.SplitStory(ctx, s1, []int64{ids[2]}, t0); !errors.Is(err, ErrNotFound) {
			t.Fatalf("split of a non-member: err = %v, want ErrNotFound", err)
		}
		if list, err := s.StoryList(ctx, 10); err != nil || len(list) != 2 {
			t.Fatalf("StoryList = %+v, %v", list, err)
		}
	})
}

// A member's new version is activity of its story: the list puts the
// story first again.
func TestStories_NewVersionOfAMemberIsActivity(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a := recordVersions(t, s, o1, "https://one.example/a", "")
		b := recordVersions(t, s, o2, "https://two.example/b", "")
		c := recordVersions(t, s, o1, "https://one.example/c", "")
		d := recordVersions(t, s, o2, "https://two.example/d", "")
		_, first, err := s.SavePlacement(ctx, Placement{ArticleID: b.ID, OutletID: o2.ID, SeenAt: t0, At: t0, With: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		_, second, err := s.SavePlacement(ctx, Placement{ArticleID: d.ID, OutletID: o2.ID, SeenAt: t0, At: t0.Add(time.Hour), With: c.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SavePlacement(ctx, Placement{ArticleID: a.ID, OutletID: o1.ID, SeenAt: t0, At: t0.Add(2 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		list, err := s.StoryList(ctx, 10)
		if err != nil || len(list) != 2 || list[0].ID != first || list[1].ID != second {
			t.Fatalf("StoryList = %+v, %v; want story %d first", list, err, first)
		}
	})
}

// The placement lock is held by one caller at a time: a second one waits
// until the first releases it.
func TestStories_PlacementLockIsExclusive(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		unlock, err := s.LockPlacement(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.d != dialectPostgres {
			unlock()
			return // one process writes SQLite: nothing to exclude
		}
		got := make(chan struct{})
		go func() {
			u, err := s.LockPlacement(ctx)
			if err == nil {
				u()
			}
			close(got)
		}()
		select {
		case <-got:
			t.Fatal("a second caller took the lock while the first held it")
		case <-time.After(200 * time.Millisecond):
		}
		unlock()
		<-got
	})
}

// Stories page by their last activity, newest first, with no story twice
// or left out across pages.
func TestStoryPage_WalksByActivity(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for i := range 5 {
			if _, err := s.w.ExecContext(ctx, s.d.rebind(`INSERT INTO stories (title, created_at, updated_at, articles, outlets)
				VALUES (?, ?, ?, 2, 2)`), fmt.Sprint("story ", i), nanos(t0), nanos(t0.Add(time.Duration(i%3)*time.Hour))); err != nil {
				t.Fatal(err)
			}
		}
		var seen []int64
		var after StoryCursor
		for range 5 {
			page, err := s.StoryPage(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range page {
				seen = append(seen, st.ID)
			}
			if len(page) < 2 {
				break
			}
			last := page[len(page)-1]
			after = StoryCursor{Updated: last.Updated, ID: last.ID}
		}
		// updated: 1 and 4 at t0, 2 and 5 at +1h, 3 at +2h.
		if fmt.Sprint(seen) != "[3 5 2 4 1]" {
			t.Errorf("stories in order %v, want [3 5 2 4 1]", seen)
		}
	})
}
