package store

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// wantChanges is the newest-first list every filter of q selects from
// all (every change, newest first), worked out row by row.
func wantChanges(all []Change, q ChangeQuery, story map[int64]bool) []int64 {
	var ids []int64
	for _, c := range all {
		switch {
		case q.OutletID != 0 && c.OutletID != q.OutletID,
			q.ArticleID != 0 && c.ArticleID != q.ArticleID,
			q.StoryID != 0 && !story[c.ArticleID],
			len(q.Classes) > 0 && !slices.ContainsFunc(c.Classes, func(k string) bool { return slices.Contains(q.Classes, k) }),
			q.HideMinor && slices.Equal(c.Classes, []string{"minor"}):
			continue
		}
		ids = append(ids, c.VersionID)
	}
	return ids
}

// changesPaged walks every page of q, limit changes at a time.
func changesPaged(t *testing.T, s *Store, q ChangeQuery, limit int) []int64 {
	t.Helper()
	q.Limit = limit
	var ids []int64
	for range 100 {
		cs, err := s.Changes(context.Background(), q)
		if err != nil {
			t.Fatalf("Changes(%+v): %v", q, err)
		}
		for _, c := range cs {
			ids = append(ids, c.VersionID)
		}
		if len(cs) < limit {
			return ids
		}
		last := cs[len(cs)-1]
		q.After = ChangeCursor{At: last.At, VersionID: last.VersionID}
	}
	t.Fatalf("Changes(%+v) does not end", q)
	return nil
}

// Every combination of the changes list's filters, each built into its
// own statement, selects what the filters say, newest first, and pages
// through it without a gap or a repeat. Versions share fetch times
// across articles, so the cursor's tie on the version id is exercised.
func TestChanges_EveryFilterCombinationSelectsItsRows(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a1 := recordVersions(t, s, o1, "https://one.example/1", "", "headline", "byline,wording", "minor", "byline")
		recordVersions(t, s, o1, "https://one.example/2", "", "minor", "headline,byline")
		a3 := recordVersions(t, s, o2, "https://two.example/3", "", "byline", "minor", "headline")
		recordVersions(t, s, o2, "https://two.example/4", "", "wording")
		_, story, err := s.SavePlacement(ctx, Placement{ArticleID: a3.ID, OutletID: o2.ID, SeenAt: t0, With: a1.ID, Title: "S"})
		if err != nil || story == 0 {
			t.Fatalf("SavePlacement = story %d, %v", story, err)
		}
		members := map[int64]bool{a1.ID: true, a3.ID: true}
		all, err := s.Changes(ctx, ChangeQuery{})
		if err != nil || len(all) != 10 {
			t.Fatalf("every change: %d, %v; want 10", len(all), err)
		}
		for i := 1; i < len(all); i++ {
			p, c := all[i-1], all[i]
			if c.At.After(p.At) || c.At.Equal(p.At) && c.VersionID > p.VersionID {
				t.Fatalf("changes out of order: %+v before %+v", p, c)
			}
		}
		for _, outlet := range []int64{0, o1.ID, o2.ID} {
			for _, article := range []int64{0, a1.ID, a3.ID} {
				for _, st := range []int64{0, story} {
					for _, classes := range [][]string{nil, {"byline"}, {"byline", "headline"}, {"headline", "headline"}, {"none"}} {
						for _, hide := range []bool{false, true} {
							q := ChangeQuery{OutletID: outlet, ArticleID: article, StoryID: st, Classes: classes, HideMinor: hide}
							want := wantChanges(all, q, members)
							for _, limit := range []int{2, 50} {
								if got := changesPaged(t, s, q, limit); !slices.Equal(got, want) {
									t.Errorf("%+v by %d: versions %v, want %v", q, limit, got, want)
								}
							}
						}
					}
				}
			}
		}
	})
}

