package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/errata/errata/internal/model"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// Version identifies the extractor's behaviour; bump it whenever output for
// the same input can change.
const Version = "7"

// ErrNoContent is returned when a page yields no body text. The Article
// returned with it still carries whatever metadata was found.
var ErrNoContent = errors.New("extract: no article text found")

// Article is one extraction of one page. Every text field is Normalize()d.
type Article struct {
	URL       string
	Canonical string    // rel=canonical or og:url, absolute, "" if none (host not validated)
	Title     string    // headline without a " | Site Name" style suffix
	Byline    string    // "A", "A and B" or "A, B and C"; no leading "By "
	Published time.Time // UTC; zero if unknown; never the crawl date
	// Modified is when the page itself says it was last changed (schema.org
	// dateModified, article:modified_time and the like), UTC; zero when it
	// says nothing. It is the outlet's claim, not errata's observation.
	Modified time.Time
	Text     string // body paragraphs joined by "\n\n"
	// Promised is how many words the text the page publishes for
	// machines (its JSON-LD articleBody) holds, 0 when it has none: a
	// Text far shorter than that was cut or never made it to the HTML.
	Promised int
	Language string // ISO 639-1 code, "" if unknown

	// Reading tells which extractor's body was taken; Either, that the
	// other's body overlapped it for the most part, so that an extraction
	// of the same page preferring the other reading may differ (see
	// Options.Prefer).
	Reading Reading
	Either  bool

	doc   *html.Node  // the page as extracted from, for Blocks
	index *blockIndex // its blocks, when the body was chosen with them
}

// Reading names whose body an extraction took.
type Reading int

const (
	// ReadingOther is a body neither extractor gave whole: a Keep rule's,
	// the article container's, or a cut of one body by the other.
	ReadingOther Reading = iota
	// ReadingFirst is trafilatura's body.
	ReadingFirst
	// ReadingSecond is go-readability's body.
	ReadingSecond
)

func (r Reading) String() string {
	switch r {
	case ReadingFirst:
		return "trafilatura"
	case ReadingSecond:
		return "readability"
	}
	return "other"
}

// Options adjust one extraction.
type Options struct {
	// Prefer is the reading to take when both extractors' bodies overlap
	// for the most part (Article.Either): the reading an earlier capture
	// of the same page was given, so that like is compared with like.
	// ReadingOther leaves the choice to the page's evidence.
	Prefer Reading

	// ContentType is the Content-Type the page was served with, "" if
	// unknown. A type that names another format (application/pdf,
	// image/png, a feed) refuses the page with ErrNotHTML before its
	// bytes are looked at; a missing, vague or HTML type leaves the
	// decision to the bytes.
	ContentType string

	// budget replaces MaxExtractTime when set (tests): how long the
	// extraction may take.
	budget time.Duration
}

// timeBudget is how long an extraction with o may take.
func (o Options) timeBudget() time.Duration {
	if o.budget != 0 {
		return o.budget
	}
	return MaxExtractTime
}

// Extract reads the article in one HTML page. rules are the outlet's
// Keep/Drop selectors; an invalid selector is an error. Input that is not
// an HTML page returns ErrNotHTML, a page over the caps (MaxParagraphs,
// MaxElements, MaxTextBytes) or past MaxExtractTime returns ErrTooLarge. A
// page without body text returns ErrNoContent together with its metadata.
func Extract(pageURL string, page []byte, rules model.Rules) (Article, error) {
	return ExtractWith(pageURL, page, rules, Options{})
}

// ExtractWith is Extract with options.
func ExtractWith(pageURL string, page []byte, rules model.Rules, opts Options) (Article, error) {
	return ExtractContext(context.Background(), pageURL, page, rules, opts)
}

