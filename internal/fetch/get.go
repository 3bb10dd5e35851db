package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// acceptHeader prefers pages and feeds but takes anything.
const acceptHeader = "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"

// options vary a fetch between pages and robots.txt.
type options struct {
	limit      int64 // body cap after decompression
	prefix     bool  // keep the first limit bytes of a longer body instead of failing
	skipRobots bool  // the fetch is robots.txt itself
	anyStatus  bool  // return every final status as a Response
}

// hopResult is one request of a redirect chain.
type hopResult struct {
	status   int
	header   http.Header
	body     []byte
	cut      bool   // body is the first opt.limit bytes of a longer one
	location string // set when the hop is a redirect to follow
}

// Get fetches u, following redirects, after checking robots.txt and
// waiting for the host's turn. It sends If-None-Match / If-Modified-Since
// for non-empty validators. 2xx, 304, 404 and 410 come back as a Response;
// any other status is an error wrapping ErrStatus.
func (c *Client) Get(ctx context.Context, u string, v Validators) (*Response, error) {
	return c.do(ctx, u, v, options{limit: c.cfg.MaxBodySize})
}

// CloseIdleConnections releases pooled connections, for a clean shutdown.
func (c *Client) CloseIdleConnections() { c.http.CloseIdleConnections() }

func (c *Client) do(ctx context.Context, rawURL string, v Validators, opt options) (*Response, error) {
	res := &Response{URL: rawURL, Permanent: true}
	for hops := 0; ; hops++ {
		hr, err := c.step(ctx, res, v, opt)
		if err != nil {
			return nil, nameRequest(rawURL, res, err)
		}
		if hr.location == "" {
			return c.finish(res, hr, opt)
		}
		if hops >= c.cfg.MaxRedirects {
			return nil, newError(rawURL, ErrTooManyRedirects, fmt.Sprintf(
				"more than %d redirects (a redirect loop?); last went to %s", c.cfg.MaxRedirects, hr.location), nil)
		}
		res.Redirected = true
		res.Permanent = res.Permanent && (hr.status == http.StatusMovedPermanently || hr.status == http.StatusPermanentRedirect)
		res.URL = hr.location
	}
}

// step checks and requests res.URL, one hop of the chain.
func (c *Client) step(ctx context.Context, res *Response, v Validators, opt options) (*hopResult, error) {
	u, err := CheckURL(res.URL)
	if err != nil {
		return nil, err
	}
	if !opt.skipRobots {
		if err := c.checkRobots(ctx, u); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	defer func() { res.Duration += time.Since(start) }()
	return c.hop(ctx, u, v, opt)
}

// nameRequest makes every error name the URL the caller asked for, and
// the redirect target when a later hop failed.
func nameRequest(rawURL string, res *Response, err error) error {
	out := withURL(rawURL, err)
	if res.Redirected {
		out.Detail = "redirect to " + redact(res.URL) + ": " + out.Detail
	}
	return out
}

// withURL copies err as an *Error naming rawURL.
func withURL(rawURL string, err error) *Error {
	var fe *Error
	if !errors.As(err, &fe) {
		return newError(rawURL, nil, causeText(err), err)
	}
	out := *fe
	out.URL = redact(rawURL)
	return &out
}

func (c *Client) checkRobots(ctx context.Context, u *url.URL) error {
	ok, err := c.allowed(ctx, u)
	if err != nil {
		// Name the page, not its robots.txt: that is what the user asked for.
		return withURL(u.String(), c.wrapTransport(ctx, nil, u.String(), err))
	}
	if !ok {
		return newError(u.String(), ErrRobotsDisallowed, fmt.Sprintf(
			"disallowed by %s://%s/robots.txt for %q; errata respects it", u.Scheme, u.Host, robotsProduct), nil)
	}
	return nil
}

// finish turns the last hop into a Response or a status error.
func (c *Client) finish(res *Response, hr *hopResult, opt options) (*Response, error) {
	if !opt.anyStatus && !acceptedStatus(hr.status) {
		e := newError(res.URL, ErrStatus, fmt.Sprintf("server answered HTTP %d %s",
			hr.status, http.StatusText(hr.status)), nil)
		e.Status = hr.status
		return nil, e
	}
	res.Status, res.Header, res.Body, res.cut = hr.status, boundHeader(hr.header), hr.body, hr.cut
	res.FetchedAt = time.Now()
	if !res.Redirected {
		res.Permanent = false
	}
	return res, nil
}

// acceptedStatus lists what callers handle as a result rather than a
// failure: content, not modified, and gone.
func acceptedStatus(code int) bool {
	return (code >= 200 && code < 300) || code == http.StatusNotModified ||
		code == http.StatusNotFound || code == http.StatusGone
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// hostKey names a host for politeness: host and port, default port filled.
func hostKey(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// MaxBodySize is the most bytes a body may decompress to; callers that
// inflate a body further (a sitemap.xml.gz) hold it to the same cap.
func (c *Client) MaxBodySize() int64 { return c.cfg.MaxBodySize }

// HostInterval is the least time the client leaves between two requests
// to one host.
func (c *Client) HostInterval() time.Duration { return c.cfg.HostInterval }
