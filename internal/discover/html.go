package discover

import (
	"bytes"
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/publicsuffix"
)

// MaxHeadScan is how much of a page CanonicalFromHTML reads: canonical hints
// live in <head>, and a page whose head has not ended by then has none worth
// trusting.
const MaxHeadScan = 512 << 10

// CanonicalFromHTML returns the canonical URL a page declares for itself
// (<link rel="canonical">, else <meta property="og:url">), resolved against
// pageURL and canonicalised. It returns "" when there is none, or when the
// declaration cannot be trusted: not http(s), on another site (a canonical to
// a different registrable domain could hijack the article's identity), or the
// site's home page while the page itself is not (a common CMS template bug).
func CanonicalFromHTML(page []byte, pageURL string) string {
	canonical, ogURL := headHints(page)
	for _, ref := range []string{canonical, ogURL} {
		if ref == "" {
			continue
		}
		if u := trustedCanonical(ref, pageURL); u != "" {
			return u
		}
	}
	return ""
}

// headHints returns the first rel=canonical href and the first og:url content
// found before the head ends.
func headHints(page []byte) (canonical, ogURL string) {
	if len(page) > MaxHeadScan {
		page = page[:MaxHeadScan]
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return canonical, ogURL
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Head {
				return canonical, ogURL
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return canonical, ogURL
			case atom.Link:
				if canonical == "" && hasAttr {
					canonical = linkCanonical(attrs(z))
				}
			case atom.Meta:
				if ogURL == "" && hasAttr {
					ogURL = metaOGURL(attrs(z))
				}
			}
		}
	}
}

// attrs reads the current tag's attributes with lower-cased keys.
func attrs(z *html.Tokenizer) map[string]string {
	m := make(map[string]string)
	for {
		k, v, more := z.TagAttr()
		key := strings.ToLower(string(k))
		if _, dup := m[key]; !dup { // the first of a repeated attribute wins, as in browsers
			m[key] = string(v)
		}
		if !more {
			return m
		}
	}
}

// linkCanonical returns href when rel lists "canonical" (rel is a
// space-separated, case-insensitive token list).
func linkCanonical(a map[string]string) string {
	for _, tok := range strings.Fields(strings.ToLower(a["rel"])) {
		if tok == "canonical" {
			return strings.TrimSpace(a["href"])
		}
	}
	return ""
}

// metaOGURL returns content for og:url, which sites put in property (the
// Open Graph spec) or, wrongly but often, in name.
func metaOGURL(a map[string]string) string {
	if strings.EqualFold(a["property"], "og:url") || strings.EqualFold(a["name"], "og:url") {
		return strings.TrimSpace(a["content"])
	}
	return ""
}

// trustedCanonical resolves ref against pageURL and returns it canonicalised
// if it may stand for the page, else "".
func trustedCanonical(ref, pageURL string) string {
	page, err := Canonicalize(pageURL)
	if err != nil {
		return ""
	}
	c, err := Resolve(page, ref)
	if err != nil {
		return ""
	}
	pu, err1 := url.Parse(page)
	cu, err2 := url.Parse(c)
	if err1 != nil || err2 != nil || !SameSite(pu, cu) {
		return ""
	}
	if IsHomePage(cu) && !IsHomePage(pu) {
		return ""
	}
	return c
}

// IsHomePage reports a URL that is a site's front page: the root path with
// no query.
func IsHomePage(u *url.URL) bool {
	return u.Path == "/" && u.RawQuery == ""
}

// SameSite reports whether two canonical URLs are on the same site: same
// port and same registrable domain (so m.example.com may point to
// www.example.com, but example.com may not point to example.org). Hosts with
// no registrable domain (IP addresses, localhost) must match exactly, ignoring
// a leading "www.".
func SameSite(a, b *url.URL) bool {
	if a.Port() != b.Port() {
		return false
	}
	ha, hb := a.Hostname(), b.Hostname()
	if strings.TrimPrefix(ha, "www.") == strings.TrimPrefix(hb, "www.") {
		return true
	}
	ra, ok := registrable(ha)
	if !ok {
		return false
	}
	rb, ok := registrable(hb)
	return ok && ra == rb
}

// registrable returns host's eTLD+1, or ok=false when it has none.
func registrable(host string) (string, bool) {
	if net.ParseIP(host) != nil {
		return "", false
	}
	r, err := publicsuffix.EffectiveTLDPlusOne(host)
	return r, err == nil
}
