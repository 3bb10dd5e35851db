package web

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/errata/errata/internal/browsertest"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/store"
)

// storyShots is where the story page's screenshots go when
// ERRATA_SCREENSHOTS is not set, for a person to look at.
const storyShots = "/tmp/stories-shots"

// seedCorpusStory records the articles of the corpus's first agency story
// and of its independent coverage, gives one copy a later headline and
// text change, places them all, and returns the story and two copies.
func seedCorpusStory(t *testing.T, st *store.Store) (story, a, b int64) {
	t.Helper()
	ctx := context.Background()
	var ids []int64
	for _, c := range newsroom.StoriesCorpus(5) {
		if c.Event != 1 {
			continue
		}
		o, err := st.EnsureOutlet(ctx, c.Outlet, c.Host)
		if err != nil {
			t.Fatal(err)
		}
		art, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, URL: fmt.Sprintf("https://%s/%d", c.Host, c.ID), FirstSeen: c.FirstSeen})
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{strings.Join(c.Paragraphs, "\n\n")}
		titles := []string{c.Title}
		if c.Wire != 0 && len(ids) == 1 {
			texts = append(texts, strings.Join(c.Paragraphs[:len(c.Paragraphs)-2], "\n\n")+"\n\nUpdate: officials said more details would follow.")
			titles = append(titles, c.Title+", officials say")
		}
		for seq := range texts {
			at := c.FirstSeen.Add(time.Duration(seq) * 3 * time.Hour)
			v := &model.Version{Seq: seq, FetchedAt: at, Title: titles[seq], Byline: c.Byline, Text: texts[seq], Hash: fmt.Sprint(c.ID, seq)}
			if seq > 0 {
				v.Classes = []string{"headline", "text_removed"}
			}
			art.LastChanged, art.LastChecked = at, at
			if _, err := st.Record(ctx, store.CheckRecord{Article: art, Version: v, Check: model.Check{At: at, Outcome: model.OutcomeNewVersion}}); err != nil {
				t.Fatal(err)
			}
		}
		ids = append(ids, art.ID)
	}
	p := jobs.NewPlacer(st, nil)
	for _, id := range ids {
		if err := p.Place(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	story, _, _, err := st.ArticleStory(ctx, ids[0])
	if err != nil || story == 0 {
		t.Fatalf("corpus story not formed: %d, %v", story, err)
	}
	return story, ids[0], ids[1]
}

// A story page shows every member's versions on the timeline and compares
// two outlets' copies side by side, on a desktop and on a phone, in light
// and dark; screenshots are written for review.
func TestBrowser_StoryPageTimelineAndCompare(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{Now: func() time.Time { return newsroom.DefaultEpoch.Add(48 * time.Hour) }})
	story, a, b := seedCorpusStory(t, f.store)
	vs, err := f.store.StoryVersions(context.Background(), story)
	if err != nil {
		t.Fatal(err)
	}
	shots := shotDir(t)
	if shots == "" {
		shots = storyShots
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	storyURL := storyPath(story)
	compareURL := fmt.Sprintf("/stories/%d/compare?a=%d&b=%d", story, a, b)
	for _, view := range []struct {
		name   string
		width  int64
		scheme string
	}{{"desktop", 1280, "light"}, {"phone", phoneWidth, "light"}, {"phone-dark", phoneWidth, "dark"}} {
		if err := chromedp.Do(tctx, browsertest.Phone(view.width, 900),
			browsertest.Media("", map[string]string{"prefers-color-scheme": view.scheme})); err != nil {
			t.Fatal(err)
		}
		if err := open(tctx, f.ts.URL, storyURL); err != nil {
			t.Fatal(err)
		}
		marks, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll(".lane-axis circle").length`))
		if err != nil || marks != len(vs) {
			t.Errorf("%s: %d marks on the timeline, want %d (%v)", view.name, marks, len(vs), err)
		}
		xs, err := chromedp.Run(tctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll(".lane-axis circle")].map(c => c.getBoundingClientRect().x)`))
		if err != nil || len(slices.Compact(slices.Sorted(slices.Values(xs)))) < 2 {
			t.Errorf("%s: timeline marks at %v: want them spread along the axis (%v)", view.name, xs, err)
		}
		w, err := chromedp.Run(tctx, chromedp.Evaluate[widthReport](measureWidth))
		if err != nil || w.ScrollWidth > int(view.width) {
			t.Errorf("%s: story page %d px wide: %s (%v)", view.name, w.ScrollWidth, strings.Join(w.Wide, ", "), err)
		}
		if err := shoot(tctx, shots, "story-"+view.name, view.width); err != nil {
			t.Fatal(err)
		}
		if err := open(tctx, f.ts.URL, compareURL); err != nil {
			t.Fatal(err)
		}
		rows, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll(".sbs-row:not(.sbs-head)").length`))
		if err != nil || rows == 0 {
			t.Errorf("%s: compare page has %d rows (%v)", view.name, rows, err)
		}
		marked, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll(".sbs ins, .sbs del").length`))
		if err != nil || marked == 0 {
			t.Errorf("%s: compare page marks no difference between two outlets' copies (%v)", view.name, err)
		}
		if err := shoot(tctx, shots, "compare-"+view.name, view.width); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", shots)
}

// shoot saves a full-page screenshot at the view's width: a phone's
// through fullPageShot, a desktop's as the page stands.
func shoot(ctx context.Context, dir, name string, width int64) error {
	if width == phoneWidth {
		return fullPageShot(ctx, dir, name)
	}
	return chromedp.Do(ctx, browsertest.Screenshot(filepath.Join(dir, name+".png")))
}
