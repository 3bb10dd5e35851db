package discover

import (
	"net/url"
	"strings"
)

// trackingParams are query keys (compared lower-cased) that only say how a
// reader arrived: they never select different content, so two links that
// differ only by them are the same article.
var trackingParams = map[string]bool{
	// Ad-click identifiers: Facebook, Google (gclid, gclsrc, dclid, gbraid,
	// wbraid), Microsoft, Yandex, Twitter/X, TikTok, LinkedIn, Instagram.
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "gbraid": true,
	"wbraid": true, "msclkid": true, "yclid": true, "twclid": true, "ttclid": true,
	"li_fat_id": true, "igshid": true, "igsh": true, "s_kwcid": true,
	// Google Analytics cross-domain linkers.
	"_ga": true, "_gl": true,
	// Mailchimp, HubSpot, Marketo, Vero newsletter tracking.
	"mc_cid": true, "mc_eid": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	// Twitter embeds and share buttons.
	"ref_src": true, "ref_url": true, "__twitter_impression": true,
	// Publisher campaign codes: Adobe (cmpid, s_cid), Microsoft Start (ocid),
	// NYT (smid, smtyp), share widgets (sr_share), AT Internet (xtor, xtref),
	// Guardian (CMP), Yahoo and others (ncid), internal campaigns (icid).
	"cmpid": true, "s_cid": true, "ocid": true, "smid": true, "smtyp": true,
	"sr_share": true, "xtor": true, "xtref": true, "cmp": true, "ncid": true,
	"icid": true, "wt.mc_id": true,
}

// trackingPrefixes are key prefixes whose whole family is tracking:
// utm_* (Google Analytics), at_* (AT Internet: at_medium, at_campaign...),
// pk_* and mtm_* (Matomo/Piwik), hsa_* (HubSpot ads), ns_* (comScore, used by
// the BBC), oly_* (Omeda), vero_* (Vero).
var trackingPrefixes = []string{"utm_", "at_", "pk_", "mtm_", "hsa_", "ns_", "oly_", "vero_"}

// isTracking reports whether a raw (still escaped) query key is tracking.
func isTracking(rawKey string) bool {
	key, err := url.QueryUnescape(rawKey)
	if err != nil {
		key = rawKey
	}
	key = strings.ToLower(key)
	if trackingParams[key] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// stripTracking removes tracking parameters and empty pieces from a raw query
// and keeps everything else byte for byte in its original order: decoding and
// re-encoding, or sorting, could change what some CMSs serve.
func stripTracking(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	kept := make([]string, 0, strings.Count(rawQuery, "&")+1)
	for _, part := range strings.Split(rawQuery, "&") {
		if part == "" {
			continue
		}
		key, _, _ := strings.Cut(part, "=")
		if isTracking(key) {
			continue
		}
		kept = append(kept, part)
	}
	return strings.Join(kept, "&")
}
