package discover

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// ErrScheme is returned for URLs that are relative, host-less or use any
// scheme but http and https (javascript:, data:, file:, ftp:, mailto: ...).
var ErrScheme = errors.New("discover: only http and https URLs are accepted")

// MaxURLLength bounds the URLs accepted; longer ones are nearly always junk
// (data stuffed into a query) and would bloat every index keyed by URL.
const MaxURLLength = 8192

// defaultPorts are removed from canonical URLs: they add nothing and make
// "http://a/" and "http://a:80/" two different articles.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// Canonicalize returns the canonical form of an absolute http(s) article URL:
// scheme and host lower-cased, IDN hosts in punycode, default port, user info
// and fragment removed, empty path as "/", tracking parameters removed and the
// remaining query kept byte for byte in its original order (some CMSs route on
// parameter order). Path case, trailing slashes and "www." are kept: servers
// may treat them as different pages.
func Canonicalize(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if len(raw) > MaxURLLength {
		return "", fmt.Errorf("discover: URL longer than %d bytes", MaxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("discover: canonicalize: %w", err)
	}
	return canonicalURL(u)
}

// Resolve resolves ref against base, then canonicalises the result. Feeds and
// sitemaps often carry relative links and stray whitespace around them.
func Resolve(base, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if len(ref) > MaxURLLength {
		return "", fmt.Errorf("discover: URL longer than %d bytes", MaxURLLength)
	}
	r, err := url.Parse(ref)
	if err != nil {
		return "", fmt.Errorf("discover: resolve %q: %w", ref, err)
	}
	if r.IsAbs() || strings.TrimSpace(base) == "" {
		return canonicalURL(r)
	}
	b, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return "", fmt.Errorf("discover: resolve against %q: %w", base, err)
	}
	return canonicalURL(b.ResolveReference(r))
}

// canonicalURL does the work of Canonicalize on a parsed URL; it works on a
// copy so callers' values are left alone.
func canonicalURL(in *url.URL) (string, error) {
	u := *in
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%w (got %q)", ErrScheme, u.Scheme+":")
	}
	if u.Opaque != "" || u.Host == "" {
		return "", fmt.Errorf("%w (no host in %q)", ErrScheme, in.String())
	}
	host, err := canonicalHost(u.Scheme, u.Host)
	if err != nil {
		return "", err
	}
	u.Host = host
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = stripTracking(u.RawQuery)
	u.ForceQuery = false
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	// Percent-escapes are case-insensitive (RFC 3986 6.2.2.1); upper-casing
	// them makes "%c3%a9" and "%C3%A9" one article.
	return upperEscapes(u.String()), nil
}

// canonicalHost lower-cases the host, converts IDNs to punycode, strips a
// trailing root dot and the scheme's default port.
func canonicalHost(scheme, hostport string) (string, error) {
	host, port := hostport, ""
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		host, port = h, p
	} else if strings.HasSuffix(hostport, ":") {
		host = strings.TrimSuffix(hostport, ":") // "host:" means default port
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if port == defaultPorts[scheme] {
		port = ""
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "" {
		return "", fmt.Errorf("%w (empty host)", ErrScheme)
	}
	if !isASCII(host) {
		a, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", fmt.Errorf("discover: host %q: %w", host, err)
		}
		host = a
	}
	if !validHost(host) {
		return "", fmt.Errorf("discover: invalid host %q", host)
	}
	if port == "" {
		if strings.Contains(host, ":") { // IPv6 literal
			return "[" + host + "]", nil
		}
		return host, nil
	}
	return net.JoinHostPort(host, port), nil
}

// validHost accepts IP literals and names made of letters, digits, '-', '_'
// and '.'; url.Parse lets through sub-delimiters and brackets that no
// article host has and that would not survive a round trip.
func validHost(host string) bool {
	if strings.Contains(host, ":") {
		ip, _, _ := strings.Cut(host, "%") // IPv6 zone
		return net.ParseIP(ip) != nil
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// upperEscapes upper-cases the hex digits of every %XX escape in s.
func upperEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
			b[i+1], b[i+2] = upperHex(b[i+1]), upperHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func upperHex(c byte) byte {
	if 'a' <= c && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

// LookupURLs returns the URLs under which errata may hold what a person
// typed: its canonical form first, as add stores it, then the same URL
// with its path's trailing slash added or removed, which servers nearly
// always treat as one page. A site's root has no such twin.
func LookupURLs(raw string) ([]string, error) {
	c, err := Canonicalize(raw)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(c)
	if err != nil || u.Path == "/" {
		return []string{c}, nil
	}
	if strings.HasSuffix(u.Path, "/") {
		u.Path = strings.TrimSuffix(u.Path, "/")
	} else {
		u.Path += "/"
	}
	u.RawPath = ""
	twin, err := canonicalURL(u)
	if err != nil || twin == c {
		return []string{c}, nil
	}
	return []string{c, twin}, nil
}
