package render

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// browser is one Chromium process and its DevTools connection.
type browser struct {
	ctx         context.Context // the browser's root; done once it exits
	cancel      context.CancelFunc
	cancelAlloc context.CancelFunc
	dir         string // the fresh profile, removed on close
	px          *proxy

	mu      sync.Mutex
	idle    []*tab // open tabs on a blank page, for the next renders
	maxIdle int
}

// flags keep the browser from reaching anything by itself: every request
// goes to errata's proxy (loopback included, which Chromium otherwise
// sends direct), it resolves no names, WebRTC sends no UDP around the
// proxy, and the background services that phone home are off. Site
// isolation is off so that iframes from other sites stay in the page's
// target, where their requests are intercepted like the page's own.
func flags(cfg Config, px *proxy, dir string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(cfg.Chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.UserDataDir(dir),
		chromedp.UserAgent(cfg.UserAgent),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("dns-prefetch-disable", true),
		chromedp.Flag("proxy-server", "http://"+px.addr()),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.Flag("force-webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("webrtc-ip-handling-policy", "disable_non_proxied_udp"),
		chromedp.Flag("disable-features", "Translate,IsolateOrigins,site-per-process,MediaRouter,OptimizationHints,AutofillServerCommunication"),
		chromedp.Flag("disable-site-isolation-trials", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 1000),
	)
}

// startBrowser starts Chromium with a fresh profile, sending every request
// through px.
func startBrowser(cfg Config, px *proxy) (*browser, error) {
	cfg.Chromium = FindChromium(cfg.Chromium)
	if cfg.Chromium == "" {
		return nil, errors.New("render: chromium not found; install Debian's chromium or set render.chromium")
	}
	dir, err := os.MkdirTemp("", "errata-chromium-")
	if err != nil {
		return nil, fmt.Errorf("render: browser profile: %w", err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags(cfg, px, dir)...)
	ctx, cancel := chromedp.NewContext(actx)
	b := &browser{ctx: ctx, cancel: cancel, cancelAlloc: cancelAlloc, dir: dir, px: px, maxIdle: cfg.Tabs}
	// No deadline here: the first run binds the browser's life to its context.
	if err := chromedp.Do(ctx); err != nil {
		b.close()
		return nil, fmt.Errorf("render: start chromium %s: %w", cfg.Chromium, err)
	}
	return b, nil
}

// alive reports whether the browser process still runs and answers.
func (b *browser) alive() bool { return b.ctx.Err() == nil }

// ping asks the browser for its targets; a browser that does not answer
// within pingTimeout is hung.
func (b *browser) ping() bool {
	ctx, cancel := context.WithTimeout(b.ctx, pingTimeout)
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, target.GetTargets, target.GetTargetsParams{})
	return err == nil
}

// pid is the browser process's id, 0 when unknown.
func (b *browser) pid() int {
	c := chromedp.FromContext(b.ctx)
	if c == nil || c.Browser == nil || c.Browser.Process() == nil {
		return 0
	}
	return c.Browser.Process().Pid
}

func (b *browser) close() {
	b.cancel()
	b.cancelAlloc()
	os.RemoveAll(b.dir)
}
