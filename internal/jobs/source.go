package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/identity"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// maxChildSitemaps bounds how many sitemaps of one sitemap index a poll
// reads, so a hostile index cannot make one poll endless.
const maxChildSitemaps = 50

// maxNewPerPoll bounds the articles one poll starts tracking, so a feed
// of a hundred thousand items cannot flood the queue in one go. A busy
// outlet adds a few dozen articles between two polls (every 15 minutes),
// far fewer than this, while 500 first checks at the default host
// interval of 1 s take about 8 minutes of the host's time. The newest are
// taken first; the next polls take the rest, each coming once the host
// had time to check the previous batch (see backlogDelay): a
// whole-archive sitemap of 50,000 URLs is taken in about 14 hours, the
// time its first checks take anyway.
const maxNewPerPoll = 500

// maxLastError bounds the error kept with a source for lists to show.
const maxLastError = 500

// PollResult tells what one poll of a source found.
type PollResult struct {
	Links int // article links listed
	New   int // articles not tracked before
	// Deferred counts the links not looked at once maxNewPerPoll articles
	// were added; the next poll reads them.
	Deferred int
	// Failed lists the child sitemaps of an index that could not be read
	// (timeout, error status, broken document); the next poll tries them.
	Failed []string
}

// complete reports a poll that read every link its source lists.
func (r PollResult) complete() bool { return r.Deferred == 0 && len(r.Failed) == 0 }

// PollSource reads a feed or sitemap and starts tracking the articles it
// lists. The source's validators and poll schedule are updated either way.
func (e *Engine) PollSource(ctx context.Context, src model.Source) (PollResult, error) {
	now := e.now()
	res, err := e.poll(ctx, &src)
	src.LastPolled = now
	if err != nil {
		src.Errors, src.LastError = src.Errors+1, lastError(err)
	} else {
		src.Errors, src.LastError = 0, ""
	}
	src.NextPoll = e.Policy.NextPoll(now, src.Errors, now)
	if soon := now.Add(e.backlogDelay(res.New)); res.Deferred > 0 && soon.Before(src.NextPoll) {
		src.NextPoll = soon
	}
	if uerr := e.Store.UpdateSource(ctx, src); uerr != nil && err == nil {
		err = uerr
	}
	e.observePoll(err)
	return res, err
}

