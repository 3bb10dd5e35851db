package render

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	cdpfetch "github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/errata/errata/internal/fetch"
)

// domScript serialises the document as the browser holds it now.
const domScript = `(() => {
	const d = document, t = d.doctype;
	const doctype = t ? "<!DOCTYPE " + t.name + ">\n" : "";
	return d.documentElement ? doctype + d.documentElement.outerHTML : "";
})()`

// render loads raw in one of the browser's tabs and returns its DOM. The
// caller's ctx and cfg.Timeout bound it. A tab that failed is closed, not
// reused; a render that ran out of time in a browser that no longer
// answers closes the browser, so the caller sees it dead and retries in a
// new one.
func (b *browser) render(ctx context.Context, raw *fetch.Response, cfg Config) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	dom, err := b.renderIn(ctx, raw, cfg)
	if err != nil && ctx.Err() != nil {
		if b.alive() && !b.ping() {
			b.close()
		}
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return dom, err
}

func (b *browser) renderIn(ctx context.Context, raw *fetch.Response, cfg Config) ([]byte, error) {
	t, err := b.take(ctx)
	if err != nil {
		return nil, err
	}
	// rctx carries the tab for chromedp and ends with the render: the
	// render's event streams and calls stop with it, the tab stays.
	rctx, rcancel := context.WithCancel(t.ctx)
	stop := context.AfterFunc(ctx, rcancel)
	dom, err := b.load(rctx, t, raw, cfg)
	reuse := err == nil && blank(rctx) == nil
	stop()
	rcancel()
	if !reuse {
		t.close()
		return dom, err
	}
	b.keep(t)
	return dom, nil
}

// tab is one open page target, reused from render to render: opening a
// tab costs more than rendering a small page.
type tab struct {
	ctx    context.Context // a chromedp context holding the target
	cancel context.CancelFunc
	main   cdp.FrameID // the page's main frame
}

func (t *tab) close() { t.cancel() }

// take returns an idle tab or opens one with requests intercepted and
// lifecycle events on, within ctx.
func (b *browser) take(ctx context.Context) (*tab, error) {
	b.mu.Lock()
	if n := len(b.idle); n > 0 {
		t := b.idle[n-1]
		b.idle = b.idle[:n-1]
		b.mu.Unlock()
		return t, nil
	}
	b.mu.Unlock()
	tctx, cancel := chromedp.NewContext(b.ctx)
	t := &tab{ctx: tctx, cancel: cancel}
	stop := context.AfterFunc(ctx, cancel) // a browser that does not answer must not hold the render
	defer stop()
	if err := chromedp.Do(tctx); err != nil {
		cancel()
		return nil, fmt.Errorf("open tab: %w", err)
	}
	t.main = cdp.FrameID(chromedp.FromContext(tctx).Target.TargetID)
	yes := true
	if _, err := chromedp.Call(tctx, cdpfetch.Enable, cdpfetch.EnableParams{
		Patterns: []*cdpfetch.RequestPattern{{URLPattern: "*"}}, HandleAuthRequests: &yes,
	}); err != nil {
		cancel()
		return nil, fmt.Errorf("intercept requests: %w", err)
	}
	if _, err := chromedp.Call(tctx, page.SetLifecycleEventsEnabled, page.SetLifecycleEventsEnabledParams{Enabled: true}); err != nil {
		cancel()
		return nil, fmt.Errorf("lifecycle events: %w", err)
	}
	return t, nil
}

// blank leaves the tab on a blank page, which stops the last page's
// scripts and requests, while the render's interception still answers.
func blank(rctx context.Context) error {
	ctx, cancel := context.WithTimeout(rctx, domTimeout)
	defer cancel()
	_, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: "about:blank"})
	return err
}

// keep keeps a blank tab for the next render, up to maxIdle of them.
func (b *browser) keep(t *tab) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ctx.Err() != nil || len(b.idle) >= b.maxIdle {
		t.close()
		return
	}
	b.idle = append(b.idle, t)
}

// load renders raw in t; rctx ends with the render.
func (b *browser) load(rctx context.Context, t *tab, raw *fetch.Response, cfg Config) ([]byte, error) {
	iv := &interceptor{tab: rctx, raw: raw, main: t.main, thirdParty: cfg.ThirdParty, user: b.px.user, pass: b.px.pass}
	paused := chromedp.Events(rctx, cdpfetch.RequestPaused)
	auths := chromedp.Events(rctx, cdpfetch.AuthRequired)
	life := chromedp.Events(rctx, page.LifecycleEvent)
	// The interception answers until the render context ends, after the
	// tab was blanked.
	go iv.serve(paused)
	go iv.answer(auths)
	return b.navigate(rctx, t, raw, cfg, life)
}

