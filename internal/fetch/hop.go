package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// hop makes one request when the host's turn comes, holding the turn until
// the body is read so only one request per host is ever in flight.
func (c *Client) hop(ctx context.Context, u *url.URL, v Validators, opt options) (*hopResult, error) {
	release, err := c.turn(ctx, hostKey(u))
	if err != nil {
		return nil, c.wrapTransport(ctx, nil, u.String(), err)
	}
	defer release()
	hopCtx, cancel := context.WithTimeout(ctx, c.cfg.TotalTimeout)
	defer cancel()

	req, err := http.NewRequestWithContext(hopCtx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, newError(u.String(), ErrInvalidURL, "cannot build request", err)
	}
	c.setHeaders(req, v)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.wrapTransport(ctx, hopCtx, u.String(), err)
	}
	defer resp.Body.Close()

	hr := &hopResult{status: resp.StatusCode, header: resp.Header}
	if loc := resp.Header.Get("Location"); isRedirect(resp.StatusCode) && loc != "" {
		next, err := u.Parse(loc)
		if err != nil {
			return nil, newError(u.String(), ErrInvalidURL, fmt.Sprintf("bad redirect Location %q", loc), err)
		}
		hr.location = next.String()
		return hr, nil
	}
	if resp.StatusCode == http.StatusNotModified || !acceptedStatus(resp.StatusCode) {
		return hr, nil
	}
	if opt.prefix {
		hr.body, hr.cut, err = readPrefix(resp, opt.limit)
	} else {
		hr.body, err = readBody(resp, opt.limit)
	}
	if err != nil {
		return nil, c.wrapTransport(ctx, hopCtx, u.String(), err)
	}
	return hr, nil
}

// turn waits for the host in this process, then across processes when a
// shared Gate is configured; release frees both, the shared one first.
func (c *Client) turn(ctx context.Context, key string) (func(), error) {
	local, err := c.hosts.acquire(ctx, key)
	if err != nil || c.cfg.Gate == nil {
		return local, err
	}
	shared, err := c.cfg.Gate.Wait(ctx, key, c.cfg.HostInterval)
	if err != nil {
		local()
		return nil, err
	}
	return func() {
		shared()
		local()
	}, nil
}

func (c *Client) setHeaders(req *http.Request, v Validators) {
	for k, vs := range RequestHeader(c.cfg.UserAgent) {
		req.Header[k] = vs
	}
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
}

// wrapTransport names the URL and the limit that was hit, so the message
// says what to do. hopCtx may be nil outside a request.
func (c *Client) wrapTransport(ctx, hopCtx context.Context, rawURL string, err error) error {
	var (
		fe *Error
		pe *privateAddrError
		de *net.DNSError
		ce *connectTimeoutError
		te *tooLargeError
	)
	switch {
	case errors.As(err, &fe):
		return err
	case errors.As(err, &pe):
		return newError(rawURL, ErrPrivateAddress, pe.Error(), nil)
	case errors.As(err, &de):
		return newError(rawURL, nil, fmt.Sprintf("cannot resolve host %s: %s; check the URL", de.Name, de.Err), err)
	case ctx.Err() != nil:
		return newError(rawURL, nil, "stopped: "+ctx.Err().Error(), ctx.Err())
	case errors.As(err, &te):
		e := newError(rawURL, ErrBodyTooLarge, te.Error(), nil)
		return e
	case errors.Is(err, ErrEncoding):
		return newError(rawURL, ErrEncoding, causeText(err), err)
	case errors.As(err, &ce):
		return newError(rawURL, ErrTimeout, fmt.Sprintf(
			"timed out connecting (limit %s): %v", c.cfg.ConnectTimeout, ce.err), err)
	case hopCtx != nil && errors.Is(hopCtx.Err(), context.DeadlineExceeded):
		return newError(rawURL, ErrTimeout, fmt.Sprintf(
			"timed out: no complete response within %s", c.cfg.TotalTimeout), err)
	case isTimeout(err):
		return newError(rawURL, ErrTimeout, fmt.Sprintf(
			"timed out waiting for the server (header limit %s)", c.cfg.HeaderTimeout), err)
	}
	return newError(rawURL, nil, "request failed: "+causeText(err), err)
}

func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// causeText drops net/http's `Get "URL":` prefix, which repeats the URL,
// and our own "fetch: " prefix, which the *Error message already has.
func causeText(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return strings.TrimPrefix(err.Error(), "fetch: ")
}