// Every combination of the events list's filters selects what they say,
// newest first, a page at a time.
func TestEvents_EveryFilterCombinationSelectsItsRows(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o1, o2 := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a1 := recordVersions(t, s, o1, "https://one.example/1", "")
		a2 := recordVersions(t, s, o2, "https://two.example/2", "")
		for i, ev := range []struct {
			a    int64
			kind model.EventKind
		}{{a1.ID, model.EventGone}, {a2.ID, model.EventGone}, {a1.ID, model.EventBack}, {a2.ID, model.EventMoved},
			{a1.ID, model.EventMoved}, {a2.ID, model.EventBack}, {a1.ID, model.EventGone}} {
			if _, err := s.AppendEvent(ctx, model.Event{ArticleID: ev.a, Kind: ev.kind, At: t0.Add(time.Duration(i/2) * time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		all, err := s.Events(ctx, EventQuery{})
		if err != nil || len(all) != 7 {
			t.Fatalf("every event: %d, %v", len(all), err)
		}
		for _, outlet := range []int64{0, o1.ID, o2.ID} {
			for _, article := range []int64{0, a1.ID} {
				for _, kinds := range [][]model.EventKind{nil, {model.EventGone}, {model.EventGone, model.EventMoved}} {
					q := EventQuery{OutletID: outlet, ArticleID: article, Kinds: kinds}
					var want []int64
					for _, e := range all {
						if (outlet == 0 || e.OutletID == outlet) && (article == 0 || e.ArticleID == article) &&
							(len(kinds) == 0 || slices.Contains(kinds, e.Kind)) {
							want = append(want, e.ID)
						}
					}
					var got []int64
					for page := q; ; {
						page.Limit = 2
						es, err := s.Events(ctx, page)
						if err != nil {
							t.Fatal(err)
						}
						for _, e := range es {
							got = append(got, e.ID)
						}
						if len(es) < 2 || len(got) > len(all) {
							break
						}
						page.After = EventCursor{At: es[len(es)-1].At, ID: es[len(es)-1].ID}
					}
					if !slices.Equal(got, want) {
						t.Errorf("%+v: events %v, want %v", q, got, want)
					}
				}
			}
		}
	})
}

// sqlDerivedChanges is what version_classes and outlet_changes must hold,
// worked out from versions and articles.
const sqlDerivedChanges = `SELECT v.id, v.fetched_at, v.classes, a.outlet_id FROM versions v
	JOIN articles a ON a.id = v.article_id WHERE v.seq > 0 ORDER BY v.id`

// changeIndexMismatch compares the rows of version_classes, outlet_changes
// and outlet_events with what versions and events say they must be; ""
// when equal.
func changeIndexMismatch(t *testing.T, s *Store) string {
	t.Helper()
	ctx := context.Background()
	want, got := map[string]bool{}, map[string]bool{}
	read := func(into map[string]bool, query string, row func(sc scanner) ([]string, error)) {
		rows, err := s.r.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		keys, err := collect(rows, row)
		if err != nil {
			t.Fatal(err)
		}
		for _, ks := range keys {
			for _, k := range ks {
				into[k] = true
			}
		}
	}
	read(want, sqlDerivedChanges, func(sc scanner) ([]string, error) {
		var id, at, outlet int64
		var classes string
		err := sc.Scan(&id, &at, &classes, &outlet)
		keys := []string{fmt.Sprintf("outlet %d %d %d", outlet, at, id)}
		for _, c := range splitClasses(classes) {
			keys = append(keys, fmt.Sprintf("class %s %d %d", c, at, id))
		}
		return keys, err
	})
	read(got, `SELECT class, fetched_at, version_id FROM version_classes`, func(sc scanner) ([]string, error) {
		var class string
		var at, id int64
		err := sc.Scan(&class, &at, &id)
		return []string{fmt.Sprintf("class %s %d %d", class, at, id)}, err
	})
	read(want, `SELECT e.id, e.at, a.outlet_id FROM events e JOIN articles a ON a.id = e.article_id`, func(sc scanner) ([]string, error) {
		var id, at, outlet int64
		err := sc.Scan(&id, &at, &outlet)
		return []string{fmt.Sprintf("event %d %d %d", outlet, at, id)}, err
	})
	read(got, `SELECT outlet_id, at, event_id FROM outlet_events`, func(sc scanner) ([]string, error) {
		var outlet, at, id int64
		err := sc.Scan(&outlet, &at, &id)
		return []string{fmt.Sprintf("event %d %d %d", outlet, at, id)}, err
	})
	read(got, `SELECT outlet_id, fetched_at, version_id FROM outlet_changes`, func(sc scanner) ([]string, error) {
		var outlet, at, id int64
		err := sc.Scan(&outlet, &at, &id)
		return []string{fmt.Sprintf("outlet %d %d %d", outlet, at, id)}, err
	})
	var diff []string
	for k := range want {
		if !got[k] {
			diff = append(diff, "missing "+k)
		}
	}
	for k := range got {
		if !want[k] {
			diff = append(diff, "extra "+k)
		}
	}
	slices.Sort(diff)
	return strings.Join(diff, "; ")
}

// The class and outlet rows the changes list is read from follow every
// write that moves them: versions appended, an article purged, outlets
// merged.
func TestChangeIndex_FollowsEveryWrite(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		one, two := mustOutlet(t, s, "one"), mustOutlet(t, s, "two")
		a := recordVersions(t, s, one, "https://one.example/a", "", "headline", "byline,wording,byline", "minor")
		b := recordVersions(t, s, two, "https://two.example/b", "", "byline")
		recordVersions(t, s, two, "https://two.example/c", "", "")
		for _, id := range []int64{a.ID, b.ID, b.ID} {
			if _, err := s.AppendEvent(ctx, model.Event{ArticleID: id, Kind: model.EventGone, At: t0}); err != nil {
				t.Fatal(err)
			}
		}
		if d := changeIndexMismatch(t, s); d != "" {
			t.Fatalf("versions appended: %s", d)
		}
		if _, err := s.PurgeArticle(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if d := changeIndexMismatch(t, s); d != "" {
			t.Fatalf("an article purged: %s", d)
		}
		if _, err := s.MergeOutlets(ctx, two.ID, one.ID); err != nil {
			t.Fatal(err)
		}
		if d := changeIndexMismatch(t, s); d != "" {
			t.Fatalf("outlets merged: %s", d)
		}
		cs, err := s.Changes(ctx, ChangeQuery{OutletID: one.ID, Classes: []string{"byline"}})
		if err != nil || len(cs) != 1 || cs[0].ArticleID != b.ID {
			t.Errorf("byline changes of the merged outlet = %+v, %v", cs, err)
		}
		es, err := s.Events(ctx, EventQuery{OutletID: one.ID})
		if err != nil || len(es) != 2 || es[0].ArticleID != b.ID {
			t.Errorf("events of the merged outlet = %+v, %v", es, err)
		}
	})
}

// A store an older errata wrote gets the class and outlet rows of the
// versions it already holds when it is opened.
func TestChangeIndex_MigrationFillsExistingVersions(t *testing.T) {
	const before = 15 // the schema before 0016
	fill := func(t *testing.T, old *Store) {
		ctx := context.Background()
		// Rows are written as the older schema has them: the store's own
		// statements speak the newest schema.
		var outletID, articleID int64
		if err := old.w.QueryRowContext(ctx, `INSERT INTO outlets (name, host) VALUES ('Daily', 'd.example') RETURNING id`).Scan(&outletID); err != nil {
			t.Fatalf("insert outlet: %v", err)
		}
		if err := old.w.QueryRowContext(ctx, old.d.rebind(`INSERT INTO articles (outlet_id, url) VALUES (?, 'https://d.example/a') RETURNING id`),
			outletID).Scan(&articleID); err != nil {
			t.Fatalf("insert article: %v", err)
		}
		for seq, classes := range []string{"", "headline,byline", "minor", "byline,byline"} {
			if _, err := old.w.ExecContext(ctx, old.d.rebind(`INSERT INTO versions (article_id, seq, fetched_at, title, text, hash, classes)
				VALUES (?, ?, ?, ?, ?, ?, ?)`), articleID, seq, nanos(t0.Add(time.Duration(seq)*time.Hour)),
				"t", fmt.Sprint("text ", seq), fmt.Sprint("h", seq), classes); err != nil {
				t.Fatalf("insert version %d: %v", seq, err)
			}
		}
		if _, err := old.w.ExecContext(ctx, old.d.rebind(`INSERT INTO events (article_id, kind, at) VALUES (?, 'gone', ?)`),
			articleID, nanos(t0)); err != nil {
			t.Fatalf("insert event: %v", err)
		}
	}
	check := func(t *testing.T, s *Store) {
		if d := changeIndexMismatch(t, s); d != "" {
			t.Errorf("after migrating: %s", d)
		}
		cs, err := s.Changes(context.Background(), ChangeQuery{Classes: []string{"byline"}})
		if err != nil || len(cs) != 2 || cs[0].Seq != 3 || cs[1].Seq != 1 {
			t.Errorf("byline changes after migrating = %+v, %v", cs, err)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "old.db")
		old, err := OpenOptions(ctx, path, Options{schema: before})
		if err != nil {
			t.Fatal(err)
		}
		fill(t, old)
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
		fill(t, old)
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

// The sources list reads kept counts of the articles each source found;
// after every write that moves them (articles added, an article purged,
// a source removed) they equal what counting the articles gives.
func TestSourceStats_KeptEqualCounted(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		check := func(step string) {
			t.Helper()
			sums, err := s.SourceSummaries(ctx, SourceQuery{})
			if err != nil {
				t.Fatal(err)
			}
			for _, sum := range sums {
				var n int
				if err := s.r.QueryRowContext(ctx, s.d.rebind(`SELECT count(*) FROM articles WHERE source_id = ?`), sum.ID).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if sum.Articles != n {
					t.Errorf("%s: source %s lists %d articles, counting gives %d", step, sum.URL, sum.Articles, n)
				}
			}
		}
		o := mustOutlet(t, s, "Daily")
		one := mustSource(t, s, o.ID, "https://d.example/one.xml")
		two := mustSource(t, s, o.ID, "https://d.example/two.xml")
		check("sources made")
		var firsts []model.Article
		for i, src := range []int64{one.ID, one.ID, two.ID, 0} {
			a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://d.example/%d", i), SourceID: src, NextCheck: t0})
			if err != nil {
				t.Fatal(err)
			}
			firsts = append(firsts, a)
		}
		check("articles added")
		if _, err := s.PurgeArticle(ctx, firsts[0].ID); err != nil {
			t.Fatal(err)
		}
		check("an article purged")
		if _, err := s.RemoveSource(ctx, two.ID); err != nil {
			t.Fatal(err)
		}
		check("a source removed")
		sums, err := s.SourceSummaries(ctx, SourceQuery{})
		if err != nil || len(sums) != 1 || sums[0].Articles != 1 {
			t.Errorf("sources at the end = %+v, %v; want one with one article", sums, err)
		}
	})
}
