package notify

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/errata/errata/internal/model"
)

// EventNames are the names a subscription's event filter accepts:
// changes, and each kind of lifecycle event. Immutable table.
var EventNames = func() []string {
	out := []string{EventChange}
	for _, k := range model.EventKinds {
		out = append(out, string(k))
	}
	return out
}()

// Lifecycle is what an event's payload is built from.
type Lifecycle struct {
	Outlet     string
	ArticleURL string
	Title      string // the article's latest title; "" before its first version
	Event      model.Event
	// BaseURL, when known, makes EventURL (and a flip-flop's version) an
	// absolute link to errata's pages.
	BaseURL string
}

// BuildEvent makes the payload of one lifecycle event. It is pure.
func BuildEvent(l Lifecycle) (Payload, error) {
	e := l.Event
	p := Payload{
		Event: string(e.Kind), Outlet: l.Outlet, ArticleID: e.ArticleID, ArticleURL: l.ArticleURL,
		Title: l.Title, EventID: e.ID, At: e.At, Classes: []string{}, Status: e.Status,
		OldURL: e.OldURL, NewURL: e.NewURL, Description: e.Describe(),
	}
	if p.Title == "" {
		p.Title = l.ArticleURL
	}
	base := strings.TrimRight(l.BaseURL, "/")
	if base != "" {
		p.EventURL = fmt.Sprintf("%s/articles/%d#event-%d", base, e.ArticleID, e.ID)
	}
	if e.Kind == model.EventFlipFlop && e.Seq >= 0 {
		seq := e.Seq
		p.ServedSeq = &seq
		if base != "" {
			p.VersionURL = fmt.Sprintf("%s/articles/%d/v/%d", base, e.ArticleID, e.Seq)
		}
	}
	p.Text = eventText(p)
	var b bytes.Buffer
	if err := eventHTML.Execute(&b, p); err != nil {
		return Payload{}, fmt.Errorf("notify: render event of %s: %w", l.ArticleURL, err)
	}
	p.HTML = b.String()
	return p, nil
}

// eventText is an event for channels without markup.
func eventText(p Payload) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %q %s\n%s\n", p.Outlet, p.Title, p.Description, p.ArticleURL)
	if p.OldURL != "" || p.NewURL != "" {
		fmt.Fprintf(&b, "\nFrom: %s\nTo:   %s\n", p.OldURL, p.NewURL)
	}
	if p.VersionURL != "" {
		fmt.Fprintf(&b, "\nVersion served again: %s\n", p.VersionURL)
	}
	if p.EventURL != "" {
		fmt.Fprintf(&b, "\nHistory: %s\n", p.EventURL)
	}
	return b.String()
}

// eventHTML is an event as HTML: errata's markup, every text from the
// outlet escaped, unsafe link schemes refused by html/template.
var eventHTML = template.Must(template.New("event").Parse(
	`<p>{{.Outlet}}: <a href="{{.ArticleURL}}">{{.Title}}</a> — {{.Description}}{{if .Status}} (HTTP {{.Status}}){{end}}.</p>
{{if or .OldURL .NewURL}}<p>From <code>{{.OldURL}}</code> to <code>{{.NewURL}}</code>.</p>
{{end}}{{with .VersionURL}}<p><a href="{{.}}">The version served again</a>.</p>
{{end}}{{with .EventURL}}<p><a href="{{.}}">See it in the article’s history</a>.</p>
{{end}}`))
