package store

import (
	"context"
	"fmt"
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
	sqlEventByID = `SELECT ` + eventCols + `, a.url, a.outlet_id, o.name,
		coalesce((SELECT v.title FROM versions v WHERE v.article_id = a.id ORDER BY v.seq DESC LIMIT 1), '')
	FROM events e JOIN articles a ON a.id = e.article_id JOIN outlets o ON o.id = a.outlet_id
	WHERE e.id = ?`
	sqlPurgeEvents = `DELETE FROM events WHERE article_id = ?`
)

// maxKindFilter is how many kinds one EventQuery may ask for: the
// statement has a slot for each, so its text stays constant.
const maxKindFilter = 4

// sqlEvents writes its optional filters as "? = 0 OR ..." so the text is
// constant and can be prepared once; an empty kind slot matches nothing.
var sqlEvents = `SELECT ` + eventCols + `, a.url, a.outlet_id, o.name,
		coalesce((SELECT v.title FROM versions v WHERE v.article_id = a.id ORDER BY v.seq DESC LIMIT 1), '')
	FROM events e
	JOIN articles a ON a.id = e.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE (?1 = 0 OR a.outlet_id = ?1)
	  AND (?2 = 0 OR e.article_id = ?2)
	  AND (?3 = 0 OR e.kind IN (?8, ?9, ?10, ?11))
	  AND (?4 = 0 OR e.at < ?5 OR (e.at = ?5 AND e.id < ?6))
	ORDER BY e.at DESC, e.id DESC
	LIMIT ?7`

// Events lists lifecycle events newest first, starting after q.After.
func (s *Store) Events(ctx context.Context, q EventQuery) ([]EventEntry, error) {
	if len(q.Kinds) > maxKindFilter {
		return nil, fmt.Errorf("store: events: %d kinds asked for, at most %d", len(q.Kinds), maxKindFilter)
	}
	started := 0
	if q.After != (EventCursor{}) {
		started = 1
	}
	args := []any{q.OutletID, q.ArticleID, len(q.Kinds), started, nanos(q.After.At), q.After.ID, pageLimit(q.Limit)}
	for i := range maxKindFilter {
		k := ""
		if i < len(q.Kinds) {
			k = string(q.Kinds[i])
		}
		args = append(args, k)
	}
	rows, err := s.query(ctx, sqlEvents, args...)
	if err != nil {
		return nil, s.wrap("events", err)
	}
	es, err := collect(rows, scanEventEntry)
	return es, s.wrap("events", err)
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
