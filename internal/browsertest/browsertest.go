// Package browsertest starts the headless Chromium that the browser tests
// drive. Only tests import it; it never runs in the errata binary.
package browsertest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// Path finds the browser: ERRATA_CHROMIUM, else Debian's chromium. Without
// one the test is skipped, except under CI, which installs Debian's.
func Path(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("ERRATA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium not found; .ci/run installs Debian's chromium")
	}
	t.Skip("chromium not installed (apt-get install chromium)")
	return ""
}

// Start starts one headless Chromium for the test and returns the context
// of its first tab; the browser stops when the test ends. The context has
// no deadline, since a deadline on it would stop the browser: bound each
// step with a context derived from it.
func Start(t testing.TB) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Path(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1280, 1000))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// Media emulates a CSS media type ("print", or "" for the screen) and
// media features, such as {"prefers-color-scheme": "dark"}, on the tab,
// as DevTools' rendering panel does; it holds until the next call.
func Media(media string, features map[string]string) chromedp.Action[chromedp.Void] {
	p := emulation.SetEmulatedMediaParams{Media: media}
	for name, value := range features {
		p.Features = append(p.Features, &emulation.MediaFeature{Name: name, Value: value})
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	})
}

// Phone emulates a phone's screen of the given CSS width in portrait: a
// mobile viewport that honours the page's viewport meta tag.
func Phone(width, height int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait)
}

// Screenshot saves a PNG of the whole page at path.
func Screenshot(path string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		buf, err := chromedp.FullScreenshot(100)(ctx, t)
		if err != nil {
			return err
		}
		return os.WriteFile(path, buf, 0o644)
	})
}