// ExtractContext is ExtractWith that also stops, between stages, when ctx
// is done.
func ExtractContext(ctx context.Context, pageURL string, page []byte, rules model.Rules, opts Options) (Article, error) {
	budget := opts.timeBudget()
	ctx, cancel := context.WithTimeoutCause(ctx, budget, errOverBudget)
	defer cancel()
	art := Article{URL: pageURL}
	if err := ValidateRules(rules); err != nil {
		return art, err
	}
	if err := checkContentType(opts.ContentType); err != nil {
		return art, err
	}
	if err := checkHTML(page); err != nil {
		return art, err
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return art, fmt.Errorf("extract: parse %s: %w", pageURL, err)
	}
	if err := measure(doc).check(); err != nil {
		return art, err
	}
	if err := stopped(ctx, budget); err != nil {
		return art, err
	}
	pm := readPageMeta(doc)
	ld, _ := articleFromJSONLD(pm.jsonLD)
	art.Promised = wordCount(ldArticleBody(pm.jsonLD))
	metaDate, rawDate := firstDate(append(append([]string{ld.published}, pm.values(publishedMetaKeys...)...), pm.timeAttr)...)
	if isBareDay(rawDate) {
		metaDate = withClockTime(metaDate, rawDate, datelineText(doc))
	}

	vm := readVisibleMeta(doc)
	applyDrop(doc, rules.Drop)
	removeFurniture(doc)
	var body []string
	if kept := keepNodes(doc, rules.Keep); len(kept) > 0 {
		body = paragraphs(kept...)
	}

	res := runTrafilatura(doc, pageURL, !metaDate.IsZero())
	if err := stopped(ctx, budget); err != nil {
		return art, err
	}
	if body == nil {
		ev := gatherEvidence(doc, pm)
		art.index = &ev.blocks
		body, art.Reading, art.Either = generatedBody(doc, res, pageURL, ev, opts.Prefer)
		if err := stopped(ctx, budget); err != nil {
			return art, err
		}
	}

	art.Canonical = canonicalURL(pageURL, pm)
	art.Language = language(pm.lang, res.Metadata.Language)
	rawTitle := firstNonEmpty(ld.headline, pm.first("og:title"), res.Metadata.Title, pm.title)
	siteName, host := siteName(pm, res.Metadata.Sitename, vm), hostOf(pageURL)
	art.Title = firstNonEmpty(chooseHeadline(headlineCandidates(ld, pm, vm, siteName, host)),
		cleanTitle(html.UnescapeString(rawTitle), siteName, host))
	header := vm.headerOf(art.Title)
	art.Byline = byline(ld, pm, [][]string{vm.bylineNear(art.Title), header.names}, body, res.Metadata.Author, siteNames(siteName, host))
	art.Published = metaDate
	art.Modified, _ = firstDate(append([]string{ld.modified}, pm.values(modifiedMetaKeys...)...)...)
	if art.Published.IsZero() {
		art.Published = firstTime(header.date, scannedDate(res.Metadata.Date, pm), dateFromURL(pageURL))
	}
	art.Text = strings.Join(cleanBody(body, art.Byline, art.Title, Normalize(rawTitle), Normalize(pm.title)), "\n\n")
	art.doc = doc
	if art.Text == "" {
		return art, ErrNoContent
	}
	return art, nil
}

// runTrafilatura runs the generic extractor on the cleaned document. Its
// failure is not ours to report: a page it cannot read simply has no body
// (or a Keep rule supplied one), so the zero result stands in.
func runTrafilatura(doc *html.Node, pageURL string, haveDate bool) *trafilatura.ExtractResult {
	opts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateOptions: &htmldateOptions,
	}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
		dateOpts := htmldateOptions
		dateOpts.URL = pageURL
		opts.HtmlDateOptions = &dateOpts
	}
	if haveDate {
		// The page stated its date; scanning the whole document for one is
		// the slowest part of trafilatura and would not be used.
		opts.HtmlDateOverride = &noDate
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil || res == nil {
		return &trafilatura.ExtractResult{}
	}
	return res
}

// generatedBody returns the paragraphs trafilatura found, checked against
// go-readability's second opinion (chooseBody) so that a page where one of
// them takes the wrong block is rescued by the other. When trafilatura
// found at most one paragraph, it has often fallen back to its baseline,
// which flattens a short article into one paragraph; the page's own article
// container, split along its blocks (or readability's cut of it), is then
// the better body. Paragraphs whose block on the page is mostly links go
// last, whichever extractor kept them.
func generatedBody(doc *html.Node, res *trafilatura.ExtractResult, pageURL string, ev evidence, prefer Reading) (body []string, reading Reading, either bool) {
	teasers := findTeasers(doc)
	second := dropTeasers(readabilityBody(doc, pageURL), teasers)
	if res.ContentNode != nil {
		dropStandfirst(res.ContentNode)
		first := dropTeasers(dropFlattened(paragraphs(res.ContentNode)), teasers)
		body, reading, either = chooseBody(first, second, ev, prefer)
		body = dropTeasers(splitBody(doc, body), teasers)
	}
	if len(body) <= 1 {
		if c := articleContainer(doc); c != nil {
			if alt := paragraphs(c); len(alt) > 1 {
				return dropLinkBlocks(narrowContainer(alt, second), ev.blocks), ReadingOther, false
			}
		}
	}
	return dropLinkBlocks(body, ev.blocks), reading, either
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
