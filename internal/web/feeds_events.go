package web

import (
	"bytes"
	"context"
	"html/template"
	"strconv"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// Lifecycle events are feed entries beside the changes. How the filters
// combine: ?class= alone gives only changes of those classes; ?event=
// alone only events of those kinds; both give both; neither gives every
// event and the changes the scope shows by default. ?minor= and ?outlet=
// apply to what is shown.
type feedParts struct {
	Changes bool
	Events  bool
	Kinds   []model.EventKind // nil: every kind
}

// feedPartsOf reads which parts a feed request asks for.
func feedPartsOf(hasClass bool, kinds []model.EventKind) feedParts {
	switch {
	case hasClass && len(kinds) == 0:
		return feedParts{Changes: true}
	case !hasClass && len(kinds) > 0:
		return feedParts{Events: true, Kinds: kinds}
	}
	return feedParts{Changes: true, Events: true, Kinds: kinds}
}

// eventContent is an event entry's content: what happened, in errata's
// own markup, every piece of text from an outlet escaped.
var eventContent = template.Must(template.New("event").Parse(
	`<p>{{.Outlet}}: <a href="{{.EventURL}}">{{.Words}}</a>{{if .Status}} (HTTP {{.Status}}){{end}}.</p>
{{if .Moved}}<p>From <code>{{.OldURL}}</code> to <code>{{.NewURL}}</code>.</p>
{{end}}{{with .VersionURL}}<p><a href="{{.}}">The version served again</a>.</p>
{{end}}<p>Article: {{with .ArticleURL}}<a href="{{.}}">{{$.Title}}</a>{{else}}{{.Title}}{{end}}</p>
`))

type eventData struct {
	Outlet, Words, Title, ArticleURL, EventURL, VersionURL, OldURL, NewURL string
	Status                                                                 int
	Moved                                                                  bool
}

func eventEntryID(in store.Instance, eventID int64) string {
	return tagPrefix(in) + "event:" + strconv.FormatInt(eventID, 10)
}

// eventName is an event kind as a heading says it.
func eventName(k model.EventKind) string {
	switch k {
	case model.EventGone:
		return "Gone"
	case model.EventBack:
		return "Back"
	case model.EventMoved:
		return "Moved"
	case model.EventFlipFlop:
		return "Flip-flop"
	}
	return string(k)
}

func eventTitle(e store.EventEntry) string {
	title := e.Title
	if title == "" {
		title = e.ArticleURL
	}
	return eventName(e.Kind) + ": " + title
}

// eventEntry renders one lifecycle event as a feed entry; base makes
// links absolute.
func eventEntry(in store.Instance, base string, e store.EventEntry) (feedEntry, error) {
	d := eventData{
		Outlet: e.OutletName, Words: e.Describe(), Title: e.Title, ArticleURL: safeLink(e.ArticleURL),
		EventURL: base + eventPath(e.ArticleID, e.ID), OldURL: e.OldURL, NewURL: e.NewURL,
		Status: e.Status, Moved: e.Kind == model.EventMoved,
	}
	if d.Title == "" {
		d.Title = e.ArticleURL
	}
	if e.Kind == model.EventFlipFlop && e.Seq >= 0 {
		d.VersionURL = base + versionPath(e.ArticleID, e.Seq)
	}
	var b bytes.Buffer
	if err := eventContent.Execute(&b, d); err != nil {
		return feedEntry{}, err
	}
	return feedEntry{
		ID: eventEntryID(in, e.ID), Title: eventTitle(e), Link: d.EventURL,
		Summary: e.OutletName + ": " + e.Describe() + ".", Content: b.String(), Author: e.OutletName,
		Updated: e.At, Classes: []string{"event", string(e.Kind)},
	}, nil
}

// eventEntries lists a feed's event entries, newest first.
func (s *Server) eventEntries(ctx context.Context, in store.Instance, base string, sc feedScope) ([]feedEntry, error) {
	if !sc.Parts.Events {
		return nil, nil
	}
	es, err := s.cfg.Store.Events(ctx, store.EventQuery{Kinds: sc.Parts.Kinds, OutletID: sc.Query.OutletID,
		ArticleID: sc.Query.ArticleID, Limit: feedSize})
	if err != nil {
		return nil, err
	}
	out := make([]feedEntry, 0, len(es))
	for _, e := range es {
		fe, err := eventEntry(in, base, e)
		if err != nil {
			return nil, err
		}
		out = append(out, fe)
	}
	return out, nil
}

// mergeEntries merges two newest-first lists into one of at most n.
func mergeEntries(a, b []feedEntry, n int) []feedEntry {
	out := make([]feedEntry, 0, min(len(a)+len(b), n))
	for len(out) < n && (len(a) > 0 || len(b) > 0) {
		if len(b) == 0 || (len(a) > 0 && !a[0].Updated.Before(b[0].Updated)) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}
