package fetch

import (
	"errors"
	"net/url"
)

// Sentinel errors; test with errors.Is. The *Error values returned by this
// package wrap one of them and carry a message meant for a human.
var (
	ErrInvalidURL       = errors.New("fetch: invalid URL")
	ErrScheme           = errors.New("fetch: only http and https URLs can be fetched")
	ErrPrivateAddress   = errors.New("fetch: refused private address")
	ErrBodyTooLarge     = errors.New("fetch: response body too large")
	ErrTooManyRedirects = errors.New("fetch: too many redirects")
	ErrRobotsDisallowed = errors.New("fetch: disallowed by robots.txt")
	ErrStatus           = errors.New("fetch: unexpected HTTP status")
	ErrTimeout          = errors.New("fetch: timed out")
	ErrEncoding         = errors.New("fetch: unsupported content encoding")
	ErrCharset          = errors.New("fetch: unknown charset")
)

// Error is a failed fetch of one URL. Its message is one line:
// "fetch URL: what happened; what to do".
type Error struct {
	URL    string // the URL being fetched (redacted of any password)
	Status int    // HTTP status when a response arrived, else 0
	Kind   error  // one of the sentinels above, or nil
	Detail string // human explanation, without the URL
	Err    error  // underlying cause, or nil
}

func (e *Error) Error() string {
	return "fetch " + e.URL + ": " + e.Detail
}

// Unwrap lets errors.Is see both the sentinel and the cause (for example
// context.Canceled).
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func newError(rawURL string, kind error, detail string, cause error) *Error {
	return &Error{URL: redact(rawURL), Kind: kind, Detail: detail, Err: cause}
}

// redact keeps passwords out of messages that end up in logs.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Redacted()
}
