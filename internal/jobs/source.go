package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// maxChildSitemaps bounds how many sitemaps of one sitemap index a poll
// reads, so a hostile index cannot make one poll endless.
const maxChildSitemaps = 50

// PollResult tells what one poll of a source found.
type PollResult struct {
	Links int // article links listed
	New   int // articles not tracked before
}

// PollSource reads a feed or sitemap and starts tracking the articles it
// lists. The source's validators and poll schedule are updated either way.
func (e *Engine) PollSource(ctx context.Context, src model.Source) (PollResult, error) {
	now := e.now()
	res, err := e.poll(ctx, &src)
	src.LastPolled = now
	if err != nil {
		src.Errors++
	} else {
		src.Errors = 0
	}
	src.NextPoll = e.Policy.NextPoll(now, src.Errors, now)
	if uerr := e.Store.UpdateSource(ctx, src); uerr != nil && err == nil {
		err = uerr
	}
	e.observePoll(err)
	return res, err
}

func (e *Engine) poll(ctx context.Context, src *model.Source) (PollResult, error) {
	resp, err := e.Fetch.Get(ctx, src.URL, fetch.Validators{ETag: src.ETag, LastModified: src.LastModified})
	if err != nil {
		return PollResult{}, err
	}
	e.observeFetch(resp.Duration)
	if resp.NotModified() {
		return PollResult{}, nil
	}
	if resp.Status != 200 {
		return PollResult{}, fmt.Errorf("jobs: poll %s: HTTP status %d", src.URL, resp.Status)
	}
	links, err := e.links(ctx, resp)
	if err != nil {
		return PollResult{}, err
	}
	src.ETag, src.LastModified = resp.ETag(), resp.LastModified()
	res := PollResult{Links: len(links)}
	for _, l := range links {
		created, err := e.track(ctx, src.OutletID, l)
		if err != nil {
			return res, err
		}
		if created {
			res.New++
		}
	}
	return res, nil
}

// links lists the article links of a feed, sitemap or sitemap index.
func (e *Engine) links(ctx context.Context, resp *fetch.Response) ([]discover.Link, error) {
	switch kind := discover.Detect(resp.Body, resp.Header.Get("Content-Type")); kind {
	case discover.KindFeed:
		f, err := discover.ParseFeed(resp.Body, resp.URL)
		return f.Links, err
	case discover.KindSitemap, discover.KindSitemapIndex:
		return e.sitemapLinks(ctx, resp)
	default:
		return nil, fmt.Errorf("jobs: %s is not a feed or a sitemap (looks like %s)", resp.URL, kind)
	}
}

func (e *Engine) sitemapLinks(ctx context.Context, resp *fetch.Response) ([]discover.Link, error) {
	sm, err := discover.ParseSitemap(resp.Body, resp.URL, e.Fetch.MaxBodySize())
	if err != nil {
		return nil, err
	}
	links := sm.Links
	for i, child := range sm.Children {
		if i == maxChildSitemaps {
			e.Log.Warn("sitemap index truncated", "url", resp.URL, "children", len(sm.Children))
			break
		}
		cr, err := e.Fetch.Get(ctx, child, fetch.Validators{})
		if err != nil {
			return nil, err
		}
		if cr.Status != 200 {
			e.Log.Warn("child sitemap unavailable", "url", child, "status", cr.Status)
			continue
		}
		csm, err := discover.ParseSitemap(cr.Body, cr.URL, e.Fetch.MaxBodySize())
		if err != nil {
			return nil, err
		}
		links = append(links, csm.Links...) // nested indexes are not followed
	}
	return links, nil
}

// track adds an article unless it is known under that URL or an alias.
func (e *Engine) track(ctx context.Context, outletID int64, l discover.Link) (bool, error) {
	if _, err := e.Store.ArticleByURL(ctx, l.URL); err == nil {
		return false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	now := e.now()
	_, created, err := e.Store.AddArticle(ctx, model.Article{
		OutletID: outletID, URL: l.URL, FirstSeen: now, Published: l.Published,
		NextCheck: now, State: model.StateActive,
	})
	return created, err
}
