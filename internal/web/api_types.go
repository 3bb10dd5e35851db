package web

import (
	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// The JSON API's shapes. Field names are a contract (README documents
// them); times are RFC 3339 strings, empty when unknown.

type apiChange struct {
	ArticleID     int64    `json:"article_id"`
	ArticleURL    string   `json:"article_url"`
	Outlet        string   `json:"outlet"`
	Seq           int      `json:"seq"`
	At            string   `json:"at"`
	Title         string   `json:"title"`
	PreviousTitle string   `json:"previous_title"`
	Classes       []string `json:"classes"`
	Added         int      `json:"added"`
	Removed       int      `json:"removed"`
	DiffURL       string   `json:"diff_url"`
	APIDiffURL    string   `json:"api_diff_url"`
}

type apiChangeList struct {
	Changes    []apiChange `json:"changes"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

func toAPIChange(c store.Change) apiChange {
	classes := c.Classes
	if classes == nil {
		classes = []string{}
	}
	return apiChange{
		ArticleID: c.ArticleID, ArticleURL: c.ArticleURL, Outlet: c.OutletName, Seq: c.Seq,
		At: isoDate(c.At), Title: c.Title, PreviousTitle: c.PrevTitle, Classes: classes,
		Added: c.Added, Removed: c.Removed, DiffURL: diffPath(c.ArticleID, c.Seq-1, c.Seq),
		APIDiffURL: apiDiffPath(c.ArticleID, c.Seq-1, c.Seq),
	}
}

type apiOutlet struct {
	Name        string   `json:"name"`
	Host        string   `json:"host"`
	Articles    int      `json:"articles"`
	Changes     int      `json:"changes"`
	LastChanged string   `json:"last_changed"`
	URL         string   `json:"url"`
	Rules       apiRules `json:"rules"`
	Fetch       string   `json:"fetch"` // "http" or "browser"
	// ShortText, when set, is why the outlet page suggests the browser
	// mode: plain fetches yielded far less text than promised.
	ShortText *apiShortText `json:"short_text"`
}

type apiShortText struct {
	Fetches  int    `json:"fetches"`
	URL      string `json:"url"`
	Words    int    `json:"words"`
	Promised int    `json:"promised"`
	At       string `json:"at"`
}

func toAPIShortText(o model.Outlet) *apiShortText {
	if !o.SuggestBrowser() {
		return nil
	}
	return &apiShortText{Fetches: o.Short.Count, URL: o.Short.URL, Words: o.Short.Words,
		Promised: o.Short.Promised, At: isoDate(o.Short.At)}
}

func fetchMode(o model.Outlet) string {
	if o.Fetch == "" {
		return string(model.FetchHTTP)
	}
	return string(o.Fetch)
}

// apiOutletDetail is one outlet with what errata learned to ignore on
// its pages.
type apiOutletDetail struct {
	apiOutlet
	Furniture apiFurniture `json:"furniture"`
}

type apiFurniture struct {
	Revision int64          `json:"revision"`
	Articles int            `json:"articles"` // items learned for single articles
	Outlet   []apiLearnedAt `json:"outlet"`   // items for every article
}

type apiLearnedAt struct {
	Kind      string `json:"kind"`   // "path" or "text" (digits masked as #)
	Origin    string `json:"origin"` // "volatile" or "template"
	Key       string `json:"key"`
	LearnedAt string `json:"learned_at"`
}

func toAPIFurniture(l learnedFurniture) apiFurniture {
	out := apiFurniture{Revision: l.Revision, Articles: l.Articles, Outlet: make([]apiLearnedAt, len(l.Outlet))}
	for i, f := range l.Outlet {
		out.Outlet[i] = apiLearnedAt{Kind: f.Kind, Origin: f.Origin, Key: f.Key, LearnedAt: isoDate(f.LearnedAt)}
	}
	return out
}

// apiRules are an outlet's extraction rules; both lists are always
// present, empty when there are none.
type apiRules struct {
	Keep []string `json:"keep"`
	Drop []string `json:"drop"`
}

func toAPIRules(r model.Rules) apiRules {
	out := apiRules{Keep: r.Keep, Drop: r.Drop}
	if out.Keep == nil {
		out.Keep = []string{}
	}
	if out.Drop == nil {
		out.Drop = []string{}
	}
	return out
}

type apiOutletList struct {
	Outlets    []apiOutlet `json:"outlets"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

func toAPIOutlet(o store.OutletSummary) apiOutlet {
	return apiOutlet{Name: o.Name, Host: o.Host, Articles: o.Articles, Changes: o.Changes,
		LastChanged: isoDate(o.LastChanged), URL: outletPath(o.Name), Rules: toAPIRules(o.Rules),
		Fetch: fetchMode(o.Outlet), ShortText: toAPIShortText(o.Outlet)}
}

type apiArticle struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	State     string `json:"state"`
	FirstSeen string `json:"first_seen"`
	Published string `json:"published"`
	Versions  int    `json:"versions"`
	Changes   int    `json:"changes"`
	APIURL    string `json:"api_url"`
}

type apiArticleList struct {
	Articles   []apiArticle `json:"articles"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

func toAPIArticle(a store.ArticleSummary) apiArticle {
	return apiArticle{
		ID: a.ID, URL: a.URL, Outlet: a.OutletName, Title: a.Title, State: a.Tracking(),
		FirstSeen: isoDate(a.FirstSeen), Published: isoDate(a.Published), Versions: a.Versions,
		Changes: max(a.Versions-1, 0), APIURL: apiArticlePath(a.ID),
	}
}

type apiArticleDetail struct {
	apiArticle
	LastChanged string       `json:"last_changed"`
	Status      string       `json:"status"`
	VersionList []apiVersion `json:"version_list"`
	Events      []apiEvent   `json:"events"` // lifecycle events, oldest first
	Checks      apiChecks    `json:"checks"`
}

// apiChecks tells how an article's checks went; refused differences
// (churn, flip-flop, large loss) are outcomes of their own.
type apiChecks struct {
	Total    int            `json:"total"`
	Outcomes map[string]int `json:"outcomes"`
	Recent   []apiCheck     `json:"recent"` // newest first
}

type apiCheck struct {
	At          string `json:"at"`
	Status      int    `json:"status"`
	Outcome     string `json:"outcome"`
	Description string `json:"description"`
	Error       string `json:"error,omitempty"`
}

func toAPIChecks(c checkSummary) apiChecks {
	out := apiChecks{Total: c.Total, Outcomes: map[string]int{}, Recent: make([]apiCheck, len(c.Recent))}
	for o, n := range c.Outcomes {
		out.Outcomes[string(o)] = n
	}
	for i, k := range c.Recent {
		out.Recent[i] = apiCheck{At: isoDate(k.At), Status: k.Status, Outcome: string(k.Outcome),
			Description: k.Outcome.Describe(), Error: k.Error}
	}
	return out
}

type apiVersion struct {
	Seq       int      `json:"seq"`
	FetchedAt string   `json:"fetched_at"`
	Title     string   `json:"title"`
	Byline    string   `json:"byline"`
	Published string   `json:"published"`
	Hash      string   `json:"hash"`
	Classes   []string `json:"classes"`
	Added     int      `json:"added"`
	Removed   int      `json:"removed"`
	Text      *string  `json:"text,omitempty"`
}

type apiVersionList struct {
	Versions   []apiVersion `json:"versions"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

func toAPIVersion(v model.Version, withText bool) apiVersion {
	out := apiVersion{
		Seq: v.Seq, FetchedAt: isoDate(v.FetchedAt), Title: v.Title, Byline: v.Byline,
		Published: isoDate(v.Published), Hash: v.Hash, Classes: v.Classes, Added: v.Added, Removed: v.Removed,
	}
	if out.Classes == nil {
		out.Classes = []string{}
	}
	if withText {
		out.Text = &v.Text
	}
	return out
}

type apiSegment struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

type apiRow struct {
	Left  []apiSegment `json:"left"`
	Right []apiSegment `json:"right"`
	Moved *apiMove     `json:"moved,omitempty"` // set on the row of a moved paragraph, at its new place
}

// apiMove is a paragraph moved: its indexes, from 0, among the paragraphs
// of the old and of the new text.
type apiMove struct {
	From int `json:"from"`
	To   int `json:"to"`
}

// apiSentenceEdit is one sentence edit; old and new index the sentences
// of the old and the new text, null when the sentence is absent there.
type apiSentenceEdit struct {
	Action  string `json:"action"` // added, deleted, edited or moved
	Old     *int   `json:"old"`
	New     *int   `json:"new"`
	OldText string `json:"old_text"`
	NewText string `json:"new_text"`
}

type apiEditCounts struct {
	Added   int `json:"added"`
	Deleted int `json:"deleted"`
	Edited  int `json:"edited"`
	Moved   int `json:"moved"`
}

func toAPISentenceEdit(e diff.SentenceEdit) apiSentenceEdit {
	index := func(i int) *int {
		if i < 0 {
			return nil
		}
		return &i
	}
	return apiSentenceEdit{Action: string(e.Action), Old: index(e.Old), New: index(e.New), OldText: e.OldText, NewText: e.NewText}
}

type apiDiff struct {
	ArticleID int64        `json:"article_id"`
	Old       apiVersion   `json:"old"`
	New       apiVersion   `json:"new"`
	Title     []apiSegment `json:"title"`
	Byline    []apiSegment `json:"byline"`
	Rows      []apiRow     `json:"rows"`
	// MovedParagraphs lists the moved rows' moves, in the order of rows.
	MovedParagraphs []apiMove `json:"moved_paragraphs"`
	// SentenceEdits stop at maxListedEdits; the counts cover them all and
	// MoreSentenceEdits says how many were left out.
	SentenceEdits      []apiSentenceEdit `json:"sentence_edits"`
	SentenceEditCounts apiEditCounts     `json:"sentence_edit_counts"`
	MoreSentenceEdits  int               `json:"more_sentence_edits,omitempty"`
	// Truncated is set when rows stop at the caps of a diff view.
	Truncated *apiTruncation `json:"truncated,omitempty"`
}

type apiTruncation struct {
	MoreChangedParagraphs int    `json:"more_changed_paragraphs"`
	Note                  string `json:"note"`
}

func toAPIDiff(d diffView) apiDiff {
	out := apiDiff{
		ArticleID: d.ArticleID, Old: toAPIVersion(d.Old, false), New: toAPIVersion(d.New, false),
		Title: segmentsJSON(d.Title), Byline: segmentsJSON(d.Byline), Rows: make([]apiRow, len(d.Rows)),
		MovedParagraphs: []apiMove{}, SentenceEdits: make([]apiSentenceEdit, len(d.Edits.Items)),
		SentenceEditCounts: apiEditCounts(d.Edits.Counts), MoreSentenceEdits: d.Edits.More,
	}
	for i, r := range d.Rows {
		out.Rows[i] = apiRow{Left: segmentsJSON(r.Left), Right: segmentsJSON(r.Right)}
		if m := r.Move; m != nil {
			out.Rows[i].Moved = &apiMove{From: m.From, To: m.To}
			out.MovedParagraphs = append(out.MovedParagraphs, *out.Rows[i].Moved)
		}
	}
	for i, e := range d.Edits.Items {
		out.SentenceEdits[i] = toAPISentenceEdit(e.SentenceEdit)
	}
	if d.Cut.MoreParagraphs > 0 {
		out.Truncated = &apiTruncation{MoreChangedParagraphs: d.Cut.MoreParagraphs, Note: d.Cut.Note()}
	}
	return out
}

type apiHit struct {
	ArticleID int64  `json:"article_id"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Seq       int    `json:"seq"`        // the newest version that matched
	LatestSeq int    `json:"latest_seq"` // the article's newest version
	// RemovedLater is true when the article's newest version no longer
	// holds the match.
	RemovedLater  bool   `json:"removed_later"`
	Title         string `json:"title"`
	Snippet       string `json:"snippet"`
	VersionURL    string `json:"version_url"`
	APIVersionURL string `json:"api_version_url"`
}

type apiSearchResults struct {
	Query      string   `json:"query"`
	Results    []apiHit `json:"results"`
	NextCursor string   `json:"next_cursor,omitempty"`
}

// apiSource is one source; errata sources --json prints the same names.
type apiSource struct {
	ID        int64  `json:"id"`
	Outlet    string `json:"outlet"`
	Kind      string `json:"kind"`
	URL       string `json:"url"`
	State     string `json:"state"` // active, failing or paused
	LastPoll  string `json:"last_poll"`
	LastError string `json:"last_error"`
	Errors    int    `json:"errors"` // failed polls in a row
	Articles  int    `json:"articles"`
	NextPoll  string `json:"next_poll"` // empty while paused
}

type apiSourceList struct {
	Sources    []apiSource `json:"sources"`
	NextCursor string      `json:"next_cursor,omitempty"`
}

func toAPISource(s store.SourceSummary) apiSource {
	next := isoDate(s.NextPoll)
	if s.Paused {
		next = ""
	}
	return apiSource{ID: s.ID, Outlet: s.OutletName, Kind: string(s.Kind), URL: s.URL, State: s.State(),
		LastPoll: isoDate(s.LastPolled), LastError: s.LastError, Errors: s.Errors, Articles: s.Articles, NextPoll: next}
}

// apiRemoved answers a removal: the source or article, how many articles
// are no longer checked (or were deleted), and what a purge deleted.
type apiRemoved struct {
	Kind     string     `json:"kind"` // feed, sitemap or article
	ID       int64      `json:"id"`
	URL      string     `json:"url"`
	Articles int        `json:"articles"`
	Purged   *apiPurged `json:"purged,omitempty"`
}

type apiPurged struct {
	Articles int `json:"articles"`
	Versions int `json:"versions"`
	Captures int `json:"captures"`
}

func (p *apiPurged) add(q store.Purged) {
	p.Articles += q.Articles
	p.Versions += q.Versions
	p.Captures += q.Captures
}
