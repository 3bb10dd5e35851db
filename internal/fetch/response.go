package fetch

import (
	"net/http"
	"time"
)

// Response is one fetched page: final URL, status, headers and the
// decompressed body exactly as served, except that a header past
// MaxKeptHeaderFields or MaxKeptHeaderBytes is cut down (boundHeader).
type Response struct {
	URL        string // final URL after redirects
	Redirected bool   // true when any redirect was followed
	Permanent  bool   // true when every redirect hop was 301 or 308
	Status     int    // 2xx, 304, 404 or 410; other statuses come back as errors
	Header     http.Header
	Body       []byte // decompressed, not charset-converted; empty for 304
	FetchedAt  time.Time
	Duration   time.Duration // time on the network, politeness waits excluded
	// Served is the response as the server sent it when Body was made
	// from it by another program (a browser's rendered DOM); nil when
	// Body is what the server sent.
	Served *Response

	cut bool // Body holds only the first bytes of a longer body (robots.txt)
}

// NotModified reports a 304 answer to a conditional GET.
func (r *Response) NotModified() bool { return r.Status == http.StatusNotModified }

// ETag is the validator to send back as Validators.ETag next time.
func (r *Response) ETag() string { return r.Header.Get("ETag") }

// LastModified is the validator to send back as Validators.LastModified.
func (r *Response) LastModified() string { return r.Header.Get("Last-Modified") }

// UTF8 returns the body converted to UTF-8; see DecodeCharset.
func (r *Response) UTF8() ([]byte, error) {
	return DecodeCharset(r.Body, r.Header.Get("Content-Type"))
}

// Validators make a GET conditional. Empty fields are not sent.
type Validators struct {
	ETag         string
	LastModified string
}
