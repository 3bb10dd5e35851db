package extract

import (
	"net/url"
	"strings"
	"unicode"
)

// titleSeparators split a headline from the site name in <title>-like text.
var titleSeparators = []string{" | ", " - ", " – ", " — ", ": ", " · ", " :: "}

// maxShortSuffixWords is the longest " | Part" suffix stripped even when it
// does not match the site's name: pipe-separated tails that short are
// sections or brands, not part of a headline.
const maxShortSuffixWords = 4

// cleanTitle normalises a headline and strips a site-name suffix or prefix.
func cleanTitle(raw, siteName, host string) string {
	t := Normalize(raw)
	names := siteNames(siteName, host)
	// "Headline | Section | Site" sheds its tails one at a time.
	for stripped := true; stripped; {
		t, stripped = stripSuffix(t, names)
	}
	for _, sep := range titleSeparators {
		i := strings.Index(t, sep)
		if i <= 0 {
			continue
		}
		if matchesSite(t[:i], names) && strings.TrimSpace(t[i+len(sep):]) != "" {
			t = strings.TrimSpace(t[i+len(sep):])
			break
		}
	}
	return t
}

// stripSuffix removes one site-name suffix, or one short " | Part".
func stripSuffix(t string, names []string) (string, bool) {
	for _, sep := range titleSeparators {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		head, tail := t[:i], strings.TrimSpace(t[i+len(sep):])
		if matchesSite(tail, names) || (sep == " | " && wordCount(tail) <= maxShortSuffixWords) {
			return strings.TrimSpace(head), true
		}
	}
	return t, false
}

// siteNames returns the comparable forms of the site's name: og:site_name
// and the host with and without its "www." and public suffix.
func siteNames(siteName, host string) []string {
	var names []string
	if k := siteKey(siteName); k != "" {
		names = append(names, k)
	}
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	if host != "" {
		names = append(names, siteKey(host))
		if i := strings.IndexByte(host, '.'); i > 0 {
			names = append(names, siteKey(host[:i]))
		}
	}
	return names
}

func matchesSite(part string, names []string) bool {
	k := siteKey(part)
	if k == "" {
		return false
	}
	for _, n := range names {
		if k == n || k == "the"+n {
			return true
		}
	}
	return false
}

// siteKey reduces a name to lower-case letters and digits, so "The Daily
// Planet", "dailyplanet.com" and "Daily-Planet" compare equal where they should.
func siteKey(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSuffix(strings.ToLower(s), ".com") {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func wordCount(s string) int { return len(strings.Fields(s)) }

func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
