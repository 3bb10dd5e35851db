package store

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func capture(hash string) *model.Capture {
	return &model.Capture{Hash: hash, URL: "https://d.example/a", Status: 200,
		Header:    map[string][]string{"Content-Type": {"text/html"}, "Set-Cookie": {"a=1", "b=2"}},
		FetchedAt: t0, Size: 12345, Body: []byte("compressed bytes")}
}

func check(articleID int64, at time.Time, outcome model.Outcome) model.Check {
	return model.Check{ArticleID: articleID, At: at, Status: 200, Outcome: outcome,
		Duration: 1500 * time.Millisecond, Hash: "h", Error: ""}
}

func TestRecord_NewVersionRoundTrips(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		a.LastChecked, a.LastChanged, a.NextCheck, a.BodyHash, a.ETag = t0, t0, t0.Add(time.Hour), "body", `"e"`
		v, c := version(a.ID, 0), capture("cap")
		id, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Capture: c, Version: v})
		if err != nil || id == 0 {
			t.Fatalf("Record = %d, %v", id, err)
		}
		v.ID = id
		vs, err := s.Versions(ctx, a.ID)
		if err != nil || len(vs) != 1 || !reflect.DeepEqual(vs[0], *v) {
			t.Errorf("Versions = %+v, %v; want [%+v]", vs, err, *v)
		}
		gotC, err := s.Capture(ctx, "cap")
		meta := *c
		meta.Body = nil // Capture leaves the body out; CaptureBody reads it
		if err != nil || !reflect.DeepEqual(gotC, meta) {
			t.Errorf("Capture = %+v, %v; want %+v", gotC, err, meta)
		}
		if body, err := s.CaptureBody(ctx, "cap"); err != nil || string(body) != string(c.Body) {
			t.Errorf("CaptureBody = %q, %v; want %q", body, err, c.Body)
		}
		gotA, err := s.Article(ctx, a.ID)
		if err != nil || !reflect.DeepEqual(gotA, a) {
			t.Errorf("Article = %+v, %v; want %+v", gotA, err, a)
		}
		checks, err := s.RecentChecks(ctx, a.ID, 5)
		want := check(a.ID, t0, model.OutcomeNewVersion)
		if err != nil || len(checks) != 1 || checks[0].ID == 0 {
			t.Fatalf("RecentChecks = %+v, %v", checks, err)
		}
		want.ID = checks[0].ID
		if !reflect.DeepEqual(checks[0], want) {
			t.Errorf("check = %+v; want %+v", checks[0], want)
		}
	})
}

func TestRecord_UnchangedCheckStoresNoVersion(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		for i := 0; i < 3; i++ {
			c := check(0, t0.Add(time.Duration(i)*time.Minute), model.OutcomeUnchanged) // ArticleID from Article
			if id, err := s.Record(ctx, CheckRecord{Article: a, Check: c}); err != nil || id != 0 {
				t.Fatalf("Record = %d, %v; want 0, nil", id, err)
			}
		}
		if _, err := s.LatestVersion(ctx, a.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("LatestVersion error = %v; want ErrNotFound", err)
		}
		n, err := s.CountChecks(ctx, a.ID)
		if err != nil || n != 3 {
			t.Errorf("CountChecks = %d, %v; want 3", n, err)
		}
		recent, err := s.RecentChecks(ctx, a.ID, 2)
		if err != nil || len(recent) != 2 || !recent[0].At.Equal(t0.Add(2*time.Minute)) || !recent[1].At.Equal(t0.Add(time.Minute)) {
			t.Errorf("RecentChecks(2) = %+v, %v; want newest first", recent, err)
		}
	})
}

func TestRecord_DuplicateVersionLeavesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Version: version(a.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		before, _ := s.Stats(ctx)
		changed := a
		changed.BodyHash, changed.State, changed.NextCheck = "other", model.StateGone, t0.Add(99*time.Hour)
		_, err := s.Record(ctx, CheckRecord{Article: changed, Check: check(a.ID, t0.Add(time.Hour), model.OutcomeNewVersion),
			Capture: capture("new-cap"), Version: version(a.ID, 0)})
		if !errors.Is(err, ErrDuplicateVersion) {
			t.Fatalf("Record error = %v; want ErrDuplicateVersion", err)
		}
		after, _ := s.Stats(ctx)
		if before != after {
			t.Errorf("Stats changed by a failed Record: %+v -> %+v", before, after)
		}
		got, _ := s.Article(ctx, a.ID)
		if !reflect.DeepEqual(got, a) {
			t.Errorf("article updated by a failed Record: %+v", got)
		}
	})
}

