package store

import (
	"context"
	"fmt"

	"github.com/errata/errata/internal/model"
)

// ArticleRecord is what an export writes of an article besides its row.
type ArticleRecord struct {
	Versions []model.Version // oldest first, texts whole
	// Edits holds, by version id, the sentence edits stored with a
	// version from the one before it, packed (read them with
	// VersionEdits); empty where none were stored.
	Edits      map[int64][]byte
	Leaves     map[int64]int64 // log leaf of each version id the log holds
	Outcomes   map[model.Outcome]int
	Events     []model.Event // oldest first
	Story      int64         // 0 when in none
	Wire       int64         // 0 when in none
	WireOrigin bool          // the article is its wire's origin
}

// The statements of ArticleRecords, each over a list of article ids.
const (
	sqlRecordVersions = `SELECT ` + versionCols + `, edits FROM versions WHERE article_id IN (%s) ORDER BY article_id, seq`
	sqlRecordLeaves   = `SELECT l.version_id, l.leaf FROM versions v
		JOIN log_leaves l ON l.version_id = v.id AND l.version_id <> 0
		WHERE v.article_id IN (%s)`
	sqlRecordOutcomes = `SELECT article_id, outcome, count(*) FROM checks WHERE article_id IN (%s)
		GROUP BY article_id, outcome`
	sqlRecordEvents = `SELECT ` + eventCols + ` FROM events e WHERE e.article_id IN (%s) ORDER BY e.article_id, e.at, e.id`
	sqlRecordStory  = `SELECT article_id, story_id FROM story_members WHERE article_id IN (%s)`
	sqlRecordWire   = `SELECT m.article_id, w.id, w.origin_id FROM wire_members m JOIN wires w ON w.id = m.wire_id
		WHERE m.article_id IN (%s)`
)

// ArticleRecords reads the records of articles ids (at most MaxPage) in
// six statements, where reading them one article at a time took six
// each: an export of a page of articles costs a few queries, not
// thousands. An id with no article gets an empty record.
func (s *Store) ArticleRecords(ctx context.Context, ids []int64) (map[int64]*ArticleRecord, error) {
	if len(ids) > MaxPage {
		return nil, fmt.Errorf("store: article records: %d ids, at most %d", len(ids), MaxPage)
	}
	out := make(map[int64]*ArticleRecord, len(ids))
	for _, id := range ids {
		out[id] = &ArticleRecord{Edits: map[int64][]byte{}, Leaves: map[int64]int64{}, Outcomes: map[model.Outcome]int{}}
	}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := paddedMarks(ids)
	each := func(op, query string, scan func(scanner) error) error {
		rows, err := s.query(ctx, fmt.Sprintf(query, in), args...)
		if err != nil {
			return s.wrap(op, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return s.wrap(op, err)
			}
		}
		return s.wrap(op, rows.Err())
	}
	var vrows []versionRow
	var edits [][]byte
	err := each("article records: versions", sqlRecordVersions, func(sc scanner) error {
		var packed []byte
		r, err := scanVersionRow(alsoScan{sc, []any{&packed}})
		if err == nil {
			vrows, edits = append(vrows, r), append(edits, packed)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	vs, err := wholeVersions(ctx, s.queryRow, vrows)
	if err != nil {
		return nil, s.wrap("article records: versions", err)
	}
	articleOf := make(map[int64]int64, len(vs))
	for i, v := range vs {
		r := out[v.ArticleID]
		r.Versions = append(r.Versions, v)
		if len(edits[i]) > 0 {
			r.Edits[v.ID] = edits[i]
		}
		articleOf[v.ID] = v.ArticleID
	}
	steps := []struct {
		op, query string
		scan      func(scanner) error
	}{
		{"article records: log leaves", sqlRecordLeaves, func(sc scanner) error {
			var id, leaf int64
			if err := sc.Scan(&id, &leaf); err != nil {
				return err
			}
			if a, ok := articleOf[id]; ok {
				out[a].Leaves[id] = leaf
			}
			return nil
		}},
		{"article records: check outcomes", sqlRecordOutcomes, func(sc scanner) error {
			var a int64
			var o string
			var n int
			if err := sc.Scan(&a, &o, &n); err != nil {
				return err
			}
			out[a].Outcomes[model.Outcome(o)] = n
			return nil
		}},
		{"article records: events", sqlRecordEvents, func(sc scanner) error {
			var e model.Event
			var at int64
			var kind string
			if err := sc.Scan(&e.ID, &e.ArticleID, &kind, &at, &e.CheckID, &e.Status, &e.Seq, &e.OldURL, &e.NewURL); err != nil {
				return err
			}
			e.Kind, e.At = model.EventKind(kind), fromNanos(at)
			out[e.ArticleID].Events = append(out[e.ArticleID].Events, e)
			return nil
		}},
		{"article records: stories", sqlRecordStory, func(sc scanner) error {
			var a, story int64
			if err := sc.Scan(&a, &story); err != nil {
				return err
			}
			out[a].Story = story
			return nil
		}},
		{"article records: wires", sqlRecordWire, func(sc scanner) error {
			var a, wire, origin int64
			if err := sc.Scan(&a, &wire, &origin); err != nil {
				return err
			}
			out[a].Wire, out[a].WireOrigin = wire, origin == a
			return nil
		}},
	}
	for _, st := range steps {
		if err := each(st.op, st.query, st.scan); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// paddedMarks is the IN list of ids and its arguments, the list padded to
// a power of two by repeating the last id (a repeat matches nothing
// more): the statements of a whole export then take a few shapes, each
// parsed and prepared once instead of once a call.
func paddedMarks(ids []int64) (string, []any) {
	n := 1
	for n < len(ids) {
		n *= 2
	}
	args := int64Args(ids)
	for len(args) < n {
		args = append(args, ids[len(ids)-1])
	}
	return marks(n), args
}

// alsoScan scans a row into the destinations asked for and then into
// more, for a statement that selects some columns after a row's usual
// ones.
type alsoScan struct {
	sc   scanner
	more []any
}

func (a alsoScan) Scan(dest ...any) error { return a.sc.Scan(append(dest, a.more...)...) }
