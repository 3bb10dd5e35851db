package render

import (
	"net"
	"net/url"
	"strings"

	"github.com/chromedp/cdproto/network"
	"golang.org/x/net/publicsuffix"
)

// blockedTypes are resources the text of a page never needs: they cost
// time and bandwidth and are where most trackers live.
var blockedTypes = map[network.ResourceType]bool{
	network.ResourceTypeImage:              true,
	network.ResourceTypeMedia:              true,
	network.ResourceTypeFont:               true,
	network.ResourceTypePing:               true,
	network.ResourceTypeCSPViolationReport: true,
	network.ResourceTypeManifest:           true,
	network.ResourceTypeSignedExchange:     true,
	network.ResourceTypePrefetch:           true,
}

// site is the registrable domain of a URL's host (an address stands for
// itself), the unit "third party" is counted in.
func site(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if net.ParseIP(host) != nil {
		return host
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return s
	}
	return host
}

// thirdParty reports whether a request for target leaves the site of page.
func thirdParty(page, target string) bool {
	return site(page) != site(target)
}
