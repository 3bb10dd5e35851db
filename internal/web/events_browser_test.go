package web

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
	"github.com/errata/errata/internal/model"
)

// From an article's history a reader follows a lifecycle event to its
// row (the address names it, the row is the page's target) and a version
// to its page; the history with events fits a phone.
func TestBrowser_HistoryLeadsToEventsAndVersions(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{})
	evs := seedEvents(t, f)
	shots := shotDir(t)
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	history := fmt.Sprintf("/articles/%d", f.mayor.ID)
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	step("history", open(tctx, f.ts.URL, history))
	rows, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("ol.versions > li")].map(li => li.className || "version")`))
	step("history rows", err)
	if got := strings.Join(rows, " "); got != "event event-moved version event event-back event event-gone version version" {
		t.Errorf("history rows newest first: %s", got)
	}
	for _, kind := range []model.EventKind{model.EventGone, model.EventBack, model.EventMoved} {
		anchor := eventAnchor(evs[kind].ID)
		step("click "+string(kind), chromedp.Do(tctx,
			chromedp.Click(chromedp.CSS(`a[href="#`+anchor+`"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#`+anchor+`:target`)),
		))
		hash, err := chromedp.Run(tctx, chromedp.Evaluate[string](`location.hash`))
		step("location", err)
		if hash != "#"+anchor {
			t.Errorf("after clicking the %s event: location %q, want #%s", kind, hash, anchor)
		}
	}
	words, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector(":target .event-words").textContent`))
	step("moved words", err)
	if !strings.Contains(words, "moved to a new URL") {
		t.Errorf("moved event says %q", words)
	}
	if err := fullPageShot(tctx, shots, "phone-article-events-moved-target"); err != nil {
		t.Fatal(err)
	}
	step("version from the history", chromedp.Do(tctx,
		chromedp.Click(chromedp.CSS(`a[href="`+versionPath(f.mayor.ID, 1)+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(`main p`)),
	))
	path, err := chromedp.Run(tctx, chromedp.Evaluate[string](`location.pathname`))
	step("version location", err)
	text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.querySelector("main").textContent`))
	step("version text", err)
	if path != versionPath(f.mayor.ID, 1) || !strings.Contains(text, "The mayor resigned on Tuesday evening.") {
		t.Errorf("after clicking version 1: at %s, text %q", path, clip(text))
	}
	step("phone", chromedp.Do(tctx, browsertest.Phone(phoneWidth, 844)))
	step("history on a phone", open(tctx, f.ts.URL, history))
	w, err := chromedp.Run(tctx, chromedp.Evaluate[widthReport](measureWidth))
	step("width", err)
	if w.ScrollWidth > phoneWidth {
		t.Errorf("history with events is %d px wide on a %d px phone: %s", w.ScrollWidth, phoneWidth, strings.Join(w.Wide, ", "))
	}
	if err := fullPageShot(tctx, shots, "phone-article-events"); err != nil {
		t.Fatal(err)
	}
}

// clip shortens a page's text for a failure message.
func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
