package web

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// eventAnchor is the fragment of an event's row in its article's history.
func eventAnchor(id int64) string { return fmt.Sprintf("event-%d", id) }

// eventPath is where an event is shown: its row in the article's history.
func eventPath(articleID, eventID int64) string {
	return articlePath(articleID) + "#" + eventAnchor(eventID)
}

const cursorEvents = "e"

func encodeEventCursor(e store.EventEntry) string {
	raw := fmt.Sprintf("%s.%d.%d", cursorEvents, e.At.UnixNano(), e.ID)
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

func decodeEventCursor(s string) (store.EventCursor, error) {
	if s == "" {
		return store.EventCursor{}, nil
	}
	parts, err := cursorParts(s, cursorEvents, 2)
	if err != nil {
		return store.EventCursor{}, err
	}
	return store.EventCursor{At: time.Unix(0, parts[0]).UTC(), ID: parts[1]}, nil
}

// eventRow is one lifecycle event in an article's history.
type eventRow struct {
	model.Event
	Anchor      string
	Words       string
	VersionPath string // flip-flop: the version served again
	OldLink     string // moved: the URLs, as links only if http(s)
	NewLink     string
}

func toEventRow(articleID int64, e model.Event) eventRow {
	row := eventRow{Event: e, Anchor: eventAnchor(e.ID), Words: e.Describe()}
	if e.Kind == model.EventFlipFlop && e.Seq >= 0 {
		row.VersionPath = versionPath(articleID, e.Seq)
	}
	row.OldLink, row.NewLink = safeLink(e.OldURL), safeLink(e.NewURL)
	return row
}

// historyRow is a version or an event, as the history lists them.
type historyRow struct {
	Version *versionRow
	Event   *eventRow
}

// interleave merges versions and events (both newest first) by time; a
// version and an event of the same instant list the version first, as
// the check that brought an article back recorded it after the event.
func interleave(vs []versionRow, es []eventRow) []historyRow {
	out := make([]historyRow, 0, len(vs)+len(es))
	i, j := 0, 0
	for i < len(vs) || j < len(es) {
		if j == len(es) || (i < len(vs) && !vs[i].FetchedAt.Before(es[j].At)) {
			out = append(out, historyRow{Version: &vs[i]})
			i++
			continue
		}
		out = append(out, historyRow{Event: &es[j]})
		j++
	}
	return out
}

// eventQuery reads ?event=, ?outlet=, ?cursor= and ?limit= of the events
// list.
func (s *Server) eventQuery(r *http.Request) (store.EventQuery, error) {
	var q store.EventQuery
	var err error
	if q.Kinds, err = eventParam(r); err != nil {
		return q, err
	}
	if q.Limit, err = limitParam(r); err != nil {
		return q, err
	}
	if name := r.URL.Query().Get("outlet"); name != "" {
		o, err := s.cfg.Store.OutletByName(r.Context(), name)
		if err != nil {
			return q, notFoundIf(err, "outlet")
		}
		q.OutletID = o.ID
	}
	q.After, err = decodeEventCursor(r.URL.Query().Get("cursor"))
	return q, err
}

type apiEvent struct {
	ID          int64  `json:"id"`
	ArticleID   int64  `json:"article_id"`
	ArticleURL  string `json:"article_url,omitempty"`
	Outlet      string `json:"outlet,omitempty"`
	Title       string `json:"title,omitempty"`
	Event       string `json:"event"`
	At          string `json:"at"`
	Description string `json:"description"`
	Status      int    `json:"status,omitempty"`
	Seq         *int   `json:"seq,omitempty"`
	OldURL      string `json:"old_url,omitempty"`
	NewURL      string `json:"new_url,omitempty"`
	URL         string `json:"url"`
}

type apiEventList struct {
	Events     []apiEvent `json:"events"`
	NextCursor string     `json:"next_cursor,omitempty"`
}

func toAPIEvent(e model.Event) apiEvent {
	out := apiEvent{
		ID: e.ID, ArticleID: e.ArticleID, Event: string(e.Kind), At: isoDate(e.At), Description: e.Describe(),
		Status: e.Status, OldURL: e.OldURL, NewURL: e.NewURL, URL: eventPath(e.ArticleID, e.ID),
	}
	if e.Seq >= 0 {
		seq := e.Seq
		out.Seq = &seq
	}
	return out
}

func toAPIEventEntry(e store.EventEntry) apiEvent {
	out := toAPIEvent(e.Event)
	out.ArticleURL, out.Outlet, out.Title = e.ArticleURL, e.OutletName, e.Title
	return out
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	q, err := s.eventQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	es, err := s.cfg.Store.Events(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiEventList{Events: make([]apiEvent, len(es))}
	for i, e := range es {
		out.Events[i] = toAPIEventEntry(e)
	}
	if len(es) == q.Limit {
		out.NextCursor = encodeEventCursor(es[len(es)-1])
	}
	s.writeJSON(w, r, http.StatusOK, out)
}