func (b *browser) navigate(rctx context.Context, t *tab, raw *fetch.Response, cfg Config, life iter.Seq2[page.EventLifecycleEvent, error]) ([]byte, error) {
	nav, err := chromedp.Call(rctx, page.Navigate, page.NavigateParams{URL: raw.URL})
	if err != nil {
		return nil, fmt.Errorf("navigate: %w", err)
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("navigate: %s", nav.ErrorText)
	}
	waitIdle(rctx, life, t.main, nav.LoaderID, cfg)
	dctx, cancel := context.WithTimeout(rctx, domTimeout)
	defer cancel()
	dom, err := chromedp.Run(dctx, chromedp.Evaluate[string](domScript))
	if err != nil {
		return nil, fmt.Errorf("read DOM: %w", err)
	}
	return []byte(dom), nil
}

// waitIdle returns once the main frame's network has been idle (no request
// for half a second, as Chromium counts it) or after the idle cap.
func waitIdle(tab context.Context, life iter.Seq2[page.EventLifecycleEvent, error], main cdp.FrameID, loader cdp.LoaderID, cfg Config) {
	ctx, cancel := context.WithTimeout(tab, cfg.IdleTimeout)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range life {
			if err != nil {
				return
			}
			if ev.Name == "networkIdle" && ev.FrameID == main && (loader == "" || ev.LoaderID == loader) {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// interceptor decides every request the tab makes before it leaves the
// browser: the page itself is answered from the response errata fetched,
// resources the text never needs and requests to other sites are refused,
// the rest go on to errata's proxy.
type interceptor struct {
	tab        context.Context
	raw        *fetch.Response
	main       cdp.FrameID
	thirdParty bool
	user, pass string

	served bool // the page's own document has been answered
}

func (iv *interceptor) serve(paused iter.Seq2[cdpfetch.EventRequestPaused, error]) {
	for ev, err := range paused {
		if err != nil {
			return
		}
		iv.decide(ev)
	}
}

func (iv *interceptor) decide(ev cdpfetch.EventRequestPaused) {
	id := ev.RequestID
	mainDoc := ev.ResourceType == network.ResourceTypeDocument && ev.FrameID == iv.main
	switch {
	case mainDoc && !iv.served:
		iv.served = true
		send(iv.tab, cdpfetch.FulfillRequest, cdpfetch.FulfillRequestParams{
			RequestID: id, ResponseCode: int64(iv.raw.Status), ResponseHeaders: pageHeaders(iv.raw.Header), Body: iv.raw.Body,
		})
	case mainDoc:
		// A script or meta refresh taking the tab elsewhere: what errata
		// records is the page it fetched, not where the page sends readers.
		// A navigation answered 204 No Content leaves the page in place.
		send(iv.tab, cdpfetch.FulfillRequest, cdpfetch.FulfillRequestParams{RequestID: id, ResponseCode: http.StatusNoContent})
	case blockedTypes[ev.ResourceType]:
		iv.fail(id)
	case !iv.thirdParty && thirdParty(iv.raw.URL, ev.Request.URL):
		iv.fail(id)
	default:
		send(iv.tab, cdpfetch.ContinueRequest, cdpfetch.ContinueRequestParams{RequestID: id})
	}
}

func (iv *interceptor) fail(id cdpfetch.RequestID) {
	send(iv.tab, cdpfetch.FailRequest, cdpfetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
}

// send sends one decision; an error means the tab is going away, which
// the render notices on its own.
func send[P any](tab context.Context, cmd cdp.Command[P, cdp.Empty], params P) {
	chromedp.Call(tab, cmd, params)
}

// answer gives the proxy its credential, and refuses every other
// challenge: a page asking readers to log in is not rendered logged in.
func (iv *interceptor) answer(auths iter.Seq2[cdpfetch.EventAuthRequired, error]) {
	for ev, err := range auths {
		if err != nil {
			return
		}
		resp := &cdpfetch.AuthChallengeResponse{Response: cdpfetch.AuthChallengeResponseResponseCancelAuth}
		if ev.AuthChallenge != nil && ev.AuthChallenge.Source == cdpfetch.AuthChallengeSourceProxy {
			resp = &cdpfetch.AuthChallengeResponse{
				Response: cdpfetch.AuthChallengeResponseResponseProvideCredentials, Username: iv.user, Password: iv.pass,
			}
		}
		send(iv.tab, cdpfetch.ContinueWithAuth, cdpfetch.ContinueWithAuthParams{RequestID: ev.RequestID, AuthChallengeResponse: resp})
	}
}

// pageHeaders are the served headers the browser gets with the page's
// body, less those describing an encoding the body no longer has.
func pageHeaders(h http.Header) []*cdpfetch.HeaderEntry {
	var out []*cdpfetch.HeaderEntry
	for k, vs := range h {
		switch strings.ToLower(k) {
		case "content-encoding", "content-length", "transfer-encoding", "connection", "set-cookie":
			continue
		}
		for _, v := range vs {
			out = append(out, &cdpfetch.HeaderEntry{Name: k, Value: v})
		}
	}
	return out
}
