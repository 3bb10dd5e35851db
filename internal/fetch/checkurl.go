package fetch

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckURL accepts only absolute http and https URLs with a host and no
// user info, the only URLs errata ever fetches. Everything else (javascript:,
// file:, data:, ftp:, mailto:, relative references) is refused so that a
// hostile feed or redirect cannot point the fetcher somewhere else.
func CheckURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, newError(raw, ErrInvalidURL, "empty URL", nil)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, newError(raw, ErrInvalidURL, "not a valid URL; check its spelling", err)
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case scheme == "":
		return nil, newError(raw, ErrScheme, "not an absolute URL; give the full http:// or https:// URL", nil)
	case scheme != "http" && scheme != "https":
		return nil, newError(raw, ErrScheme,
			fmt.Sprintf("scheme %q is not allowed; use an http or https URL", u.Scheme), nil)
	case u.Opaque != "" || u.Hostname() == "":
		return nil, newError(raw, ErrInvalidURL, "URL has no host", nil)
	case u.User != nil:
		return nil, newError(raw, ErrInvalidURL, "URL carries a user name or password; remove it", nil)
	case !validPort(u.Port()):
		return nil, newError(raw, ErrInvalidURL, fmt.Sprintf("invalid port %q", u.Port()), nil)
	}
	u.Scheme = scheme
	return u, nil
}

func validPort(p string) bool {
	if p == "" {
		return true
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return false
		}
	}
	return n > 0
}
