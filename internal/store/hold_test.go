package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func mustSource(t *testing.T, s *Store, outletID int64, url string) model.Source {
	t.Helper()
	src, _, err := s.AddSource(context.Background(), model.Source{OutletID: outletID, URL: url, Kind: model.SourceFeed, NextPoll: t0})
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestSetSourcePaused_PausedSourceIsNeverDue(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		kept, paused := mustSource(t, s, o.ID, "https://d.example/a.xml"), mustSource(t, s, o.ID, "https://d.example/b.xml")
		if err := s.SetSourcePaused(ctx, paused.ID, true); err != nil {
			t.Fatal(err)
		}
		// A poll that read the source before the pause must not undo it.
		paused.Errors, paused.LastError = 1, "HTTP status 500"
		if err := s.UpdateSource(ctx, paused); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueSources(ctx, t0.Add(time.Hour))
		if err != nil || len(due) != 1 || due[0].ID != kept.ID {
			t.Errorf("DueSources = %v, %v; want only %d", sourceIDs(due), err, kept.ID)
		}
		all, err := s.PollableSources(ctx)
		if err != nil || len(all) != 1 || all[0].ID != kept.ID {
			t.Errorf("PollableSources = %v, %v; want only %d", sourceIDs(all), err, kept.ID)
		}
		got, err := s.Source(ctx, paused.ID)
		if err != nil || !got.Paused || got.LastError != "HTTP status 500" || got.State() != model.SourcePaused {
			t.Errorf("Source = %+v, %v; want paused with its last error", got, err)
		}
		if err := s.SetSourcePaused(ctx, paused.ID, false); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueSources(ctx, t0.Add(time.Hour)); len(due) != 2 {
			t.Errorf("after resume DueSources = %v; want both", sourceIDs(due))
		}
		if err := s.SetSourcePaused(ctx, 999, true); !errors.Is(err, ErrNotFound) {
			t.Errorf("pause of a missing source = %v; want ErrNotFound", err)
		}
	})
}

func TestSetArticleHold_HeldArticleIsNeverDue(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		kept := mustArticle(t, s, o.ID, "https://d.example/kept")
		paused := mustArticle(t, s, o.ID, "https://d.example/paused")
		if err := s.SetArticleHold(ctx, paused.ID, model.HoldPaused); err != nil {
			t.Fatal(err)
		}
		// A check that read the article before the pause records its
		// visit but keeps the pause.
		paused.LastChecked, paused.NextCheck = t0, t0
		if _, err := s.Record(ctx, CheckRecord{Article: paused, Check: check(paused.ID, t0, model.OutcomeUnchanged)}); err != nil {
			t.Fatal(err)
		}
		due, err := s.DueArticles(ctx, t0.Add(time.Hour), 0)
		if err != nil || len(due) != 1 || due[0].ID != kept.ID {
			t.Errorf("DueArticles = %+v, %v; want only %d", due, err, kept.ID)
		}
		active, err := s.ActiveArticles(ctx)
		if err != nil || len(active) != 1 || active[0].ID != kept.ID {
			t.Errorf("ActiveArticles = %+v, %v; want only %d", active, err, kept.ID)
		}
		got, err := s.Article(ctx, paused.ID)
		if err != nil || got.Hold != model.HoldPaused || got.Tracking() != "paused" || got.State != model.StateActive {
			t.Errorf("Article = %+v, %v; want active state held as paused", got, err)
		}
		if err := s.SetArticleHold(ctx, paused.ID, model.HoldNone); err != nil {
			t.Fatal(err)
		}
		if due, _ := s.DueArticles(ctx, t0.Add(time.Hour), 0); len(due) != 2 {
			t.Errorf("after resume DueArticles = %+v; want both", due)
		}
	})
}

func TestRemoveSource_KeepsItsArticlesVersionsButStopsThem(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		src := mustSource(t, s, o.ID, "https://d.example/feed.xml")
		other := mustSource(t, s, o.ID, "https://d.example/other.xml")
		a, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://d.example/a", SourceID: src.ID, NextCheck: t0})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://d.example/b", SourceID: other.ID, NextCheck: t0}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
			Capture: capture("c"), Version: version(a.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		sums, err := s.SourceSummaries(ctx, SourceQuery{})
		if err != nil || len(sums) != 2 || sums[0].Articles != 1 || sums[0].OutletName != "Daily" {
			t.Fatalf("SourceSummaries = %+v, %v; want 2 sources with one article each", sums, err)
		}
		n, err := s.RemoveSource(ctx, src.ID)
		if err != nil || n != 1 {
			t.Fatalf("RemoveSource = %d, %v; want 1", n, err)
		}
		if _, err := s.Source(ctx, src.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removed source still there: %v", err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil || got.Hold != model.HoldRemoved || got.SourceID != 0 {
			t.Errorf("article = %+v, %v; want held as removed, no source", got, err)
		}
		if vs, err := s.Versions(ctx, a.ID); err != nil || len(vs) != 1 {
			t.Errorf("versions = %d, %v; want the 1 recorded", len(vs), err)
		}
		if due, _ := s.DueArticles(ctx, t0.Add(time.Hour), 0); len(due) != 1 || due[0].ID == a.ID {
			t.Errorf("DueArticles = %+v; want only the other source's article", due)
		}
		if sums, _ := s.SourceSummaries(ctx, SourceQuery{}); len(sums) != 1 || sums[0].ID != other.ID {
			t.Errorf("SourceSummaries after remove = %+v", sums)
		}
	})
}

