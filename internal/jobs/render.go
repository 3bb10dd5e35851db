package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/render"
	"github.com/errata/errata/internal/store"
)

// Short-text detection: a plain fetch whose text has fewer than
// shortShare of the words the page's articleBody promised, when it
// promised at least minPromisedWords, suggests the outlet's pages need
// a browser.
const (
	shortShare       = 0.5
	minPromisedWords = 60
)

// Renderer loads a page in a browser (package render).
type Renderer interface {
	Render(ctx context.Context, u string, v fetch.Validators) (*render.Page, error)
	RenderFetched(ctx context.Context, raw *fetch.Response) (*render.Page, error)
}

// errNoRenderer fails the checks of a browser outlet in a process started
// without a browser, rather than fetching them plainly behind the
// outlet's back.
var errNoRenderer = errors.New("jobs: the outlet's pages are rendered in a browser, and this errata runs without one (render.chromium)")

// get fetches an article as its outlet asks: plainly, or rendered in the
// browser, whose DOM then stands for the body.
func (e *Engine) get(ctx context.Context, a model.Article, v fetch.Validators) (*fetch.Response, error) {
	mode, err := e.Store.OutletFetchMode(ctx, a.OutletID)
	if err != nil {
		return nil, fmt.Errorf("jobs: outlet of %s: %w", a.URL, err)
	}
	if mode != model.FetchBrowser {
		return e.Fetch.Get(ctx, a.URL, v)
	}
	if e.Render == nil {
		return nil, errNoRenderer
	}
	p, err := e.Render.Render(ctx, a.URL, v)
	if err != nil {
		return nil, err
	}
	return rendered(p), nil
}

// renderedForAdd renders a page fetched to be added as an article when
// the outlet it will belong to (named, else the one on host) exists and
// is in browser mode; otherwise it returns resp as it is.
func (e *Engine) renderedForAdd(ctx context.Context, named, host string, resp *fetch.Response) (*fetch.Response, error) {
	o, err := e.Store.OutletNamed(ctx, named)
	if named == "" {
		o, err = e.Store.OutletByHost(ctx, host)
	}
	if errors.Is(err, store.ErrNotFound) || (err == nil && !o.Browser()) {
		return resp, nil
	}
	if err != nil {
		return nil, err
	}
	if e.Render == nil {
		return nil, errNoRenderer
	}
	p, err := e.Render.RenderFetched(ctx, resp)
	if err != nil {
		return nil, err
	}
	return rendered(p), nil
}

// rendered is the response a check compares: the DOM, served as UTF-8
// HTML, with the page as served kept beside it for its own capture.
func rendered(p *render.Page) *fetch.Response {
	if p.DOM == nil {
		return p.Raw
	}
	out := *p.Raw
	out.Body, out.Served = p.DOM, p.Raw
	out.Header = p.Raw.Header.Clone()
	if out.Header == nil {
		out.Header = http.Header{}
	}
	for _, h := range []string{"Content-Encoding", "Content-Length", "Transfer-Encoding"} {
		out.Header.Del(h)
	}
	out.Header.Set("Content-Type", "text/html; charset=utf-8")
	out.Header.Set(model.HeaderRendered, "browser")
	out.Header.Set(model.HeaderServedCapture, archive.Hash(p.Raw.Body))
	return &out
}

// servedCapture is the capture of the page as served behind a rendered
// response, packed as the outlet's captures are; nil when resp was not
// rendered.
func (e *Engine) servedCapture(ctx context.Context, outletID int64, resp *fetch.Response) (*model.Capture, error) {
	s := resp.Served
	if s == nil {
		return nil, nil
	}
	hash, blob, err := e.Store.PackCapture(ctx, outletID, s.Body)
	if err != nil {
		return nil, err
	}
	return &model.Capture{
		Hash: hash, URL: s.URL, Status: s.Status, Header: s.Header,
		FetchedAt: s.FetchedAt.UTC(), Size: int64(len(s.Body)), Body: blob,
	}, nil
}

// noteShort records, for the outlet page's suggestion, a plain fetch
// whose text fell far short of what the article's feed entry held or the
// articleBody the page itself carries. It never changes the outlet's mode.
func (e *Engine) noteShort(ctx context.Context, a model.Article, resp *fetch.Response, r *read) {
	if resp.Served != nil || r == nil {
		return
	}
	promised := r.art.Promised
	if feed, err := e.Store.ArticlePromise(ctx, a.ID); err == nil {
		promised = max(promised, feed)
	}
	words := len(strings.Fields(r.art.Text))
	if promised < minPromisedWords || float64(words) >= shortShare*float64(promised) {
		return
	}
	st := model.ShortText{URL: a.URL, Words: words, Promised: promised, At: e.now()}
	if err := e.Store.NoteShortText(ctx, a.OutletID, st); err != nil {
		e.Log.Warn("note short text", "url", a.URL, "err", err)
	}
}
