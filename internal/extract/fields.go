package extract

import (
	"net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
)

// publishedMetaKeys are the meta tags that state a publication date, most
// specific first (keys lower-cased).
var publishedMetaKeys = []string{
	"article:published_time", "og:article:published_time", "og:published_time",
	"datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued",
	"dc.date", "dcterms.created", "dcterms.issued", "dcterms.date", "pubdate",
	"publishdate", "date",
}

// modifiedMetaKeys are the meta tags that state when the page says it was
// last changed, most specific first (keys lower-cased).
var modifiedMetaKeys = []string{
	"article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
	"dcterms.modified", "parsely-updated", "lastmod", "last-modified",
}

// bylineMetaKeys are the meta tags that name authors, most specific first.
var bylineMetaKeys = []string{
	"author", "article:author", "parsely-author", "dc.creator", "sailthru.author",
}

// htmldateOptions ask go-htmldate for the original publication date in its
// fast mode, with the URL's date as a last resort and a fixed upper bound
// instead of "today" so the result does not depend on the clock.
var htmldateOptions = htmldate.Options{
	UseOriginalDate:     true,
	SkipExtensiveSearch: true,
	DeferUrlExtractor:   true,
	MaxDate:             time.Date(maxYear, time.December, 31, 23, 59, 59, 0, time.UTC),
}

// noDate tells trafilatura to skip go-htmldate.
var noDate = htmldate.Result{}

// byline takes the authors from the first source that names any: schema.org,
// meta tags (without the site's own name), the visible ones in the order
// given (the template's byline element nearest the headline, the
// headline's header), a "By" line at the top of the body, and last the
// generic extractor's guess.
func byline(ld ldArticle, pm pageMeta, visible [][]string, body []string, fallback string, site []string) string {
	if b := cleanByline(ld.authors); b != "" {
		return b
	}
	for _, k := range bylineMetaKeys {
		if b := cleanByline(notSite(pm.metaAll[k], site)); b != "" {
			return b
		}
	}
	for _, names := range visible {
		if b := cleanByline(names); b != "" {
			return b
		}
	}
	if b := bodyByline(body); b != "" {
		return b
	}
	return cleanByline(notSite([]string{fallback}, site))
}

// notSite drops values that are the site's own name.
func notSite(values, site []string) []string {
	var out []string
	for _, v := range values {
		if !matchesSite(bylineCore(v), site) {
			out = append(out, v)
		}
	}
	return out
}

// bodyByline reads a "By …" line among the first paragraphs of the body.
func bodyByline(body []string) string {
	for i, p := range body {
		if i >= headParagraphs {
			break
		}
		if isBylineLine(p) {
			return cleanByline([]string{p})
		}
	}
	return ""
}

// firstDate returns the first value that parses as a date, and that value.
func firstDate(values ...string) (time.Time, string) {
	for _, v := range values {
		if t := parseDate(v); !t.IsZero() {
			return t, v
		}
	}
	return time.Time{}, ""
}

func firstTime(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() && plausible(t) {
			return t.UTC()
		}
	}
	return time.Time{}
}

// canonicalURL resolves rel=canonical (else og:url) against the page URL;
// "" when neither gives an absolute http(s) URL.
func canonicalURL(pageURL string, pm pageMeta) string {
	base, _ := url.Parse(pageURL)
	for _, raw := range []string{pm.canonical, pm.first("og:url")} {
		if raw == "" {
			continue
		}
		ref, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			continue
		}
		if base != nil {
			ref = base.ResolveReference(ref)
		}
		if (ref.Scheme == "http" || ref.Scheme == "https") && ref.Host != "" {
			return ref.String()
		}
	}
	return ""
}

// language prefers the page's declared language (primary subtag) over the
// guess trafilatura makes from the text.
func language(declared, guessed string) string {
	tag := strings.ToLower(strings.TrimSpace(declared))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if (len(tag) == 2 || len(tag) == 3) && tag != "und" {
		return tag
	}
	return guessed
}
