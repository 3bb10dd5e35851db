package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
)

// maxPostReply bounds how much of a POST's response is read (and thrown
// away) so the connection can be reused; a receiver's answer is its status.
const maxPostReply = 64 << 10

// Post sends body to a URL and returns the response's status. It goes
// through the same guard as every fetch: only http and https URLs, no
// private address unless the client allows them, the connect, header and
// total timeouts. Redirects are not followed: a receiver that moved
// answers with its 3xx status. Robots.txt and the host interval do not
// apply, since the receiver asked for the request.
func (c *Client) Post(ctx context.Context, rawURL, contentType string, header http.Header, body []byte) (int, error) {
	u, err := CheckURL(rawURL)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.TotalTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(body))
	if err != nil {
		return 0, newError(rawURL, ErrInvalidURL, "not a valid URL", err)
	}
	for k, vs := range header {
		req.Header[k] = append([]string(nil), vs...)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, postError(rawURL, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxPostReply))
	return resp.StatusCode, nil
}

func postError(rawURL string, err error) error {
	var pe *privateAddrError
	switch {
	case errors.As(err, &pe):
		return newError(rawURL, ErrPrivateAddress, pe.Error(), err)
	case errors.Is(err, context.DeadlineExceeded):
		return newError(rawURL, ErrTimeout, "timed out", err)
	}
	return newError(rawURL, nil, fmt.Sprintf("post failed: %v", err), err)
}

// DialContext dials address (host:port) through the address guard: the
// host is resolved here and refused when any of its addresses is private,
// unless the client allows them. Other protocols that errata speaks to
// hosts a user names (SMTP for notifications) use it, so they cannot
// reach what a fetch may not.
func (c *Client) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	return c.dialContext(ctx, network, address)
}
