package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/errata/errata/internal/browsertest"
)

// phoneWidth is the narrowest phone the pages must fit without scrolling
// sideways.
const phoneWidth = 390

// browserServe runs `errata serve --role web` on data with an admin token
// and returns its URL. The web role polls nothing, so what the test set up
// stays as it is until the browser changes it.
func browserServe(t *testing.T, data, token string) string {
	t.Helper()
	return runUntilURL(t, exec.Command(binary, "serve", "--role", "web", "--addr", "127.0.0.1:0", "--data", data, "--admin-token", token), true)
}

func TestBrowser_AdminSourcesPageShowsErrorsAndPausesResumesRemoves(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := browsertest.Start(t)
	site := newNewsSite(t, true, "")
	data := t.TempDir()
	cli(t, data, "add", site.srv.URL+"/")
	cli(t, data, "crawl")
	site.feedDown.Store(true)
	// Its only source failing, the crawl exits 1; the failure is recorded.
	if _, stderr, code := cliStatus(t, data, "crawl", "--all"); code != exitError {
		t.Fatalf("crawl with its only source down: exit %d, want %d\n%s", code, exitError, stderr)
	}
	const token = "s3cret-token"
	base := browserServe(t, data, token)

	tctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	shots := screenshotDir(t)
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(tctx, chromedp.Text(chromedp.CSS(sel)))
		step("text of "+sel, err)
		return s
	}
	// act posts one button with the token. The page it leaves is marked,
	// so the wait is for the answer's notice, not the previous one.
	act := func(name, button string) {
		t.Helper()
		_, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.body.dataset.left = "yes"`))
		step(name+": mark the page", err)
		step(name, chromedp.Do(tctx,
			chromedp.SendKeys(chromedp.CSS(`input[name="token"]`), token),
			chromedp.Click(chromedp.CSS(button)),
			chromedp.WaitVisible(chromedp.CSS(`body:not([data-left]) .notice.ok`)),
		))
	}

	step("sources page on a phone", chromedp.Do(tctx,
		chromedp.EmulateViewport(phoneWidth, 844, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/admin/sources"),
		chromedp.WaitVisible(chromedp.CSS(`li.source`)),
		screenshot(filepath.Join(shots, "admin-sources-1-failing.png")),
	))
	row := text(`li.source`)
	for _, want := range []string{"The Daily Ledger", "feed", "failing", site.srv.URL + "/feed.xml", "500"} {
		if !strings.Contains(row, want) {
			t.Errorf("source row lacks %q:\n%s", want, row)
		}
	}
	wide, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
	step("page width", err)
	if wide {
		t.Errorf("the sources page scrolls sideways at %d px", phoneWidth)
	}

	act("pause", `li.source button[formaction$="/pause"]`)
	if n := text(`.notice.ok`); !strings.Contains(n, "Paused the feed") {
		t.Errorf("after pause the page says %q", n)
	}
	if s := text(`li.source .state`); s != "paused" {
		t.Errorf("after pause the state reads %q", s)
	}
	step("paused screenshot", chromedp.Do(tctx, screenshot(filepath.Join(shots, "admin-sources-2-paused.png"))))
	if src := listSources(t, data); len(src) != 1 || src[0].State != "paused" {
		t.Errorf("after the pause button, errata sources says %+v", src)
	}

	act("resume", `li.source button[formaction$="/resume"]`)
	if n := text(`.notice.ok`); !strings.Contains(n, "Resumed the feed") {
		t.Errorf("after resume the page says %q", n)
	}

	act("remove", `li.source button[formaction$="/remove"]`)
	if n := text(`.notice.ok`); !strings.Contains(n, "Removed the feed") || !strings.Contains(n, "versions are kept") {
		t.Errorf("after remove the page says %q", n)
	}
	step("removed screenshot", chromedp.Do(tctx, screenshot(filepath.Join(shots, "admin-sources-3-removed.png"))))
	if src := listSources(t, data); len(src) != 0 {
		t.Errorf("after the remove button, errata sources says %+v", src)
	}
	wantRun(t, data, 0, []string{"v0", "removed by hand"}, nil, "history", site.srv.URL+"/news/1")
	t.Logf("screenshots in %s", shots)
}