func TestPurgeArticle_DeletesItsRecordsAndUnsharedCaptures(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		b := mustArticle(t, s, o.ID, "https://d.example/b")
		if err := s.AddAlias(ctx, a.ID, "https://d.example/old-a"); err != nil {
			t.Fatal(err)
		}
		va0, va1 := version(a.ID, 0), version(a.ID, 1)
		va0.Text, va1.Text = "zebra crossing", "zebra crossing widened"
		va0.CaptureHash, va1.CaptureHash = "own", "shared"
		vb := version(b.ID, 0)
		vb.Text, vb.CaptureHash = "zebra elsewhere", "shared"
		recs := []CheckRecord{
			{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: capture("own"), Version: va0},
			{Article: a, Check: check(a.ID, t0.Add(time.Hour), model.OutcomeNewVersion), Capture: capture("shared"), Version: va1},
			{Article: b, Check: check(b.ID, t0, model.OutcomeNewVersion), Version: vb},
		}
		for _, r := range recs {
			if _, err := s.Record(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Learn(ctx, []model.Furniture{{OutletID: o.ID, ArticleID: a.ID, Kind: "text", Origin: "volatile", Key: "x"}}, t0); err != nil {
			t.Fatal(err)
		}
		p, err := s.PurgeArticle(ctx, a.ID)
		if err != nil || p != (Purged{Articles: 1, Versions: 2, Captures: 1}) {
			t.Fatalf("PurgeArticle = %+v, %v; want 1 article, 2 versions, 1 capture", p, err)
		}
		if _, err := s.Article(ctx, a.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("purged article still there: %v", err)
		}
		if _, err := s.ArticleByURL(ctx, "https://d.example/old-a"); !errors.Is(err, ErrNotFound) {
			t.Errorf("purged article's alias still leads somewhere: %v", err)
		}
		if vs, _ := s.Versions(ctx, a.ID); len(vs) != 0 {
			t.Errorf("purged versions left: %d", len(vs))
		}
		if _, err := s.Capture(ctx, "own"); !errors.Is(err, ErrNotFound) {
			t.Errorf("unshared capture kept: %v", err)
		}
		if _, err := s.Capture(ctx, "shared"); err != nil {
			t.Errorf("capture another version uses was deleted: %v", err)
		}
		if n, _ := s.CountChecks(ctx, a.ID); n != 0 {
			t.Errorf("purged article's checks left: %d", n)
		}
		if f, _ := s.FurnitureFor(ctx, o.ID, a.ID); len(f) != 0 {
			t.Errorf("purged article's furniture left: %+v", f)
		}
		res, err := s.Search(ctx, SearchQuery{Text: "zebra", Limit: 10})
		if hits := res.Hits; err != nil || len(hits) != 1 || hits[0].ArticleID != b.ID {
			t.Errorf("Search = %+v, %v; want only the other article", res.Hits, err)
		}
		// Outside a purge, versions and captures stay append-only.
		for _, stmt := range []string{`DELETE FROM versions`, `DELETE FROM captures`} {
			if _, err := s.w.ExecContext(ctx, stmt); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s after a purge: error = %v; want append-only refusal", stmt, err)
			}
		}
	})
}

func TestMergeOutlets_MovesArticlesSourcesRulesAndFurniture(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		into, from := mustOutlet(t, s, "The Daily Ledger"), mustOutlet(t, s, "Ledger")
		a := mustArticle(t, s, from.ID, "https://ledger.example/a")
		src := mustSource(t, s, from.ID, "https://ledger.example/feed.xml")
		if err := s.SetOutletRules(ctx, from.ID, model.Rules{Drop: []string{".promo"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOutletRules(ctx, into.ID, model.Rules{Drop: []string{".ad"}}); err != nil {
			t.Fatal(err)
		}
		learned := model.Furniture{OutletID: from.ID, Kind: "text", Origin: "template", Key: "Most read"}
		if err := s.Learn(ctx, []model.Furniture{learned, {OutletID: into.ID, Kind: "text", Origin: "template", Key: "Most read"}}, t0); err != nil {
			t.Fatal(err)
		}
		m, err := s.MergeOutlets(ctx, from.ID, into.ID)
		if err != nil || m != (Merged{Articles: 1, Sources: 1}) {
			t.Fatalf("MergeOutlets = %+v, %v", m, err)
		}
		if got, _ := s.Article(ctx, a.ID); got.OutletID != into.ID {
			t.Errorf("article outlet = %d; want %d", got.OutletID, into.ID)
		}
		if got, _ := s.Source(ctx, src.ID); got.OutletID != into.ID {
			t.Errorf("source outlet = %d; want %d", got.OutletID, into.ID)
		}
		o, err := s.Outlet(ctx, into.ID)
		if err != nil || strings.Join(o.Rules.Drop, " ") != ".ad .promo" {
			t.Errorf("merged rules = %+v, %v; want .ad and .promo", o.Rules, err)
		}
		if f, _ := s.OutletFurniture(ctx, into.ID); len(f) != 1 {
			t.Errorf("furniture = %+v; want the one shared item once", f)
		}
		if _, err := s.Outlet(ctx, from.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("merged outlet still there: %v", err)
		}
		if _, err := s.MergeOutlets(ctx, into.ID, into.ID); err == nil {
			t.Error("merging an outlet into itself succeeded")
		}
	})
}

func TestRenameOutlet_RefusesATakenName(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		a, b := mustOutlet(t, s, "Ledger"), mustOutlet(t, s, "Planet")
		if err := s.RenameOutlet(ctx, a.ID, "The Daily Ledger"); err != nil {
			t.Fatal(err)
		}
		if o, err := s.Outlet(ctx, a.ID); err != nil || o.Name != "The Daily Ledger" {
			t.Errorf("renamed outlet = %+v, %v", o, err)
		}
		if err := s.RenameOutlet(ctx, b.ID, "The Daily Ledger"); !errors.Is(err, ErrExists) {
			t.Errorf("rename to a taken name = %v; want ErrExists", err)
		}
	})
}
