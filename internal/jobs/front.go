package jobs

import (
	"context"
	"errors"
	"fmt"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/fetch"
)

// maxRobotsSitemaps bounds the sitemaps of a robots.txt read when looking
// for a site's news sitemap: sites list a handful, and each is a fetch.
const maxRobotsSitemaps = 5

// addFrontPage tracks a site's front page through the feeds it
// advertises, else through the news sitemap its robots.txt lists, and
// only else as one article. The result says which.
func (e *Engine) addFrontPage(ctx context.Context, u, outlet string, resp *fetch.Response) (AddResult, error) {
	res, err := e.addFeeds(ctx, u, outlet, resp)
	if err != nil || len(res.All) > 0 {
		return res, err
	}
	sm, err := e.addNewsSitemaps(ctx, u, outlet)
	sm.Skipped = append(res.Skipped, sm.Skipped...)
	if err != nil || len(sm.All) > 0 {
		return sm, err
	}
	a, err := e.addArticle(ctx, u, outlet, resp)
	if err != nil {
		return AddResult{}, err
	}
	return AddResult{Added: a, Via: AsArticle, All: []Added{a}, Skipped: sm.Skipped}, nil
}

// addFeeds tracks each feed a page advertises, under the outlet of the
// page's site. A feed that cannot be read is skipped with its reason; an
// outlet refusal stops everything.
func (e *Engine) addFeeds(ctx context.Context, page, outlet string, resp *fetch.Response) (AddResult, error) {
	res := AddResult{Via: ViaFeeds}
	for _, fl := range discover.FeedLinks(resp.Body, resp.URL) {
		a, err := e.addFound(ctx, fl.URL, outlet, hostOf(page), func(k discover.Kind) string {
			if k != discover.KindFeed {
				return "advertised as a feed but is " + kindPhrase(k)
			}
			return ""
		})
		if err != nil && !skippable(err) {
			return AddResult{}, err
		}
		res.add(a, fl.URL, err)
	}
	return res, nil
}

// addNewsSitemaps tracks the news sitemaps among those the site's
// robots.txt lists (at most maxRobotsSitemaps are read). Other sitemaps
// list a whole archive, not the news, and are skipped.
func (e *Engine) addNewsSitemaps(ctx context.Context, page, outlet string) (AddResult, error) {
	res := AddResult{Via: ViaSitemap}
	listed, err := e.Fetch.Sitemaps(ctx, page)
	if err != nil {
		return res, fmt.Errorf("add %s: robots.txt: %w", page, err)
	}
	for i, raw := range listed {
		if i == maxRobotsSitemaps {
			break
		}
		u, err := discover.Resolve(page, raw)
		if err != nil {
			res.Skipped = append(res.Skipped, Skipped{URL: raw, Reason: "not an http or https URL"})
			continue
		}
		a, err := e.addFound(ctx, u, outlet, hostOf(page), func(k discover.Kind) string {
			if k != discover.KindSitemap {
				return kindPhrase(k) + ", not a news sitemap"
			}
			return ""
		}, e.requireNews)
		if err != nil && !skippable(err) {
			return AddResult{}, err
		}
		res.add(a, u, err)
	}
	return res, nil
}

func (r *AddResult) add(a Added, u string, err error) {
	if err != nil {
		r.Skipped = append(r.Skipped, Skipped{URL: u, Reason: skipReason(err)})
		return
	}
	if len(r.All) == 0 {
		r.Added = a
	}
	r.All = append(r.All, a)
}

// kindPhrase names a kind of document in a sentence.
func kindPhrase(k discover.Kind) string {
	switch k {
	case discover.KindSitemapIndex:
		return "a sitemap index"
	case discover.KindHTML:
		return "an HTML page"
	case discover.KindOPML:
		return "an OPML file"
	case discover.KindUnknown:
		return "a document of unknown kind"
	}
	return "a " + string(k)
}

// skipError is a found feed or sitemap that is not worth tracking.
type skipError struct{ reason string }

func (e skipError) Error() string { return e.reason }

// skippable reports an error that skips one found URL; an outlet refusal
// or the end of the context stops the add instead.
func skippable(err error) bool {
	var oh *OutletHostError
	return !errors.As(err, &oh) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

func skipReason(err error) string {
	var se skipError
	if errors.As(err, &se) {
		return se.reason
	}
	return err.Error()
}

// addFound fetches a URL a page or robots.txt led to and tracks it as a
// source when wrong (its kind's objection) says nothing against it and
// every check passes.
func (e *Engine) addFound(ctx context.Context, u, outlet, site string, wrong func(discover.Kind) string,
	checks ...func(*fetch.Response) error) (Added, error) {
	resp, err := e.Fetch.Get(ctx, u, fetch.Validators{})
	if err != nil {
		return Added{}, err
	}
	if resp.Status != 200 {
		return Added{}, skipError{fmt.Sprintf("HTTP status %d", resp.Status)}
	}
	kind := discover.Detect(resp.Body, resp.Header.Get("Content-Type"))
	if why := wrong(kind); why != "" {
		return Added{}, skipError{why}
	}
	for _, c := range checks {
		if err := c(resp); err != nil {
			return Added{}, err
		}
	}
	return e.addSource(ctx, u, outlet, site, kind, resp)
}

// requireNews refuses a sitemap that is not a news sitemap.
func (e *Engine) requireNews(resp *fetch.Response) error {
	sm, err := discover.ParseSitemap(resp.Body, resp.URL, e.Fetch.MaxBodySize())
	if err != nil {
		return err
	}
	if !sm.News {
		return skipError{"a sitemap without news entries (a whole archive), not a news sitemap"}
	}
	return nil
}
