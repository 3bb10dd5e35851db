package render

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/errata/errata/internal/fetch"
)

// Defaults for Config fields left zero.
const (
	DefaultTabs        = 4
	DefaultTimeout     = 30 * time.Second
	DefaultIdleTimeout = 10 * time.Second

	// domTimeout bounds reading the DOM once the page is idle or the idle
	// cap passed; a page whose scripts keep the tab busy longer is hung.
	domTimeout = 5 * time.Second
	// pingTimeout bounds asking the browser whether it still answers,
	// after a render ran out of time.
	pingTimeout = 5 * time.Second
	// attempts: a render that a crashed or hung browser lost runs once
	// more in a new browser.
	attempts = 2
)

// ErrClosed is returned by Render after Close.
var ErrClosed = errors.New("render: closed")

// Config sets the renderer's browser and limits.
type Config struct {
	Chromium    string        // the browser's path; "" finds Debian's chromium
	Tabs        int           // pages rendered at once
	Timeout     time.Duration // one render, from opening the tab to reading the DOM
	IdleTimeout time.Duration // how long to wait for the network to go idle
	ThirdParty  bool          // let pages load from other sites than their own
	UserAgent   string        // sent by the browser; "" = fetch.DefaultUserAgent
	Log         *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.Tabs <= 0 {
		c.Tabs = DefaultTabs
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	c.IdleTimeout = min(c.IdleTimeout, c.Timeout)
	if c.UserAgent == "" {
		c.UserAgent = fetch.DefaultUserAgent
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// FindChromium returns path when set, else the first of Debian's
// chromium binaries present, else "".
func FindChromium(path string) string {
	if path != "" {
		return path
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// Page is one rendered page.
type Page struct {
	Raw *fetch.Response // the page as served, fetched by the fetch client
	// DOM is the document after its scripts ran, serialised as UTF-8
	// HTML; nil when the page was not rendered (not modified, gone, not
	// HTML).
	DOM []byte
}

// Renderer renders pages in one browser, started on first use, with at
// most Config.Tabs pages at a time. It is safe for concurrent use.
type Renderer struct {
	fc   *fetch.Client
	cfg  Config
	tabs chan struct{}

	mu      sync.Mutex
	b       *browser // nil until the first render, and after a crash
	px      *proxy
	closed  bool
	started int // browsers started, for tests and logs
}

// New returns a renderer that fetches pages and dials for the browser
// with fc. No browser starts until the first Render.
func New(fc *fetch.Client, cfg Config) *Renderer {
	cfg = cfg.withDefaults()
	return &Renderer{fc: fc, cfg: cfg, tabs: make(chan struct{}, cfg.Tabs)}
}

// Render fetches u with the fetch client (validators make it conditional)
// and, when the answer is an HTML page, loads it in the browser and
// returns its DOM once the network is idle or the idle cap has passed.
// A render lost to a crashed or hung browser is retried once in a new one.
func (r *Renderer) Render(ctx context.Context, u string, v fetch.Validators) (*Page, error) {
	raw, err := r.fc.Get(ctx, u, v)
	if err != nil {
		return nil, err
	}
	return r.RenderFetched(ctx, raw)
}

// RenderFetched renders a page already fetched with the fetch client, as
// Render does after its fetch.
func (r *Renderer) RenderFetched(ctx context.Context, raw *fetch.Response) (*Page, error) {
	if !renderable(raw) {
		return &Page{Raw: raw}, nil
	}
	select {
	case r.tabs <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-r.tabs }()
	var lastErr error
	for range attempts {
		b, err := r.browser()
		if err != nil {
			return nil, err
		}
		dom, err := b.render(ctx, raw, r.cfg)
		if err == nil {
			return &Page{Raw: raw, DOM: dom}, nil
		}
		lastErr = fmt.Errorf("render: %s: %w", raw.URL, err)
		if ctx.Err() != nil || b.alive() {
			return nil, lastErr
		}
		r.cfg.Log.Warn("browser lost; restarting", slog.String("url", raw.URL), slog.String("error", err.Error()))
		r.drop(b)
	}
	return nil, lastErr
}

// renderable reports a successful HTML answer, the only kind a browser
// would run scripts in.
func renderable(raw *fetch.Response) bool {
	if raw.Status < 200 || raw.Status > 299 || len(raw.Body) == 0 {
		return false
	}
	ct := raw.Header.Get("Content-Type")
	if ct == "" {
		return http.DetectContentType(raw.Body) == "text/html; charset=utf-8"
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err == nil && (mt == "text/html" || mt == "application/xhtml+xml")
}

// browser returns the running browser, starting it (and the proxy) when
// there is none.
func (r *Renderer) browser() (*browser, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, ErrClosed
	}
	if r.b != nil && r.b.alive() {
		return r.b, nil
	}
	if r.b != nil {
		r.b.close()
		r.b = nil
	}
	if r.px == nil {
		px, err := newProxy(r.fc.DialContext, r.fc.MaxBodySize(), r.cfg.Timeout, r.cfg.Log)
		if err != nil {
			return nil, err
		}
		r.px = px
	}
	b, err := startBrowser(r.cfg, r.px)
	if err != nil {
		return nil, err
	}
	r.b = b
	r.started++
	return b, nil
}

// drop stops b when it is still the current browser, so the next render
// starts another.
func (r *Renderer) drop(b *browser) {
	r.mu.Lock()
	defer r.mu.Unlock()
	b.close()
	if r.b == b {
		r.b = nil
	}
}

// Started reports how many browsers this renderer has started.
func (r *Renderer) Started() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.started
}

// Close stops the browser and the proxy. Renders after Close fail.
func (r *Renderer) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	if r.b != nil {
		r.b.close()
		r.b = nil
	}
	if r.px != nil {
		r.px.close()
		r.px = nil
	}
}
