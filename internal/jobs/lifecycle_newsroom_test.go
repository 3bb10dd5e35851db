package jobs

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/store"
)

// TestCrawl_NewsroomSlugMoveAndRemovalAreEvents crawls the newsroom
// through its whole script: the article whose slug changes has a moved
// event from its first URL to its new one, the article taken down has a
// gone event once it answered 404/410 three times, an edit reverted is a
// flip-flop (an older version served again) until it is served so three
// times, and nothing else has events.
func TestCrawl_NewsroomSlugMoveAndRemovalAreEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := context.Background()
	nr := newsroom.New(newsroom.Config{Seed: 7})
	if err := nr.Start(); err != nil {
		t.Fatal(err)
	}
	defer nr.Close()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e := NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
	for _, o := range nr.Outlets() {
		if _, err := e.AddURL(ctx, o.FeedURL, ""); err != nil {
			t.Fatal(err)
		}
	}
	crawl := func() {
		t.Helper()
		if _, err := e.Crawl(ctx, true, 2); err != nil {
			t.Fatal(err)
		}
	}
	crawl()
	for nr.Step() < nr.Steps()-1 {
		nr.Advance()
		crawl()
	}
	crawl()
	crawl() // three checks answered 404/410 since the last step

	var moved, gone []newsroom.TruthArticle
	reverted := map[string]bool{}
	for _, a := range nr.Truth() {
		for _, v := range a.Versions {
			if strings.Contains(string(v.Kind), string(newsroom.KindRevert)) {
				reverted[a.URL] = true
			}
		}
		if len(a.Aliases) > 0 {
			moved = append(moved, a)
		}
		if a.Gone {
			gone = append(gone, a)
		}
	}
	if len(moved) == 0 || len(gone) == 0 {
		t.Fatalf("the script moved %d and took down %d articles; want both", len(moved), len(gone))
	}
	evs, err := st.Events(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var movedTo, goneAt []string
	episodes := map[string]int{}
	for _, ev := range evs {
		switch ev.Kind {
		case model.EventMoved:
			movedTo = append(movedTo, ev.OldURL+" → "+ev.NewURL)
		case model.EventGone:
			goneAt = append(goneAt, ev.ArticleURL)
		case model.EventFlipFlop:
			if episodes[ev.ArticleURL]++; episodes[ev.ArticleURL] > 1 {
				t.Errorf("%s: a second flip-flop event for one revert", ev.ArticleURL)
			}
			if !reverted[ev.ArticleURL] || ev.Seq < 0 {
				t.Errorf("flip-flop event (version %d) on %s, which no edit reverted", ev.Seq, ev.ArticleURL)
			}
		default:
			t.Errorf("unexpected %s event on %s", ev.Kind, ev.ArticleURL)
		}
	}
	for _, a := range moved {
		want := a.URL + " → " + a.Aliases[len(a.Aliases)-1]
		if !slices.Contains(movedTo, want) {
			t.Errorf("no moved event %s; moved events: %q", want, movedTo)
		}
	}
	for _, a := range gone {
		if !slices.Contains(goneAt, a.URL) {
			t.Errorf("no gone event for %s; gone events: %q", a.URL, goneAt)
		}
	}
	if len(movedTo) != len(moved) || len(goneAt) != len(gone) {
		t.Errorf("events: moved %q, gone %q; want one per moved and per removed article", movedTo, goneAt)
	}
}
