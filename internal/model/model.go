// Package model holds errata's domain types: the nouns every stage passes
// along. It imports nothing from the project and does no I/O.
package model

import "time"

// ArticleState says whether an article is still checked.
type ArticleState string

const (
	// StateActive articles are checked on their schedule.
	StateActive ArticleState = "active"
	// StateStopped articles went unchanged long enough that checking stopped.
	StateStopped ArticleState = "stopped"
	// StateGone articles answered 404/410 repeatedly; their versions are kept.
	StateGone ArticleState = "gone"
)

// Hold is what a person decided about an article, kept apart from the
// State its checks give it: resuming a paused article brings back the
// state it had.
type Hold string

const (
	// HoldNone articles are tracked as their State says.
	HoldNone Hold = ""
	// HoldPaused articles are not checked until they are resumed.
	HoldPaused Hold = "paused"
	// HoldRemoved articles are no longer tracked; their versions are kept.
	HoldRemoved Hold = "removed"
)

// SourceKind says how a source lists articles.
type SourceKind string

const (
	SourceFeed    SourceKind = "feed"    // RSS, Atom, RDF or JSON Feed
	SourceSitemap SourceKind = "sitemap" // sitemap, sitemap index or news sitemap
	SourceArticle SourceKind = "article" // a single article URL added by hand
)

// Outcome is what one check of an article found.
type Outcome string

const (
	OutcomeNewVersion  Outcome = "new_version"
	OutcomeUnchanged   Outcome = "unchanged"    // fetched, same normalised content
	OutcomeSameBytes   Outcome = "same_bytes"   // identical response body, extraction skipped
	OutcomeNotModified Outcome = "not_modified" // HTTP 304
	OutcomeFlipFlop    Outcome = "flip_flop"    // content equals an older version, not the latest
	OutcomeGone        Outcome = "gone"         // HTTP 404 or 410
	OutcomeError       Outcome = "error"
	// OutcomeConfirming: the text differed from the latest version; a
	// second fetch is queued before anything is recorded.
	OutcomeConfirming Outcome = "confirming"
	// OutcomeChurn: the confirmation showed the difference was volatile
	// page furniture, not an edit; no version.
	OutcomeChurn Outcome = "churn"
	// OutcomeLargeLoss: the page lost most of its text; recorded as a
	// version only once it is served so for several checks in a row.
	OutcomeLargeLoss Outcome = "large_loss"
	// OutcomeLargeChange: the text changed by more than a fifth; recorded
	// as a version only once the next check serves the same text.
	OutcomeLargeChange Outcome = "large_change"
	// OutcomeNumbersOnly: only numbers in short blocks changed (a counter);
	// recorded as a version only once the next check serves the same.
	OutcomeNumbersOnly Outcome = "numbers_only"
)

// outcomeWords say what each outcome means to a reader.
var outcomeWords = map[Outcome]string{
	OutcomeNewVersion:  "new version",
	OutcomeUnchanged:   "unchanged",
	OutcomeSameBytes:   "unchanged (identical page)",
	OutcomeNotModified: "not modified (HTTP 304)",
	OutcomeFlipFlop:    "an earlier version served again (cache flip-flop); not recorded",
	OutcomeGone:        "gone (HTTP 404 or 410)",
	OutcomeError:       "error",
	OutcomeConfirming:  "differed; confirming with a second fetch",
	OutcomeChurn:       "change refused: a second fetch showed only page furniture changing",
	OutcomeLargeLoss:   "most of the text missing; recorded only if served so again",
	OutcomeLargeChange: "much of the text changed; recorded only if served so again",
	OutcomeNumbersOnly: "only numbers in short lines changed; recorded only if served so again",
}

// Describe says what the outcome means in words.
func (o Outcome) Describe() string {
	if w, ok := outcomeWords[o]; ok {
		return w
	}
	return string(o)
}

// Block is one paragraph of an extraction with the structural place it
// came from in the page ("div.story>aside.promo>p"; "" when unknown), so
// that volatile and template furniture can be recognised by position as
// well as by wording.
type Block struct {
	Text string `json:"text"`
	Path string `json:"path,omitempty"`
}

// Rules are declarative per-outlet extraction fixes: CSS selectors whose
// matches are kept as the body (Keep) or removed before extraction (Drop).
type Rules struct {
	Keep []string `json:"keep,omitempty"`
	Drop []string `json:"drop,omitempty"`
}

// Outlet is one publication.
type Outlet struct {
	ID    int64
	Name  string
	Host  string
	Rules Rules
	Fetch FetchMode // how its pages are fetched; "" reads as FetchHTTP
	// Short is the latest plain fetch of one of its articles whose text
	// fell far short of what the feed or the page's own metadata
	// promised: a sign the outlet needs FetchBrowser.
	Short ShortText
}

// FetchMode is how an outlet's pages are fetched.
type FetchMode string

// Fetch modes.
const (
	FetchHTTP    FetchMode = "http"    // a plain HTTP request (the default)
	FetchBrowser FetchMode = "browser" // loaded in a headless browser, scripts run
)

