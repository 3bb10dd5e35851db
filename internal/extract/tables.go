package extract

// furnitureTokens are class/id/data-* words that mark boxes which are not
// the article and whose content changes between requests.
var furnitureTokens = map[string]bool{
	// advertising
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true,
	"advertisements": true, "advertising": true, "adslot": true, "adunit": true,
	"adsense": true, "adwrapper": true, "dfp": true, "gpt": true, "sponsored": true,
	"outbrain": true, "taboola": true, "zergnet": true, "revcontent": true, "promo": true,
	"anzeige": true, "werbung": true, "publicite": true, "publicité": true, "publicidad": true,
	// paywalls, registration walls, subscription and newsletter prompts
	"newsletter": true, "newsletters": true,
	"subscribe": true, "signup": true,
	// consent banners
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "cmp": true,
	// share bars
	"share": true, "sharing": true, "sharebar": true, "sharethis": true, "addthis": true,
	"social": true,
	// "most read", related and recommended boxes
	"related": true, "recommended": true, "recommendations": true, "trending": true,
	"popular": true, "mostread": true, "mostpopular": true, "similar": true,
	// page and print footers inside the article frame
	"footer": true,
	// reader comments and author bios
	"comment": true, "comments": true, "disqus": true, "bio": true, "authorbio": true,
}

// furniturePairs are two-word names whose words alone are too common.
// "paywall" alone is not furniture: outlets wrap the premium part of the
// article in <div class="paywall">.
var furniturePairs = map[string]bool{
	"paywall meter": true, "paywall prompt": true, "paywall message": true,
	"paywall banner": true, "meter message": true, "meter banner": true, "regwall prompt": true,
	"most read": true, "most popular": true, "most viewed": true, "more stories": true,
	"sign up": true, "author bio": true, "about author": true, "weather widget": true,
	"read next": true, "up next": true, "latest news": true, "latest stories": true,
	"latest posts": true, "latest articles": true, "print header": true, "print footer": true,
}