// lastError is a poll's error as one bounded line, for lists to show.
func lastError(err error) string {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if len(msg) > maxLastError {
		cut := maxLastError
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

// backlogDelay is how long the host needs to check added new articles,
// one per host interval: a poll that left links waits that long before
// taking the next batch, rather than the regular poll interval.
func (e *Engine) backlogDelay(added int) time.Duration {
	return max(schedule.MinInterval, time.Duration(added)*e.Fetch.HostInterval())
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
	links, failed, err := e.links(ctx, resp)
	if err != nil {
		return PollResult{}, err
	}
	res := PollResult{Links: len(links), Failed: failed}
	if err := e.trackNewest(ctx, *src, links, &res); err != nil {
		return res, err
	}
	// The validators vouch for having read the whole document: kept after
	// a partial poll, they would make the next one a 304 and the links
	// left over would never be read.
	src.ETag, src.LastModified = "", ""
	if res.complete() {
		src.ETag, src.LastModified = resp.ETag(), resp.LastModified()
	} else {
		e.Log.Info("poll left links for the next one", "source", src.URL,
			"new", res.New, "deferred", res.Deferred, "failed_sitemaps", len(res.Failed))
	}
	return res, nil
}

// trackNewest tracks the links not yet tracked, newest first, until
// maxNewPerPoll articles were added.
func (e *Engine) trackNewest(ctx context.Context, src model.Source, links []discover.Link, res *PollResult) error {
	for i, l := range newestFirst(links) {
		if res.New == maxNewPerPoll {
			res.Deferred = len(links) - i
			return nil
		}
		created, err := e.track(ctx, src, l)
		if err != nil {
			return err
		}
		if created {
			res.New++
		}
	}
	return nil
}

// newestFirst orders links by their published date, else their updated
// date, newest first; undated links follow in the source's order.
func newestFirst(links []discover.Link) []discover.Link {
	out := slices.Clone(links)
	slices.SortStableFunc(out, func(a, b discover.Link) int {
		return linkDate(b).Compare(linkDate(a))
	})
	return out
}

func linkDate(l discover.Link) time.Time {
	if !l.Published.IsZero() {
		return l.Published
	}
	return l.Updated
}

// links lists the article links of a feed, sitemap or sitemap index, and
// the child sitemaps of an index that could not be read.
func (e *Engine) links(ctx context.Context, resp *fetch.Response) ([]discover.Link, []string, error) {
	switch kind := discover.Detect(resp.Body, resp.Header.Get("Content-Type")); kind {
	case discover.KindFeed:
		f, err := discover.ParseFeed(resp.Body, resp.URL)
		return f.Links, nil, err
	case discover.KindSitemap, discover.KindSitemapIndex:
		return e.sitemapLinks(ctx, resp)
	default:
		return nil, nil, fmt.Errorf("jobs: %s is not a feed or a sitemap (looks like %s)", resp.URL, kind)
	}
}

// sitemapLinks reads a sitemap, or an index and its children. A child
// that cannot be read is logged and listed as failed; the others' links
// still count. Only the end of the poll's own context stops it.
func (e *Engine) sitemapLinks(ctx context.Context, resp *fetch.Response) ([]discover.Link, []string, error) {
	sm, err := discover.ParseSitemap(resp.Body, resp.URL, e.Fetch.MaxBodySize())
	if err != nil {
		return nil, nil, err
	}
	links := sm.Links
	var failed []string
	for i, child := range sm.Children {
		if i == maxChildSitemaps {
			e.Log.Warn("sitemap index truncated", "url", resp.URL, "children", len(sm.Children))
			break
		}
		cl, err := e.childLinks(ctx, child)
		if ctx.Err() != nil {
			return nil, nil, fmt.Errorf("jobs: poll %s: %w", resp.URL, ctx.Err())
		}
		if err != nil {
			e.Log.Warn("child sitemap failed", "index", resp.URL, "url", child, "err", err)
			failed = append(failed, child)
			continue
		}
		links = append(links, cl...)
	}
	return links, failed, nil
}

// childLinks reads one child of a sitemap index; nested indexes are not
// followed. A child that is gone (404, 410) lists nothing.
func (e *Engine) childLinks(ctx context.Context, child string) ([]discover.Link, error) {
	cr, err := e.Fetch.Get(ctx, child, fetch.Validators{})
	if err != nil {
		return nil, err
	}
	if cr.Status != 200 {
		e.Log.Warn("child sitemap unavailable", "url", child, "status", cr.Status)
		return nil, nil
	}
	csm, err := discover.ParseSitemap(cr.Body, cr.URL, e.Fetch.MaxBodySize())
	return csm.Links, err
}

// track adds an article unless it is known under that URL or an alias.
func (e *Engine) track(ctx context.Context, src model.Source, l discover.Link) (bool, error) {
	if _, err := e.Store.ArticleByURL(ctx, l.URL); err == nil {
		return false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	outletID, err := e.linkOutlet(ctx, src, l.URL)
	if err != nil {
		return false, err
	}
	now := e.now()
	a, created, err := e.Store.AddArticle(ctx, model.Article{
		OutletID: outletID, URL: l.URL, FirstSeen: now, Published: l.Published,
		NextCheck: now, State: model.StateActive, SourceID: src.ID,
	})
	if err == nil && created && l.Words >= minPromisedWords {
		err = e.Store.SetArticlePromise(ctx, a.ID, l.Words)
	}
	return created, err
}

// linkOutlet returns the outlet a listed link belongs to: the source's own
// for a link on its site, else the outlet of the link's site, created when
// none is tracked there yet. A feed that lists another site's story does
// not make it one of its outlet's articles.
func (e *Engine) linkOutlet(ctx context.Context, src model.Source, link string) (int64, error) {
	o, err := e.Store.Outlet(ctx, src.OutletID)
	if err != nil {
		return 0, err
	}
	if identity.Home(link, src.URL, o.Host) {
		return o.ID, nil
	}
	host := hostOf(link)
	if o, err := e.Store.OutletByHost(ctx, host); err == nil {
		return o.ID, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return 0, err
	}
	o, err = e.Store.EnsureOutlet(ctx, host, host)
	if err != nil {
		return 0, err
	}
	e.Log.Info("feed lists another site's article; tracked under that site", "source", src.URL, "url", link, "outlet", o.Name)
	return o.ID, nil
}