// ParseFetchMode reads a fetch mode as a person or a form gives it.
func ParseFetchMode(s string) (FetchMode, bool) {
	switch FetchMode(s) {
	case FetchHTTP, FetchBrowser:
		return FetchMode(s), true
	}
	return "", false
}

// Headers errata adds to the capture of a rendered DOM: that it was
// rendered, and the hash of the capture of the page as served, which is
// kept beside it (and purged with it).
const (
	HeaderRendered      = "X-Errata-Rendered"
	HeaderServedCapture = "X-Errata-Served-Capture"
)

// Browser reports whether the outlet's pages are rendered.
func (o Outlet) Browser() bool { return o.Fetch == FetchBrowser }

// ShortText is a plain fetch that yielded far fewer words than promised.
type ShortText struct {
	Count    int       // such fetches seen since the outlet's mode last changed
	URL      string    // the latest one's article
	Words    int       // words the plain fetch yielded
	Promised int       // words the feed entry or the page's articleBody held
	At       time.Time // when
}

// SuggestBrowser reports whether the outlet page should suggest the
// browser mode: plain fetches fell short and the outlet is not rendered.
func (o Outlet) SuggestBrowser() bool { return o.Short.Count > 0 && !o.Browser() }

// Source is where articles are discovered.
type Source struct {
	ID           int64
	OutletID     int64
	URL          string
	Kind         SourceKind
	ETag         string
	LastModified string
	LastPolled   time.Time
	NextPoll     time.Time
	Errors       int // consecutive failed polls
	CreatedAt    time.Time
	Paused       bool   // set by hand: not polled until resumed
	LastError    string // why the latest poll failed; "" after a good one
}

// Source states as lists show them.
const (
	SourceActive  = "active"
	SourcePaused  = "paused"
	SourceFailing = "failing" // its latest poll failed
)

// State says whether the source is polled, and whether its latest poll
// worked.
func (s Source) State() string {
	switch {
	case s.Paused:
		return SourcePaused
	case s.Errors > 0:
		return SourceFailing
	}
	return SourceActive
}

// Article is one story at one canonical URL.
type Article struct {
	ID          int64
	OutletID    int64
	URL         string // canonical URL
	FirstSeen   time.Time
	Published   time.Time // from the latest extraction; zero if unknown
	LastChecked time.Time
	LastChanged time.Time // time of the latest version
	NextCheck   time.Time
	State       ArticleState
	Errors      int // consecutive error checks
	Gone        int // consecutive 404/410 checks
	// HTTP validators and the hash of the last response body, so an
	// unchanged page costs no extraction.
	ETag         string
	LastModified string
	BodyHash     string
	// Hold is a person's decision (paused, removed); checks never change it.
	Hold Hold
	// SourceID is the source that found the article; 0 when it was added
	// by hand or found before sources were recorded.
	SourceID int64
}

// Tracking is the article's state as lists show it: a person's hold when
// there is one, else the state its checks gave it.
func (a Article) Tracking() string {
	if a.Hold != HoldNone {
		return string(a.Hold)
	}
	return string(a.State)
}

// Version is one distinct extracted state of an article. Append-only.
type Version struct {
	ID        int64
	ArticleID int64
	Seq       int // 0 for the first version
	FetchedAt time.Time
	Title     string
	Byline    string
	Published time.Time
	// Modified is when the page said it was last changed, as it said so
	// (dateModified and the like); zero when it said nothing.
	Modified    time.Time
	Text        string // paragraphs joined by "\n\n"
	Hash        string // hash of the normalised title, byline and text
	CaptureHash string // content address of the raw response behind it
	Extractor   string // extractor version that produced it
	Classes     []string
	Added       int // words added against the previous version
	Removed     int // words removed against the previous version
}

// Capture is the raw HTTP response behind a version. Append-only and
// content-addressed: Hash is the SHA-256 of the decompressed body.
type Capture struct {
	Hash      string
	URL       string
	Status    int
	Header    map[string][]string
	FetchedAt time.Time
	Size      int64  // bytes of the decompressed body
	Body      []byte // the body, packed (see archive); nil when not loaded
	// Base is the hash of the capture Body is a delta against (see
	// archive.PackDelta), "" when Body is packed whole.
	Base string
}

// Check is one visit to an article.
type Check struct {
	ID        int64
	ArticleID int64
	At        time.Time
	Status    int // HTTP status; 0 when no response arrived
	Outcome   Outcome
	Duration  time.Duration
	Hash      string // content hash seen, when extraction ran
	Error     string
}

// Furniture is one thing learned (or told) about an outlet's page
// furniture: a block's place in the page (Kind "path") or its text with
// digits masked (Kind "text"). ArticleID 0 means the whole outlet.
type Furniture struct {
	ID        int64
	OutletID  int64
	ArticleID int64
	Kind      string
	Origin    string // "volatile", "template"
	Key       string
	LearnedAt time.Time
}

// Pending is a fetch whose text differed from the latest version, waiting
// for its confirmation fetch.
type Pending struct {
	ArticleID int64
	FetchedAt time.Time
	Title     string
	Byline    string
	Blocks    []Block
}
