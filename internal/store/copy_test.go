package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

// seed fills s with every kind of row, including more captures and checks
// than one Copy batch holds, bodies with every byte value, and a
// non-ASCII alias so text ordering is exercised.
func seed(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	o := mustOutlet(t, s, "Daily")
	if err := s.SetOutletRules(ctx, o.ID, model.Rules{}); err != nil {
		t.Fatal(err)
	}
	uni := mustOutlet(t, s, "Ünïcode Times")
	// A fetch mode and a short-text note are copied with their outlet.
	if err := s.SetOutletFetch(ctx, o.ID, model.FetchBrowser); err != nil {
		t.Fatal(err)
	}
	if err := s.NoteShortText(ctx, uni.ID, model.ShortText{URL: "https://u.example/a", Words: 3, Promised: 300, At: t0}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: "https://d.example/feed",
		Kind: model.SourceFeed, CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		a := mustArticle(t, s, o.ID, fmt.Sprintf("https://d.example/%d", i))
		for _, alias := range []string{"https://d.example/Z", "https://d.example/é", "https://d.example/a"} {
			if err := s.AddAlias(ctx, a.ID, fmt.Sprintf("%s/%d", alias, i)); err != nil {
				t.Fatal(err)
			}
		}
		for seq := range copyBatch/3 + 2 {
			c := capture(fmt.Sprintf("cap-%d-%d", i, seq))
			c.Body = []byte{byte(seq), 0, 255, byte(i)}
			v := version(a.ID, seq)
			v.CaptureHash = c.Hash
			v.Text = editedText(seq) // long enough that later versions are deltas
			a.BodyHash = c.Hash
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0.Add(time.Duration(seq)*time.Minute),
				model.OutcomeNewVersion), Capture: c, Version: v}); err != nil {
				t.Fatal(err)
			}
		}
	}
	sub, err := s.AddSubscription(ctx, model.Subscription{Name: "desk", URL: "https://hooks.example/x",
		Outlets: []string{"Daily"}, Classes: []string{"headline"}, Minor: true}, t0)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.VersionBySeq(ctx, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureDelivery(ctx, sub.ID, v.ID, t0); err != nil {
		t.Fatal(err)
	}
	ev, err := s.AppendEvent(ctx, model.Event{ArticleID: v.ArticleID, Kind: model.EventMoved, At: t0, Seq: model.NoSeq,
		OldURL: "https://d.example/old", NewURL: "https://d.example/é"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EnsureEventDelivery(ctx, sub.ID, ev, t0); err != nil {
		t.Fatal(err)
	}
}

func TestCopy_SQLiteToSQLiteDigestsMatch(t *testing.T) {
	from, _ := openTemp(t)
	to, _ := openTemp(t)
	testCopy(t, from, to)
}

func TestCopy_SQLiteToPostgresAndBack(t *testing.T) {
	from, _ := openTemp(t)
	pg, _ := openPostgresTemp(t)
	testCopy(t, from, pg)
	back, _ := openTemp(t)
	testCopy(t, pg, back)
	// The copies are the same store: feeds keep their entry ids.
	ctx := context.Background()
	want, _ := from.Instance(ctx)
	for _, s := range []*Store{pg, back} {
		if got, err := s.Instance(ctx); err != nil || got != want {
			t.Errorf("copy's instance %+v (%v), want %+v", got, err, want)
		}
	}
}

func testCopy(t *testing.T, from, to *Store) {
	t.Helper()
	ctx := context.Background()
	if st, _ := from.Stats(ctx); st.Articles == 0 {
		seed(t, from)
	}
	stats, err := Copy(ctx, from, to)
	if err != nil {
		t.Fatalf("Copy: %v", err)
	}
	want, err := from.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := to.Digest(ctx)
	if err != nil || !maps.Equal(got, want) || !maps.Equal(stats.Digest, want) {
		t.Fatalf("target digest = %v, %v;\nwant %v;\ncopy saw %v", got, err, want, stats.Digest)
	}
	if stats.Rows["captures"] <= copyBatch || stats.Batches < len(dataTables)+1 {
		t.Errorf("stats = %+v; want captures over several batches", stats)
	}
	checkCopiedReads(t, from, to)
	// The target goes on numbering after the copied ids.
	o, err := to.EnsureOutlet(ctx, "Later", "l.example")
	if err != nil || o.ID <= 2 {
		t.Errorf("EnsureOutlet after copy = %+v, %v; want a fresh id", o, err)
	}
}

// checkCopiedReads compares what the API returns on both sides.
func checkCopiedReads(t *testing.T, from, to *Store) {
	t.Helper()
	ctx := context.Background()
	as, _ := from.Articles(ctx, 0, 0)
	for _, a := range as {
		va, _ := from.Versions(ctx, a.ID)
		vb, err := to.Versions(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(va, vb) {
			t.Errorf("versions of %d differ: %v", a.ID, err)
		}
		body, err := to.CaptureBody(ctx, va[1].CaptureHash)
		if err != nil || !reflect.DeepEqual(body, []byte{1, 0, 255, byte(a.ID - 1)}) {
			t.Errorf("capture body = %v, %v", body, err)
		}
	}
	if hs, err := searchAll(ctx, to, "para two"); err != nil || len(hs) != len(as) {
		t.Errorf("Search on the copy = %d hits, %v; want %d", len(hs), err, len(as))
	}
}

func TestCopy_AgainIsHarmlessOtherTargetRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, to *Store) {
		ctx := context.Background()
		from, _ := openTemp(t)
		seed(t, from)
		if _, err := Copy(ctx, from, to); err != nil {
			t.Fatal(err)
		}
		before, _ := to.Digest(ctx)
		if _, err := Copy(ctx, from, to); err != nil {
			t.Errorf("second Copy = %v; want nil, already copied", err)
		}
		if after, _ := to.Digest(ctx); !maps.Equal(before, after) {
			t.Error("second Copy changed the target")
		}
		mustOutlet(t, from, "Extra")
		_, err := Copy(ctx, from, to)
		if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "already holds other data") {
			t.Errorf("Copy onto a different non-empty target = %v; want ErrNotEmpty", err)
		}
	})
}

func TestDigest_EmptyAndChanged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d0, err := s.Digest(ctx)
		if err != nil || len(d0) != len(dataTables) || !isEmptyDigest(d0) {
			t.Fatalf("Digest of empty store = %v, %v", d0, err)
		}
		mustOutlet(t, s, "Daily")
		d1, _ := s.Digest(ctx)
		if d1["outlets"] == d0["outlets"] || !strings.HasPrefix(d1["outlets"], "1 sha256:") {
			t.Errorf("outlets digest = %q after one insert", d1["outlets"])
		}
		if d1["articles"] != d0["articles"] {
			t.Error("articles digest changed without an article")
		}
	})
}
