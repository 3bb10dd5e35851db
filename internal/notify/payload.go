package notify

import (
	"fmt"
	"strings"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// Payload is one change, or one lifecycle event, as every channel sends
// it; webhooks send it as JSON. Event says which ("change", or an event
// kind: gone, back, moved, flip_flop). Texts are the outlet's, unescaped,
// except HTML, which is errata's markup around escaped text. The diff
// fields are a change's; EventID to VersionURL are an event's.
type Payload struct {
	Event      string    `json:"event"`
	Outlet     string    `json:"outlet"`
	ArticleID  int64     `json:"article_id"`
	ArticleURL string    `json:"article_url"`
	Title      string    `json:"title"`
	OldTitle   string    `json:"old_title,omitempty"`
	NewTitle   string    `json:"new_title,omitempty"`
	OldByline  string    `json:"old_byline,omitempty"`
	NewByline  string    `json:"new_byline,omitempty"`
	VersionID  int64     `json:"version_id"`
	Seq        int       `json:"seq"`
	At         time.Time `json:"at"`
	Classes    []string  `json:"classes"`
	Added      int       `json:"added"`
	Removed    int       `json:"removed"`
	Paragraphs []Para    `json:"paragraphs"`
	Text       string    `json:"text"` // the change as plain text
	HTML       string    `json:"html"` // the change as escaped HTML
	DiffURL    string    `json:"diff_url,omitempty"`
	CardURL    string    `json:"card_url,omitempty"` // the change as a PNG image
	Cut        string    `json:"cut,omitempty"`      // why the diff stops short, when it does

	EventID     int64  `json:"event_id,omitempty"`
	Description string `json:"description,omitempty"` // what happened, in words
	Status      int    `json:"status,omitempty"`      // the HTTP status behind the event
	OldURL      string `json:"old_url,omitempty"`     // moved: the article's URL before
	NewURL      string `json:"new_url,omitempty"`     // moved: its URL now
	ServedSeq   *int   `json:"served_seq,omitempty"`  // flip_flop: the version served again
	EventURL    string `json:"event_url,omitempty"`   // the event in the article's history
	VersionURL  string `json:"version_url,omitempty"` // flip_flop: the version served again

	change Change // what the payload was built from, for the email's card
}

// Para is one changed paragraph, before and after; one side is empty for
// a paragraph added or removed whole.
type Para struct {
	Old string `json:"old"`
	New string `json:"new"`
}

// Change is what a payload is built from: a recorded version and the one
// before it.
type Change struct {
	Outlet     string
	ArticleURL string
	Old, New   model.Version
	// BaseURL, when known, makes DiffURL an absolute link to errata's
	// diff page.
	BaseURL string
}

// Build makes the payload of one change. It is pure: the diff is
// computed here from the two versions' texts.
func Build(c Change) (Payload, error) {
	p := Payload{
		Event: EventChange, Outlet: c.Outlet, ArticleID: c.New.ArticleID, ArticleURL: c.ArticleURL,
		Title: c.New.Title, VersionID: c.New.ID, Seq: c.New.Seq, At: c.New.FetchedAt,
		Classes: c.New.Classes, Added: c.New.Added, Removed: c.New.Removed, change: c,
	}
	if p.Classes == nil {
		p.Classes = []string{}
	}
	if c.Old.Title != c.New.Title {
		p.OldTitle, p.NewTitle = c.Old.Title, c.New.Title
	}
	if c.Old.Byline != c.New.Byline {
		p.OldByline, p.NewByline = c.Old.Byline, c.New.Byline
	}
	if c.BaseURL != "" {
		p.DiffURL = fmt.Sprintf("%s/articles/%d/diff/%d/%d", strings.TrimRight(c.BaseURL, "/"), c.New.ArticleID, c.Old.Seq, c.New.Seq)
		p.CardURL = p.DiffURL + ".png"
	}
	d := diffOf(c.Old, c.New)
	p.Cut = d.cut.Note()
	for _, para := range d.paras {
		if diff.HasChanges(para) {
			p.Paragraphs = append(p.Paragraphs, Para{Old: diff.Side(para, diff.Delete), New: diff.Side(para, diff.Insert)})
		}
	}
	p.Text = plainText(p)
	html, err := renderHTML(p, d)
	if err != nil {
		return Payload{}, fmt.Errorf("notify: render change of %s: %w", c.ArticleURL, err)
	}
	p.HTML = html
	return p, nil
}

// changeDiff is the word diff of a change, cut into paragraphs and
// bounded as the diff pages bound it.
type changeDiff struct {
	title, byline []diff.Segment
	paras         [][]diff.Segment
	cut           diff.Truncation
}

func diffOf(old, nv model.Version) changeDiff {
	var d changeDiff
	if old.Title != nv.Title {
		d.title = diff.Words(old.Title, nv.Title)
	}
	if old.Byline != nv.Byline {
		d.byline = diff.Words(old.Byline, nv.Byline)
	}
	d.paras, d.cut = diff.LimitParagraphs(diff.Paragraphs(diff.Words(old.Text, nv.Text)))
	return d
}

// plainText is the change for channels without markup: headline and
// byline before and after, then each changed paragraph as "-" and "+"
// lines.
func plainText(p Payload) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s changed %q (%s, +%d/-%d words)\n%s\n", p.Outlet, p.Title, strings.Join(p.Classes, ", "), p.Added, p.Removed, p.ArticleURL)
	if p.OldTitle != "" || p.NewTitle != "" {
		fmt.Fprintf(&b, "\nHeadline:\n- %s\n+ %s\n", p.OldTitle, p.NewTitle)
	}
	if p.OldByline != "" || p.NewByline != "" {
		fmt.Fprintf(&b, "\nByline:\n- %s\n+ %s\n", p.OldByline, p.NewByline)
	}
	for _, para := range p.Paragraphs {
		b.WriteString("\n")
		if para.Old != "" {
			fmt.Fprintf(&b, "- %s\n", para.Old)
		}
		if para.New != "" {
			fmt.Fprintf(&b, "+ %s\n", para.New)
		}
	}
	if p.Cut != "" {
		fmt.Fprintf(&b, "\n%s\n", p.Cut)
	}
	if p.DiffURL != "" {
		fmt.Fprintf(&b, "\nDiff: %s\n", p.DiffURL)
	}
	return b.String()
}
