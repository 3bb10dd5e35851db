package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsCache holds each host's parsed robots.txt. Concurrent callers for
// one host share a single fetch.
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	ready   chan struct{} // closed once data, expires and err are set
	data    *robotstxt.RobotsData
	expires time.Time
	err     error // fetch failed in a way that must not be cached
}

func newRobotsCache() *robotsCache {
	return &robotsCache{entries: make(map[string]*robotsEntry)}
}

// allowed reports whether robots.txt lets errata fetch u. The robots.txt
// fetch goes through the same guard, host interval and User-Agent as any
// other request.
func (c *Client) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := u.Scheme + "://" + u.Host
	for {
		e, owner := c.robots.entry(key)
		if owner {
			c.fillRobots(ctx, key, e)
		}
		select {
		case <-e.ready:
		case <-ctx.Done():
			return false, ctx.Err()
		}
		if e.err == nil {
			return e.data.TestAgent(u.RequestURI(), robotsProduct), nil
		}
		// The owner's own context ended; try again with ours.
		if errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded) {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			continue
		}
		return false, e.err
	}
}

// entry returns the live entry for key, creating one when there is none
// or it expired; owner says the caller must fill it.
func (rc *robotsCache) entry(key string) (e *robotsEntry, owner bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e, ok := rc.entries[key]; ok {
		select {
		case <-e.ready:
			if e.err == nil && time.Now().Before(e.expires) {
				return e, false
			}
		default:
			return e, false // being fetched
		}
	}
	e = &robotsEntry{ready: make(chan struct{})}
	rc.entries[key] = e
	return e, true
}

func (rc *robotsCache) forget(key string, e *robotsEntry) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.entries[key] == e {
		delete(rc.entries, key)
	}
}

// fillRobots fetches and parses robots.txt. Policy: 2xx is parsed, only
// its first maxRobotsSize bytes when it is longer (as Google does: a site
// that disallows everything at the top of a huge file is still obeyed);
// 4xx means no rules (as Google does); 5xx, unreachable or unparsable
// robots.txt allow everything, for robotsErrorTTL only —
// errata fetches one page per article on a slow schedule, so going ahead
// costs a site little, while refusing would silently lose revisions. A
// refused private address or a cancelled context is returned and not
// cached, since the page fetch would fail the same way.
func (c *Client) fillRobots(ctx context.Context, key string, e *robotsEntry) {
	defer close(e.ready)
	// No robots check on robots.txt itself, a small cap past which bytes
	// are ignored, and every status comes back to be interpreted here.
	opt := options{limit: maxRobotsSize, prefix: true, skipRobots: true, anyStatus: true}
	resp, err := c.do(ctx, key+"/robots.txt", Validators{}, opt)
	now := time.Now()
	switch {
	case err != nil && (errors.Is(err, ErrPrivateAddress) || ctx.Err() != nil):
		e.err = err
		c.robots.forget(key, e)
	case err != nil || resp.Status >= 500:
		e.data, e.expires = allowAll(), now.Add(robotsErrorTTL)
	case resp.Status >= 200 && resp.Status < 300:
		data, perr := robotstxt.FromBytes(robotsText(resp))
		if perr != nil {
			data, e.expires = allowAll(), now.Add(robotsErrorTTL)
		} else {
			e.expires = now.Add(c.cfg.RobotsTTL)
		}
		e.data = data
	default:
		e.data, e.expires = allowAll(), now.Add(c.cfg.RobotsTTL)
	}
}

// robotsText is the part of a robots.txt body to parse: all of it, or,
// when it was cut at maxRobotsSize, its complete lines only, so a rule
// cut in half ("Disallow: /" from "Disallow: /private/") is not obeyed.
func robotsText(resp *Response) []byte {
	if !resp.cut {
		return resp.Body
	}
	return resp.Body[:bytes.LastIndexAny(resp.Body, "\r\n")+1]
}

func allowAll() *robotstxt.RobotsData {
	data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return data
}

// Sitemaps returns the sitemap URLs the robots.txt of u's site lists
// (its "Sitemap:" lines), read through the same cache as the rules. A
// site without a robots.txt, or one that could not be read, lists none.
func (c *Client) Sitemaps(ctx context.Context, rawURL string) ([]string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if _, err := c.allowed(ctx, u); err != nil {
		return nil, err
	}
	e, _ := c.robots.current(u.Scheme + "://" + u.Host)
	if e == nil || e.data == nil {
		return nil, nil
	}
	return slices.Clone(e.data.Sitemaps), nil
}

// current returns the filled entry for key, if any.
func (rc *robotsCache) current(key string) (*robotsEntry, bool) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	e, ok := rc.entries[key]
	if !ok {
		return nil, false
	}
	select {
	case <-e.ready:
		return e, e.err == nil
	default:
		return nil, false
	}
}
