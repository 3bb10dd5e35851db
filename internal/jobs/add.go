package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// Resolution says how AddURL understood the URL it was given.
type Resolution string

const (
	// AsGiven: the URL itself is a feed, a sitemap or an article.
	AsGiven Resolution = "as given"
	// ViaFeeds: a front page (or a page with no article on it), tracked
	// through the feeds it advertises.
	ViaFeeds Resolution = "advertised feeds"
	// ViaSitemap: a front page advertising no usable feed, tracked
	// through the news sitemap its site's robots.txt lists.
	ViaSitemap Resolution = "news sitemap"
	// AsArticle: a front page with neither, tracked as one article.
	AsArticle Resolution = "single article"
)

// undoTimeout bounds dropping an article whose first check failed.
const undoTimeout = 10 * time.Second

// Added tells what AddURL started tracking.
type Added struct {
	Kind    model.SourceKind
	URL     string // canonical URL of the source or article
	Outlet  string
	Created bool // false when it was already tracked
	// Restored: an article removed by hand, tracked again.
	Restored bool
	// State is how lists show what was already tracked (paused, failing,
	// gone...); "" for what was just added.
	State string
	Check *CheckResult
}

// Skipped is a feed or sitemap a page led to that could not be tracked.
type Skipped struct {
	URL    string
	Reason string
}

// AddResult is everything AddURL did for one URL.
type AddResult struct {
	Added          // the first (usually the only) thing tracked
	Page    string // the URL asked for, canonical
	Front   bool   // Page is a site's front page
	Via     Resolution
	All     []Added   // everything tracked, the first included
	Skipped []Skipped // feeds or sitemaps found but not usable, and why
}

func single(a Added) AddResult {
	return AddResult{Added: a, Via: AsGiven, All: []Added{a}}
}

// AddURL fetches a URL once, finds out whether it is a feed, a sitemap or
// an article, and starts tracking it. A site's front page is tracked
// through the feeds it advertises, else its news sitemap, and only else
// as one article; so is a page on which no article text is found. An
// article's first version is recorded from that same response. Nothing
// is stored when the fetch or the parse fails, and no article is kept
// when its first check cannot be recorded.
func (e *Engine) AddURL(ctx context.Context, raw, outlet string) (AddResult, error) {
	u, err := discover.Canonicalize(strings.TrimSpace(raw))
	if err != nil {
		return AddResult{}, fmt.Errorf("add %s: %w", raw, err)
	}
	if _, err := fetch.CheckURL(u); err != nil {
		return AddResult{}, fmt.Errorf("add %s: %w", raw, err)
	}
	resp, err := e.Fetch.Get(ctx, u, fetch.Validators{})
	if err != nil {
		return AddResult{}, fmt.Errorf("add: %w", err)
	}
	if resp.Status != 200 {
		return AddResult{}, fmt.Errorf("add %s: HTTP status %d", u, resp.Status)
	}
	var res AddResult
	switch kind := discover.Detect(resp.Body, resp.Header.Get("Content-Type")); kind {
	case discover.KindFeed, discover.KindSitemap, discover.KindSitemapIndex:
		var a Added
		a, err = e.addSource(ctx, u, outlet, hostOf(u), kind, resp)
		res = single(a)
	case discover.KindHTML, discover.KindUnknown:
		res, err = e.addPage(ctx, u, outlet, resp)
	default:
		return AddResult{}, fmt.Errorf("add %s: a %s cannot be tracked; use errata import for OPML files", u, kind)
	}
	res.Page, res.Front = u, isFrontPage(u)
	return res, err
}

// addPage tracks an HTML page: a front page through what it leads to, any
// other page as an article unless no article is found on it.
func (e *Engine) addPage(ctx context.Context, u, outlet string, resp *fetch.Response) (AddResult, error) {
	if isFrontPage(u) {
		return e.addFrontPage(ctx, u, outlet, resp)
	}
	a, err := e.addArticle(ctx, u, outlet, resp)
	if !errors.Is(err, extract.ErrNoContent) {
		return single(a), err
	}
	// No article here (a section front, an index): its feeds, if it
	// advertises any, are what the person meant.
	res, ferr := e.addFeeds(ctx, u, outlet, resp)
	if ferr != nil || len(res.All) == 0 {
		return AddResult{}, errors.Join(err, ferr)
	}
	return res, nil
}

