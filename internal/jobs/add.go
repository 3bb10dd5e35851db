package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// undoTimeout bounds dropping an article whose first check failed.
const undoTimeout = 10 * time.Second

// Added tells what AddURL started tracking.
type Added struct {
	Kind    model.SourceKind
	URL     string // canonical URL of the source or article
	Outlet  string
	Created bool // false when it was already tracked
	Check   *CheckResult
}

// AddURL fetches a URL once, finds out whether it is a feed, a sitemap or
// an article, and starts tracking it. An article's first version is
// recorded from that same response. Nothing is stored when the fetch or
// the parse fails, and no article is kept when its first check cannot be
// recorded.
func (e *Engine) AddURL(ctx context.Context, raw, outlet string) (Added, error) {
	u, err := discover.Canonicalize(strings.TrimSpace(raw))
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", raw, err)
	}
	if _, err := fetch.CheckURL(u); err != nil {
		return Added{}, fmt.Errorf("add %s: %w", raw, err)
	}
	resp, err := e.Fetch.Get(ctx, u, fetch.Validators{})
	if err != nil {
		return Added{}, fmt.Errorf("add: %w", err)
	}
	if resp.Status != 200 {
		return Added{}, fmt.Errorf("add %s: HTTP status %d", u, resp.Status)
	}
	switch kind := discover.Detect(resp.Body, resp.Header.Get("Content-Type")); kind {
	case discover.KindFeed, discover.KindSitemap, discover.KindSitemapIndex:
		return e.addSource(ctx, u, outlet, kind, resp)
	case discover.KindHTML, discover.KindUnknown:
		return e.addArticle(ctx, u, outlet, resp)
	default:
		return Added{}, fmt.Errorf("add %s: a %s cannot be tracked; use errata import for OPML files", u, kind)
	}
}

func (e *Engine) addSource(ctx context.Context, u, outlet string, kind discover.Kind, resp *fetch.Response) (Added, error) {
	// Parse before storing anything, so a broken feed leaves no trace. A
	// sitemap index's children are read on the first poll, not here.
	title, err := sourceTitle(kind, resp)
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	if outlet == "" {
		outlet = e.outletOnHost(ctx, u)
	}
	if outlet == "" {
		outlet = title
	}
	if outlet == "" {
		outlet = hostOf(u)
	}
	o, err := e.Store.EnsureOutlet(ctx, outlet, hostOf(u))
	if err != nil {
		return Added{}, err
	}
	srcKind := model.SourceSitemap
	if kind == discover.KindFeed {
		srcKind = model.SourceFeed
	}
	now := e.now()
	_, created, err := e.Store.AddSource(ctx, model.Source{
		OutletID: o.ID, URL: u, Kind: srcKind, NextPoll: now, CreatedAt: now,
	})
	if err != nil {
		return Added{}, err
	}
	return Added{Kind: srcKind, URL: u, Outlet: o.Name, Created: created}, nil
}

// sourceTitle parses a feed or sitemap once, to refuse a broken one, and
// returns the feed's title ("" for a sitemap or an untitled feed).
func sourceTitle(kind discover.Kind, resp *fetch.Response) (string, error) {
	if kind != discover.KindFeed {
		_, err := discover.ParseSitemap(resp.Body, resp.URL)
		return "", err
	}
	f, err := discover.ParseFeed(resp.Body, resp.URL)
	return strings.TrimSpace(f.Title), err
}

// outletOnHost names the outlet already tracked on u's host, so a second
// feed or a single article of a site joins the site's outlet; "" if none.
func (e *Engine) outletOnHost(ctx context.Context, u string) string {
	if o, err := e.Store.OutletByHost(ctx, hostOf(u)); err == nil {
		return o.Name
	}
	return ""
}

func (e *Engine) addArticle(ctx context.Context, u, outlet string, resp *fetch.Response) (Added, error) {
	if c := discover.CanonicalFromHTML(resp.Body, resp.URL); c != "" {
		u = c
	} else if resp.Redirected && resp.Permanent {
		if c, err := discover.Canonicalize(resp.URL); err == nil {
			u = c
		}
	}
	// Extract before storing anything: a page errata cannot read (unknown
	// charset, no article text) must leave no trace.
	html, err := fetch.DecodeCharset(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	if _, err := extract.Extract(u, html, model.Rules{}); err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	if outlet == "" {
		outlet = e.outletOnHost(ctx, u)
	}
	if outlet == "" {
		outlet = hostOf(u)
	}
	o, err := e.Store.EnsureOutlet(ctx, outlet, hostOf(u))
	if err != nil {
		return Added{}, err
	}
	now := e.now()
	a, created, err := e.Store.AddArticle(ctx, model.Article{
		OutletID: o.ID, URL: u, FirstSeen: now, NextCheck: now, State: model.StateActive,
	})
	if err != nil {
		return Added{}, err
	}
	added := Added{Kind: model.SourceArticle, URL: a.URL, Outlet: o.Name, Created: created}
	if !created {
		return added, nil
	}
	res, err := e.checkResponse(ctx, a, resp, nil)
	switch {
	case errors.Is(err, store.ErrStale):
		// Another process checked the new article first and recorded
		// its first version.
		return added, nil
	case err != nil:
		return Added{}, e.undoAdd(a, err)
	}
	added.Check = &res
	return added, nil
}

// undoAdd drops an article whose first check could not be recorded (the
// disk is full, say), so that it is not left tracked without the version
// it was added with; adding it again starts afresh. The drop runs even
// when ctx has ended.
func (e *Engine) undoAdd(a model.Article, cause error) error {
	ctx, cancel := context.WithTimeout(context.Background(), undoTimeout)
	defer cancel()
	if _, err := e.Store.DropUnchecked(ctx, a.ID); err != nil {
		return fmt.Errorf("%w (and %s stays tracked without a version until its next check: %w)", cause, a.URL, err)
	}
	return cause
}

// ImportOPML starts tracking every feed an OPML file lists, each under the
// outlet its outline names. It returns how many feeds were new.
func (e *Engine) ImportOPML(ctx context.Context, r io.Reader) (total, created int, err error) {
	feeds, err := discover.ParseOPML(r)
	if err != nil {
		return 0, 0, err
	}
	now := e.now()
	for _, f := range feeds {
		u, err := discover.Canonicalize(f.URL)
		if err != nil {
			e.Log.Warn("opml: feed skipped", "url", f.URL, "err", err)
			continue
		}
		name := strings.TrimSpace(f.Title)
		if name == "" {
			name = hostOf(u)
		}
		o, err := e.Store.EnsureOutlet(ctx, name, hostOf(u))
		if err != nil {
			return total, created, err
		}
		_, isNew, err := e.Store.AddSource(ctx, model.Source{
			OutletID: o.ID, URL: u, Kind: model.SourceFeed, NextPoll: now, CreatedAt: now,
		})
		if err != nil {
			return total, created, err
		}
		total++
		if isNew {
			created++
		}
	}
	return total, created, nil
}

// hostOf returns a URL's host without "www.", for naming an outlet nobody
// named.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.TrimPrefix(p.Host, "www.")
}
