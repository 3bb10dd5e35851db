package store

import (
	"context"
	"fmt"
	"strconv"
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

// MaxClassFilter is how many classes one ChangeQuery may ask for: each
// is a branch of the statement.
const MaxClassFilter = 8

// changeCols are the columns of a Change, read from versions v, articles a
// and outlets o.
const changeCols = `v.id, v.article_id, a.url, a.outlet_id, o.name, v.seq, v.fetched_at, v.title,
		coalesce((SELECT p.title FROM versions p WHERE p.article_id = v.article_id AND p.seq = v.seq - 1), ''),
		v.classes, v.added, v.removed`

// Changes lists changes newest first, starting after q.After.
func (s *Store) Changes(ctx context.Context, q ChangeQuery) ([]Change, error) {
	if len(q.Classes) > MaxClassFilter {
		return nil, fmt.Errorf("store: changes: %d classes asked for, at most %d", len(q.Classes), MaxClassFilter)
	}
	query, args := changesSQL(q)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("changes", err)
	}
	cs, err := collect(rows, scanChange)
	return cs, s.wrap("changes", err)
}

// changesSQL builds the statement for q's filters. The list is driven
// from the index that holds the fewest rows a filter can select, walked
// in the list's order where it has it: an article's versions, a story's
// members' versions, the rows of each asked-for class (version_classes),
// the outlet's changes (outlet_changes), or else every version by time.
// The other filters are tested on the rows that walk yields.
func changesSQL(q ChangeQuery) (string, []any) {
	var args sqlArgs
	limit := args.add(pageLimit(q.Limit))
	classes := uniqueStrings(q.Classes)
	if q.ArticleID == 0 && q.StoryID == 0 && len(classes) > 0 {
		return changesByClass(&args, q, classes, limit), args
	}
	from, atCol, idCol := "versions v", "v.fetched_at", "v.id"
	var preds []string
	switch {
	case q.ArticleID != 0:
		preds = append(preds, "v.article_id = "+args.add(q.ArticleID))
	case q.StoryID != 0:
		from = "story_members m CROSS JOIN versions v"
		preds = append(preds, "m.story_id = "+args.add(q.StoryID), "v.article_id = m.article_id")
	case q.OutletID != 0:
		from, atCol, idCol = "outlet_changes oc CROSS JOIN versions v", "oc.fetched_at", "oc.version_id"
		preds = append(preds, "oc.outlet_id = "+args.add(q.OutletID), "v.id = oc.version_id")
	}
	preds = append(preds, "v.seq > 0")
	if q.OutletID != 0 && (q.ArticleID != 0 || q.StoryID != 0) {
		preds = append(preds, "a.outlet_id = "+args.add(q.OutletID))
	}
	if q.StoryID != 0 && q.ArticleID != 0 {
		preds = append(preds, "v.article_id IN (SELECT article_id FROM story_members WHERE story_id = "+args.add(q.StoryID)+")")
	}
	if len(classes) > 0 {
		preds = append(preds, `EXISTS (SELECT 1 FROM version_classes c WHERE c.class IN (`+placeholders(&args, classes)+`)
		AND c.fetched_at = v.fetched_at AND c.version_id = v.id)`)
	}
	if q.HideMinor {
		preds = append(preds, sqlNotOnlyMinor)
	}
	if q.After != (ChangeCursor{}) {
		preds = append(preds, before(&args, atCol, idCol, nanos(q.After.At), q.After.VersionID))
	}
	return `SELECT ` + changeCols + `
	FROM ` + from + `
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE ` + where(preds) + `
	ORDER BY ` + atCol + ` DESC, ` + idCol + ` DESC
	LIMIT ` + limit, args
}

// sqlNotOnlyMinor hides changes classed only "minor": minor is only ever
// reported alone, so this is an equality test.
const sqlNotOnlyMinor = "v.classes <> 'minor'"

// changesByClass reads, for each class, the newest rows of that class
// after the cursor that pass the other filters, a page of them at most,
// each an ordered walk of version_classes; the page is the newest of
// their union. A rare class reads only its own rows.
func changesByClass(args *sqlArgs, q ChangeQuery, classes []string, limit string) string {
	branches := make([]string, len(classes))
	for i, class := range classes {
		from := "version_classes c CROSS JOIN versions v"
		preds := []string{"c.class = " + args.add(class), "v.id = c.version_id"}
		if q.OutletID != 0 {
			from += " CROSS JOIN articles a"
			preds = append(preds, "a.id = v.article_id", "a.outlet_id = "+args.add(q.OutletID))
		}
		if q.HideMinor {
			preds = append(preds, sqlNotOnlyMinor)
		}
		if q.After != (ChangeCursor{}) {
			preds = append(preds, before(args, "c.fetched_at", "c.version_id", nanos(q.After.At), q.After.VersionID))
		}
		branches[i] = `SELECT id FROM (SELECT c.version_id AS id FROM ` + from + `
		WHERE ` + where(preds) + `
		ORDER BY c.fetched_at DESC, c.version_id DESC LIMIT ` + limit + `) AS class` + strconv.Itoa(i)
	}
	return `SELECT ` + changeCols + `
	FROM versions v
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE v.id IN (` + strings.Join(branches, "\n\t\tUNION ") + `)
	ORDER BY v.fetched_at DESC, v.id DESC
	LIMIT ` + limit
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

// pageLimit applies MaxPage.
func pageLimit(n int) int {
	if n <= 0 || n > MaxPage {
		return MaxPage
	}
	return n
}