// isFrontPage reports a site's front page: the root, with no query.
func isFrontPage(u string) bool {
	p, err := url.Parse(u)
	return err == nil && discover.IsHomePage(p)
}

// addSource tracks a feed or sitemap already fetched. site is the host
// its outlet is matched on: the source's own, or the page's that
// advertised it.
func (e *Engine) addSource(ctx context.Context, u, outlet, site string, kind discover.Kind, resp *fetch.Response) (Added, error) {
	// Parse before storing anything, so a broken feed leaves no trace. A
	// sitemap index's children are read on the first poll, not here.
	title, err := sourceTitle(kind, resp, e.Fetch.MaxBodySize())
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	o, err := e.outletFor(ctx, outlet, title, site)
	if err != nil {
		return Added{}, err
	}
	srcKind := model.SourceSitemap
	if kind == discover.KindFeed {
		srcKind = model.SourceFeed
	}
	now := e.now()
	src, created, err := e.Store.AddSource(ctx, model.Source{
		OutletID: o.ID, URL: u, Kind: srcKind, NextPoll: now, CreatedAt: now,
	})
	if err != nil {
		return Added{}, err
	}
	added := Added{Kind: srcKind, URL: u, Outlet: o.Name, Created: created}
	if !created {
		added.State = src.State()
		if src.OutletID != o.ID {
			added.Outlet = e.outletName(ctx, src.OutletID)
		}
	}
	return added, nil
}

// sourceTitle parses a feed or sitemap once, to refuse a broken one, and
// returns the feed's title ("" for a sitemap or an untitled feed).
// maxBytes bounds what a gzipped sitemap may inflate to.
func sourceTitle(kind discover.Kind, resp *fetch.Response, maxBytes int64) (string, error) {
	if kind != discover.KindFeed {
		_, err := discover.ParseSitemap(resp.Body, resp.URL, maxBytes)
		return "", err
	}
	f, err := discover.ParseFeed(resp.Body, resp.URL)
	return strings.TrimSpace(f.Title), err
}

func (e *Engine) addArticle(ctx context.Context, u, outlet string, resp *fetch.Response) (Added, error) {
	if c := discover.CanonicalFromHTML(resp.Body, resp.URL); c != "" {
		u = c
	} else if resp.Redirected && resp.Permanent {
		if c, err := discover.Canonicalize(resp.URL); err == nil {
			u = c
		}
	}
	resp, err := e.renderedForAdd(ctx, outlet, hostOf(u), resp)
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	// Extract before storing anything: a page errata cannot read (unknown
	// charset, another format, no article text) must leave no trace.
	contentType := resp.Header.Get("Content-Type")
	html, err := fetch.DecodeCharset(resp.Body, contentType)
	if err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	if _, err := extract.ExtractContext(ctx, u, html, model.Rules{}, extract.Options{ContentType: contentType}); err != nil {
		return Added{}, fmt.Errorf("add %s: %w", u, err)
	}
	o, err := e.outletFor(ctx, outlet, "", hostOf(u))
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
	added := Added{Kind: model.SourceArticle, URL: a.URL, Outlet: e.outletName(ctx, a.OutletID), Created: created}
	if !created {
		return e.readded(ctx, a, added)
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

// readded answers an add of an article already tracked: one removed by
// hand is tracked again (adding it is asking for that); any other is left
// as it is, its state said.
func (e *Engine) readded(ctx context.Context, a model.Article, added Added) (Added, error) {
	if a.Hold != model.HoldRemoved {
		added.State = a.Tracking()
		return added, nil
	}
	if err := e.Store.SetArticleHold(ctx, a.ID, model.HoldNone); err != nil {
		return added, err
	}
	added.Restored = true
	return added, nil
}

func (e *Engine) outletName(ctx context.Context, id int64) string {
	if o, err := e.Store.Outlet(ctx, id); err == nil {
		return o.Name
	}
	return ""
}

// hostOf returns a URL's host without "www.", for naming an outlet nobody
// named and for matching a site to its outlet.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	return strings.TrimPrefix(p.Host, "www.")
}
