package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/model"
)

// EventEntry is a lifecycle event with what a list shows of its article.
type EventEntry struct {
	model.Event
	ArticleURL string // the article's URL now
	OutletID   int64
	OutletName string
	Title      string // the article's latest title; "" before its first version
}

// EventCursor is a position in the newest-first list of events: the next
// page starts strictly after it. The zero value is the start.
type EventCursor struct {
	At time.Time
	ID int64
}

// EventQuery filters the list of events; zero fields filter nothing.
type EventQuery struct {
	Kinds     []model.EventKind // only these kinds (at most len(model.EventKinds))
	OutletID  int64
	ArticleID int64
	After     EventCursor
	Limit     int // capped at MaxPage; <= 0 means MaxPage
}

const (
	eventCols      = `e.id, e.article_id, e.kind, e.at, e.check_id, e.status, e.seq, e.old_url, e.new_url`
	sqlInsertEvent = `INSERT INTO events (article_id, kind, at, check_id, status, seq, old_url, new_url)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
	sqlEventByID = `SELECT ` + eventEntryCols + `
	FROM events e JOIN articles a ON a.id = e.article_id JOIN outlets o ON o.id = a.outlet_id
	WHERE e.id = ?`
	sqlPurgeEvents = `DELETE FROM events WHERE article_id = ?`
)

// maxKindFilter is how many kinds one EventQuery may ask for: each is a
// branch of the statement.
const maxKindFilter = 4

// eventEntryCols are the columns of an EventEntry, read from events e,
// articles a and outlets o.
const eventEntryCols = eventCols + `, a.url, a.outlet_id, o.name,
		coalesce((SELECT v.title FROM versions v WHERE v.article_id = a.id ORDER BY v.seq DESC LIMIT 1), '')`

// Events lists lifecycle events newest first, starting after q.After.
func (s *Store) Events(ctx context.Context, q EventQuery) ([]EventEntry, error) {
	if len(q.Kinds) > maxKindFilter {
		return nil, fmt.Errorf("store: events: %d kinds asked for, at most %d", len(q.Kinds), maxKindFilter)
	}
	query, args := eventsSQL(q)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("events", err)
	}
	es, err := collect(rows, scanEventEntry)
	return es, s.wrap("events", err)
}

// eventsSQL builds the statement for q's filters (see changesSQL): an
// article's events come from its index, each asked-for kind is an ordered
// walk of the kind's index, an outlet's events one of outlet_events, and
// otherwise every event is walked by time.
func eventsSQL(q EventQuery) (string, []any) {
	var args sqlArgs
	limit := args.add(pageLimit(q.Limit))
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		kinds[i] = string(k)
	}
	kinds = uniqueStrings(kinds)
	if q.ArticleID == 0 && len(kinds) > 0 {
		return eventsByKind(&args, q, kinds, limit), args
	}
	from, atCol, idCol := "events e", "e.at", "e.id"
	var preds []string
	switch {
	case q.ArticleID != 0:
		preds = append(preds, "e.article_id = "+args.add(q.ArticleID))
		if q.OutletID != 0 {
			preds = append(preds, "a.outlet_id = "+args.add(q.OutletID))
		}
	case q.OutletID != 0:
		from, atCol, idCol = "outlet_events oe CROSS JOIN events e", "oe.at", "oe.event_id"
		preds = append(preds, "oe.outlet_id = "+args.add(q.OutletID), "e.id = oe.event_id")
	}
	if len(kinds) > 0 {
		preds = append(preds, "e.kind IN ("+placeholders(&args, kinds)+")")
	}
	if q.After != (EventCursor{}) {
		preds = append(preds, before(&args, atCol, idCol, nanos(q.After.At), q.After.ID))
	}
	return `SELECT ` + eventEntryCols + `
	FROM ` + from + `
	JOIN articles a ON a.id = e.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE ` + where(preds) + `
	ORDER BY ` + atCol + ` DESC, ` + idCol + ` DESC
	LIMIT ` + limit, args
}

// eventsByKind reads a page of each kind's newest events that pass the
// other filters and keeps the newest of their union.
func eventsByKind(args *sqlArgs, q EventQuery, kinds []string, limit string) string {
	branches := make([]string, len(kinds))
	for i, kind := range kinds {
		from := "events e"
		preds := []string{"e.kind = " + args.add(kind)}
		if q.OutletID != 0 {
			from += " CROSS JOIN articles a"
			preds = append(preds, "a.id = e.article_id", "a.outlet_id = "+args.add(q.OutletID))
		}
		if q.After != (EventCursor{}) {
			preds = append(preds, before(args, "e.at", "e.id", nanos(q.After.At), q.After.ID))
		}
		branches[i] = `SELECT id FROM (SELECT e.id FROM ` + from + `
		WHERE ` + where(preds) + `
		ORDER BY e.at DESC, e.id DESC LIMIT ` + limit + `) AS kind` + strconv.Itoa(i)
	}
	return `SELECT ` + eventEntryCols + `
	FROM events e
	JOIN articles a ON a.id = e.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE e.id IN (` + strings.Join(branches, "\n\t\tUNION ") + `)
	ORDER BY e.at DESC, e.id DESC
	LIMIT ` + limit
}

// ArticleEvents lists an article's events oldest first, at most MaxPage
// of them (the newest when there are more).
func (s *Store) ArticleEvents(ctx context.Context, articleID int64) ([]model.Event, error) {
	es, err := s.Events(ctx, EventQuery{ArticleID: articleID})
	if err != nil {
		return nil, err
	}
	out := make([]model.Event, len(es))
	for i, e := range es {
		out[len(es)-1-i] = e.Event
	}
	return out, nil
}

// EventByID returns one event with its article's summary.
func (s *Store) EventByID(ctx context.Context, id int64) (EventEntry, error) {
	e, err := scanEventEntry(s.queryRow(ctx, sqlEventByID, id))
	return e, s.wrap(fmt.Sprintf("event %d", id), err)
}

// AppendEvent records one event outside a check; checks record theirs
// through CheckRecord.Events, in the check's transaction.
func (s *Store) AppendEvent(ctx context.Context, ev model.Event) (int64, error) {
	var id int64
	err := s.write(ctx, fmt.Sprintf("event of article %d", ev.ArticleID), func(tx *wtx) error {
		var err error
		id, err = insertEvent(ctx, tx, ev)
		return err
	})
	return id, err
}

func insertEvent(ctx context.Context, tx *wtx, ev model.Event) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, sqlInsertEvent, ev.ArticleID, string(ev.Kind), nanos(ev.At), ev.CheckID,
		ev.Status, ev.Seq, ev.OldURL, ev.NewURL).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("insert event: %w", err)
	}
	return id, nil
}

func scanEventEntry(sc scanner) (EventEntry, error) {
	var e EventEntry
	var at int64
	var kind string
	err := sc.Scan(&e.ID, &e.ArticleID, &kind, &at, &e.CheckID, &e.Status, &e.Seq, &e.OldURL, &e.NewURL,
		&e.ArticleURL, &e.OutletID, &e.OutletName, &e.Title)
	if err != nil {
		return e, noRows(err)
	}
	e.Kind, e.At = model.EventKind(kind), fromNanos(at)
	return e, nil
}
