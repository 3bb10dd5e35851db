package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
)

// browserDemo runs `errata demo` on a free loopback port and returns its URL.
func browserDemo(t *testing.T) string {
	t.Helper()
	return runUntilURL(t, exec.Command(binary, "demo", "--addr", "127.0.0.1:0", "--data", t.TempDir()), false)
}

// runUntilURL starts a serving command, stops it with SIGINT when the test
// ends, and returns the first loopback URL it prints on its stdout, or on
// its stderr when fromStderr is set.
func runUntilURL(t *testing.T, cmd *exec.Cmd, fromStderr bool) string {
	t.Helper()
	var out io.ReadCloser
	var err error
	if fromStderr {
		out, err = cmd.StderrPipe()
		cmd.Stdout = io.Discard
	} else {
		out, err = cmd.StdoutPipe()
		cmd.Stderr = io.Discard
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
		}
	})
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
		for sc.Scan() {
			if u := re.FindString(sc.Text()); u != "" {
				select {
				case urls <- u:
				default:
				}
			}
		}
	}()
	select {
	case u := <-urls:
		return strings.TrimSuffix(u, "/")
	case <-time.After(30 * time.Second):
		t.Fatalf("errata %s printed no URL within 30s", cmd.Args[1])
		return ""
	}
}

// waitForRevision polls the API until some article has a second version.
func waitForRevision(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if hasRevision(base) {
			return
		}
		time.Sleep(time.Second)
	}
	t.Fatal("no revision appeared within 60s of starting the demo")
}

func hasRevision(base string) bool {
	resp, err := http.Get(base + "/api/v1/changes")
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	var body map[string]json.RawMessage
	if json.NewDecoder(resp.Body).Decode(&body) != nil {
		return false
	}
	for _, v := range body {
		var items []map[string]any
		if json.Unmarshal(v, &items) != nil {
			continue
		}
		for _, it := range items {
			if seq, ok := it["seq"].(float64); ok && seq >= 1 {
				return true
			}
		}
	}
	return false
}

func TestBrowser_DemoShowsARevisionAndItsDiff(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	ctx := browsertest.Start(t)
	base := browserDemo(t)
	waitForRevision(t, base)

	tctx, tcancel := context.WithTimeout(ctx, 90*time.Second)
	defer tcancel()

	var mu sync.Mutex
	var consoleErrors []string
	messages := chromedp.Console(tctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				consoleErrors = append(consoleErrors, m.String()+" "+m.URL)
				mu.Unlock()
			}
		}
	}()

	shots := screenshotDir(t)
	step := func(name string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	step("recent changes", chromedp.Do(tctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`a[href^="/articles/"]`)),
		screenshot(filepath.Join(shots, "1-recent-changes.png")),
		chromedp.Click(chromedp.CSS(`a[href^="/articles/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href*="/diff/"]:not([href*="view=inline"])`)),
		screenshot(filepath.Join(shots, "2-article-history.png")),
	))
	diffHref, err := chromedp.Run(tctx, chromedp.AttributeValue(chromedp.CSS(`a[href*="/diff/"]:not([href*="view=inline"])`), "href"))
	step("diff link", err)
	step("diff page", chromedp.Do(tctx,
		chromedp.Click(chromedp.CSS(`a[href*="/diff/"]:not([href*="view=inline"])`)),
		chromedp.WaitVisible(chromedp.CSS(`ins, del`)),
		screenshot(filepath.Join(shots, "3-diff.png")),
	))
	ins, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("ins")].map(e => e.textContent.trim()).filter(Boolean)`))
	step("inserted words", err)
	del, err := chromedp.Run(tctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("del")].map(e => e.textContent.trim()).filter(Boolean)`))
	step("deleted words", err)
	if len(ins)+len(del) == 0 {
		t.Errorf("diff page %s highlights no words", diffHref.Value)
	}
	t.Logf("diff %s: inserted %q, deleted %q; screenshots in %s", diffHref.Value, clip(ins), clip(del), shots)
	time.Sleep(200 * time.Millisecond) // let the last console events arrive
	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(consoleErrors, "\n"))
	}
}

func screenshot(path string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		buf, err := chromedp.FullScreenshot(100)(ctx, tg)
		if err != nil {
			return chromedp.Void{}, err
		}
		return chromedp.Void{}, os.WriteFile(path, buf, 0o644)
	}
}

// screenshotDir keeps screenshots where a person can look at them:
// ERRATA_SCREENSHOTS if set, else the test's temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("ERRATA_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err == nil {
			return d
		}
	}
	return t.TempDir()
}

func clip(s []string) []string {
	if len(s) > 5 {
		return s[:5]
	}
	return s
}
