package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// MaxPage caps every listing query, whatever the caller asks for, so one
// request can never read the whole database.
const MaxPage = 500

// Change is one new version (seq >= 1) seen as an event: what changed in
// which article of which outlet, and when. Texts are not loaded.
type Change struct {
	VersionID  int64
	ArticleID  int64
	ArticleURL string
	OutletID   int64
	OutletName string
	Seq        int
	At         time.Time // when the new version was fetched
	Title      string    // the article's title in this version
	PrevTitle  string    // its title in the version before
	Classes    []string
	Added      int
	Removed    int
}

// ChangeCursor is a position in the newest-first list of changes: the
// next page starts strictly after it. The zero value is the start.
type ChangeCursor struct {
	At        time.Time
	VersionID int64
}

// ChangeQuery filters the list of changes; zero fields filter nothing.
type ChangeQuery struct {
	OutletID  int64
	ArticleID int64
	StoryID   int64    // only changes to the story's articles
	Classes   []string // only changes with one of these classes (at most MaxClassFilter)
	HideMinor bool     // leave out changes classed only "minor"
	After     ChangeCursor
	Limit     int // capped at MaxPage; <= 0 means MaxPage
}

// MaxClassFilter is how many classes one ChangeQuery may ask for: the
// statement has a slot for each, so its text stays constant.
const MaxClassFilter = 8

// The optional filters are written as "? = 0 OR ..." so the statement text
// is constant and can be prepared once. Classes are a comma-separated
// column, hence the commas around both sides of the class test; an empty
// class slot matches nothing. Minor is only ever reported alone, so "hide
// minor" is an equality test.
var sqlChanges = `SELECT v.id, v.article_id, a.url, a.outlet_id, o.name, v.seq, v.fetched_at, v.title,
		coalesce((SELECT p.title FROM versions p WHERE p.article_id = v.article_id AND p.seq = v.seq - 1), ''),
		v.classes, v.added, v.removed
	FROM versions v
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE v.seq > 0
	  AND (?1 = 0 OR a.outlet_id = ?1)
	  AND (?2 = 0 OR v.article_id = ?2)
	  AND (?3 = 0` + classSlots(9, MaxClassFilter) + `)
	  AND (?4 = 0 OR v.classes <> 'minor')
	  AND (?5 = 0 OR v.fetched_at < ?6 OR (v.fetched_at = ?6 AND v.id < ?7))
	  AND (` + storySlot + ` = 0 OR v.article_id IN (SELECT article_id FROM story_members WHERE story_id = ` + storySlot + `))
	ORDER BY v.fetched_at DESC, v.id DESC
	LIMIT ?8`

// storySlot is the story filter's argument, after the class slots.
var storySlot = fmt.Sprintf("?%d", 9+MaxClassFilter)

// Changes lists changes newest first, starting after q.After.
func (s *Store) Changes(ctx context.Context, q ChangeQuery) ([]Change, error) {
	hide := 0
	if q.HideMinor {
		hide = 1
	}
	started := 0
	if q.After != (ChangeCursor{}) {
		started = 1
	}
	if len(q.Classes) > MaxClassFilter {
		return nil, fmt.Errorf("store: changes: %d classes asked for, at most %d", len(q.Classes), MaxClassFilter)
	}
	args := []any{q.OutletID, q.ArticleID, len(q.Classes), hide, started,
		nanos(q.After.At), q.After.VersionID, pageLimit(q.Limit)}
	for i := range MaxClassFilter {
		c := ""
		if i < len(q.Classes) {
			c = q.Classes[i]
		}
		args = append(args, c)
	}
	args = append(args, q.StoryID)
	rows, err := s.query(ctx, sqlChanges, args...)
	if err != nil {
		return nil, s.wrap("changes", err)
	}
	cs, err := collect(rows, scanChange)
	return cs, s.wrap("changes", err)
}

func scanChange(sc scanner) (Change, error) {
	var c Change
	var at int64
	var classes string
	err := sc.Scan(&c.VersionID, &c.ArticleID, &c.ArticleURL, &c.OutletID, &c.OutletName, &c.Seq, &at,
		&c.Title, &c.PrevTitle, &classes, &c.Added, &c.Removed)
	if err != nil {
		return c, fmt.Errorf("scan change: %w", err)
	}
	c.At, c.Classes = fromNanos(at), splitClasses(classes)
	return c, nil
}

// classSlots writes n class tests on the numbered arguments from first
// on, each one "OR" clause.
func classSlots(first, n int) string {
	var b strings.Builder
	for i := first; i < first+n; i++ {
		fmt.Fprintf(&b, "\n\t\t  OR (?%d <> '' AND ',' || v.classes || ',' LIKE '%%,' || ?%d || ',%%')", i, i)
	}
	return b.String()
}

// pageLimit applies MaxPage.
func pageLimit(n int) int {
	if n <= 0 || n > MaxPage {
		return MaxPage
	}
	return n
}
