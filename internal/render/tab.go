package render

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"sync"

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

// render loads raw in a new tab and returns its DOM. The tab ends with the
// call; the caller's ctx and cfg.Timeout bound it. A render that ran out
// of time in a browser that no longer answers closes the browser, so the
// caller sees it dead and retries in a new one.
func (b *browser) render(ctx context.Context, raw *fetch.Response, cfg Config) ([]byte, error) {
	tab, cancelTab := chromedp.NewContext(b.ctx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	stop := context.AfterFunc(ctx, cancelTab)
	defer stop()
	dom, err := b.load(tab, raw, cfg)
	if err != nil && ctx.Err() != nil && b.alive() && !b.ping() {
		b.close()
	}
	if err != nil && ctx.Err() != nil {
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return dom, err
}

func (b *browser) load(tab context.Context, raw *fetch.Response, cfg Config) ([]byte, error) {
	if err := chromedp.Do(tab); err != nil { // opens the tab
		return nil, fmt.Errorf("open tab: %w", err)
	}
	main := cdp.FrameID(chromedp.FromContext(tab).Target.TargetID)
	iv := &interceptor{tab: tab, raw: raw, main: main, thirdParty: cfg.ThirdParty, user: b.px.user, pass: b.px.pass}
	paused := chromedp.Events(tab, cdpfetch.RequestPaused)
	auths := chromedp.Events(tab, cdpfetch.AuthRequired)
	life := chromedp.Events(tab, page.LifecycleEvent)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() { iv.serve(paused) })
	wg.Go(func() { iv.answer(auths) })
	defer chromedp.Cancel(tab) // ends the loops above with the tab

	yes := true
	if _, err := chromedp.Call(tab, cdpfetch.Enable, cdpfetch.EnableParams{
		Patterns: []*cdpfetch.RequestPattern{{URLPattern: "*"}}, HandleAuthRequests: &yes,
	}); err != nil {
		return nil, fmt.Errorf("intercept requests: %w", err)
	}
	if _, err := chromedp.Call(tab, page.SetLifecycleEventsEnabled, page.SetLifecycleEventsEnabledParams{Enabled: true}); err != nil {
		return nil, fmt.Errorf("lifecycle events: %w", err)
	}
	nav, err := chromedp.Call(tab, page.Navigate, page.NavigateParams{URL: raw.URL})
	if err != nil {
		return nil, fmt.Errorf("navigate: %w", err)
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("navigate: %s", nav.ErrorText)
	}
	waitIdle(tab, life, main, nav.LoaderID, cfg)
	dctx, cancel := context.WithTimeout(tab, domTimeout)
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
