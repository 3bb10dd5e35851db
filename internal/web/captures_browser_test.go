package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
)

// An archived page opened from errata runs none of its scripts and loads
// nothing from elsewhere, on the capture page (framed) and on its own;
// the same page served without errata's policy does both, so the check
// proves something.
func TestBrowser_CapturePageRunsNoScript(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	var hits atomic.Int32
	beacon := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer beacon.Close()
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>captured</title>
<script>new Image().src = "` + beacon.URL + `/script"; document.title = "script ran";</script></head>
<body><p id="story">A captured story.</p><img src="` + beacon.URL + `/img">
<iframe src="` + beacon.URL + `/frame"></iframe></body></html>`

	f := newFixture(t, Config{})
	_, hash := seedCapture(t, f, page, "text/html; charset=utf-8")
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(page))
	}))
	defer plain.Close()

	tctx, cancel := context.WithTimeout(ctx, browserBound)
	defer cancel()
	load := func(url string) string {
		t.Helper()
		if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("open %s: %v", url, err)
		}
		if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
			t.Fatalf("wait for %s: %v", url, err)
		}
		title, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.title`))
		if err != nil {
			t.Fatal(err)
		}
		return title
	}

	// The control: without errata's policy the page calls out.
	if title := load(plain.URL + "/"); title != "script ran" {
		t.Fatalf("the control page's script did not run (title %q); the check proves nothing", title)
	}
	waitHits(t, &hits, 1)
	hits.Store(0)

	if title := load(f.ts.URL + "/captures/" + hash + "/raw"); title != "captured" {
		t.Errorf("archived page alone: title %q, its script ran", title)
	}
	text, err := chromedp.Run(tctx, chromedp.Evaluate[string](`document.getElementById("story").textContent`))
	if err != nil || text != "A captured story." {
		t.Errorf("archived page alone shows %q, %v", text, err)
	}
	load(f.ts.URL + "/captures/" + hash)
	frames, err := chromedp.Run(tctx, chromedp.Evaluate[int](`document.querySelectorAll("iframe[sandbox]").length`))
	if err != nil || frames != 1 {
		t.Errorf("capture page has %d sandboxed frames, %v", frames, err)
	}
	// Give a script that escaped the sandbox time to call out.
	time.Sleep(500 * time.Millisecond)
	if n := hits.Load(); n != 0 {
		t.Errorf("the archived page reached another site %d times", n)
	}
}

// waitHits waits until the beacon has seen at least n requests.
func waitHits(t *testing.T, hits *atomic.Int32, n int32) {
	t.Helper()
	deadline := time.Now().Add(browserBound)
	for hits.Load() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the control page did not reach the beacon")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