func TestRecord_CaptureIsContentAddressed(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		for i := 0; i < 2; i++ {
			c := capture("same")
			c.Status = 200 + i // a later copy must not overwrite the first
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeSameBytes), Capture: c}); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Capture(ctx, "same")
		if err != nil || got.Status != 200 {
			t.Errorf("Capture = %+v, %v; want the first copy", got, err)
		}
		if _, err := s.Capture(ctx, "nope"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Capture(missing) error = %v; want ErrNotFound", err)
		}
	})
}

func TestVersions_OldestFirstAndLatest(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		for seq := 0; seq < 3; seq++ {
			v := version(a.ID, seq)
			v.Classes = nil
			if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion), Version: v}); err != nil {
				t.Fatal(err)
			}
		}
		vs, err := s.Versions(ctx, a.ID)
		if err != nil || len(vs) != 3 || vs[0].Seq != 0 || vs[2].Seq != 2 || vs[1].Classes != nil {
			t.Errorf("Versions = %+v, %v", vs, err)
		}
		latest, err := s.LatestVersion(ctx, a.ID)
		if err != nil || latest.Seq != 2 {
			t.Errorf("LatestVersion = %+v, %v; want seq 2", latest, err)
		}
	})
}

// rewriteStatements are each dialect's own ways of replacing a row.
var rewriteStatements = map[dialect][]string{
	dialectSQLite: {
		`INSERT OR REPLACE INTO captures (hash, url, status) VALUES ('c', 'u', 1)`,
		`INSERT OR REPLACE INTO versions (article_id, seq) SELECT article_id, seq FROM versions`,
	},
	dialectPostgres: {
		`INSERT INTO captures (hash, url, status) VALUES ('c', 'u', 1) ON CONFLICT (hash) DO UPDATE SET status = 1`,
		`INSERT INTO versions (article_id, seq) SELECT article_id, seq FROM versions
			ON CONFLICT (article_id, seq) DO UPDATE SET text = 'rewritten'`,
		`TRUNCATE versions CASCADE`,
		`TRUNCATE captures`,
	},
}

func TestAppendOnly_TriggersRefuseRewrites(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
			Capture: capture("c"), Version: version(a.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range append([]string{
			`UPDATE versions SET text = 'rewritten'`,
			`DELETE FROM versions`,
			`UPDATE captures SET status = 500`,
			`DELETE FROM captures`,
		}, rewriteStatements[s.d]...) {
			_, err := s.w.ExecContext(ctx, stmt)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: error = %v; want append-only refusal", stmt, err)
			}
		}
		if vs, _ := s.Versions(ctx, a.ID); len(vs) != 1 || vs[0].Text != version(a.ID, 0).Text {
			t.Errorf("versions changed: %+v", vs)
		}
	})
}

func TestStats_CountsEveryTable(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		o := mustOutlet(t, s, "Daily")
		if _, _, err := s.AddSource(ctx, model.Source{OutletID: o.ID, URL: "https://d.example/feed", Kind: model.SourceFeed}); err != nil {
			t.Fatal(err)
		}
		a := mustArticle(t, s, o.ID, "https://d.example/a")
		if _, err := s.Record(ctx, CheckRecord{Article: a, Check: check(a.ID, t0, model.OutcomeNewVersion),
			Capture: capture("c"), Version: version(a.ID, 0)}); err != nil {
			t.Fatal(err)
		}
		got, err := s.Stats(ctx)
		want := Stats{Outlets: 1, Sources: 1, Articles: 1, Versions: 1, Checks: 1, Captures: 1}
		if err != nil || got != want {
			t.Errorf("Stats = %+v, %v; want %+v", got, err, want)
		}
	})
}
