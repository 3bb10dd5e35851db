package web

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
)

// waitTrue polls a script until it is true.
func waitTrue(script string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](script)(ctx, t)
		return err
	})
}

// arrive waits until the tab has navigated to path and loaded it. A
// script run while the old page goes away fails; that is retried.
func arrive(ctx context.Context, path string) error {
	script := fmt.Sprintf(`location.pathname === %q && document.readyState === "complete"`, path)
	for {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script)); err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("never arrived at %s: %w", path, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// A long unchanged stretch is folded until the reader opens it, without
// script; the version picker takes the reader to another pair of
// versions in the same view.
func TestBrowser_CollapsedDiffOpensAndPickerComparesAnotherPair(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", movedDrafts(longParas, "Storm closes harbour"))
	shots := shotDir(t)
	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	const folded = `[...document.querySelectorAll("details.unchanged .sbs-row .new")].find(e => e.textContent.includes("The harbour authority closed the port"))`
	for _, view := range []string{"", "?view=inline"} {
		hidden := folded
		if view != "" {
			hidden = `[...document.querySelectorAll("details.unchanged p")].find(e => e.textContent.includes("The harbour authority closed the port"))`
		}
		step("open diff", open(tctx, f.ts.URL, fmt.Sprintf("/articles/%d/diff/1/2%s", a.ID, view)))
		shut, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`!document.querySelector("details.unchanged").open && !`+hidden+`.checkVisibility()`))
		step("folded stretch", err)
		if !shut {
			t.Errorf("%s: the unchanged stretch is not folded", view)
		}
		step("expand", chromedp.Do(tctx,
			chromedp.Click(chromedp.CSS(`details.unchanged > summary`)),
			waitTrue(`document.querySelector("details.unchanged").open && `+hidden+`.checkVisibility()`),
		))
		step("screenshot", fullPageShot(tctx, shots, "diff-expanded"+map[string]string{"": "", "?view=inline": "-inline"}[view]))

		// Pick versions 2 and 0, in that order: the diff opens with the
		// older on the left, in the view the reader was in.
		step("pick", chromedp.Do(tctx,
			chromedp.SetValue(chromedp.CSS(`form.picker select[name="a"]`), "2"),
			chromedp.SetValue(chromedp.CSS(`form.picker select[name="b"]`), "0"),
			chromedp.Click(chromedp.CSS(`form.picker button[type="submit"]`)),
		))
		step("picked page", arrive(tctx, fmt.Sprintf("/articles/%d/diff/0/2", a.ID)))
		got, err := chromedp.Run(tctx, chromedp.Evaluate[string](`location.search + " | " + document.querySelector(".lede").textContent.replace(/\s+/g, " ").trim() + " | " + document.querySelector(".moved-note").textContent`))
		step("picked diff", err)
		want := fmt.Sprintf("%s | Version 0 (5 hours ago) → version 2 (3 hours ago) | Moved from paragraph 8 of version 0", view)
		if got != want {
			t.Errorf("after picking:\n got %q\nwant %q", got, want)
		}
		step("screenshot", fullPageShot(tctx, shots, "diff-picked"+map[string]string{"": "", "?view=inline": "-inline"}[view]))
	}
}
