package store

import (
	"context"
	"fmt"
	"time"
)

// StorySummary is one story as lists show it.
type StorySummary struct {
	ID       int64
	Title    string
	Created  time.Time
	Updated  time.Time
	Articles int
	Outlets  int
}

// StoryMember is one article of a story.
type StoryMember struct {
	StoryArticle
	Wire       int64 // its group of copies; 0 for none
	WireOrigin bool  // the copy taken as its group's origin
	Agency     string
}

// StoryVersion is one version of a story's member, for the timeline.
type StoryVersion struct {
	ArticleID int64
	Seq       int
	FetchedAt time.Time
	Title     string
	Classes   []string
	Added     int
	Removed   int
}

// ArticleCopy is one copy of an article's text in another outlet.
type ArticleCopy struct {
	ArticleID int64
	Outlet    string
	URL       string
	Title     string
	Shared    float64
	Origin    bool
}

const (
	storyCols    = `id, title, created_at, updated_at, articles, outlets`
	sqlStoryList = `SELECT ` + storyCols + ` FROM stories WHERE articles > 0
		ORDER BY updated_at DESC, id DESC LIMIT ?`
	sqlStoryListAfter = `SELECT ` + storyCols + ` FROM stories WHERE articles > 0
		AND (updated_at, id) < (?, ?)
		ORDER BY updated_at DESC, id DESC LIMIT ?`
	sqlStoryByID     = `SELECT ` + storyCols + ` FROM stories WHERE id = ?`
	sqlStoryMemberID = `SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id`
	sqlMemberWires   = `SELECT m.article_id, w.id, w.origin_id, w.agency FROM wire_members m JOIN wires w ON w.id = m.wire_id
		WHERE m.article_id IN (`
	sqlStoryVersions = `SELECT v.article_id, v.seq, v.fetched_at, v.title, v.classes, v.added, v.removed
		FROM versions v JOIN story_members m ON m.article_id = v.article_id WHERE m.story_id = ? ORDER BY v.fetched_at, v.id`
	sqlArticleCopies = `SELECT a.id, o.name, a.url, coalesce((SELECT title FROM versions WHERE article_id = a.id ORDER BY seq DESC LIMIT 1), ''),
		l.shared, CASE WHEN w.origin_id = a.id THEN 1 ELSE 0 END
		FROM wire_links l JOIN articles a ON a.id = CASE WHEN l.article_a = ?1 THEN l.article_b ELSE l.article_a END
		JOIN outlets o ON o.id = a.outlet_id
		LEFT JOIN wire_members m ON m.article_id = a.id LEFT JOIN wires w ON w.id = m.wire_id
		WHERE l.article_a = ?1 OR l.article_b = ?1 ORDER BY l.shared DESC, a.id`
	sqlWireMemberIDs = `SELECT article_id FROM wire_members WHERE wire_id = ? ORDER BY article_id`
	sqlArticleWire   = `SELECT w.id, w.origin_id FROM wire_members m JOIN wires w ON w.id = m.wire_id WHERE m.article_id = ?`
)

func scanStory(sc scanner) (StorySummary, error) {
	var st StorySummary
	var c, u int64
	err := sc.Scan(&st.ID, &st.Title, &c, &u, &st.Articles, &st.Outlets)
	st.Created, st.Updated = fromNanos(c), fromNanos(u)
	return st, noRows(err)
}

// StoryCursor is a position in the list of stories, most recently active
// first: the next page starts strictly after it. The zero value is the
// start.
type StoryCursor struct {
	Updated time.Time
	ID      int64
}

// StoryList lists up to limit stories, the most recently active first.
func (s *Store) StoryList(ctx context.Context, limit int) ([]StorySummary, error) {
	return s.StoryPage(ctx, StoryCursor{}, limit)
}

// StoryPage lists up to limit stories after the cursor, the most recently
// active first.
func (s *Store) StoryPage(ctx context.Context, after StoryCursor, limit int) ([]StorySummary, error) {
	query, args := sqlStoryList, []any{pageLimit(limit)}
	if after != (StoryCursor{}) {
		query, args = sqlStoryListAfter, []any{nanos(after.Updated), after.ID, pageLimit(limit)}
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("stories", err)
	}
	out, err := collect(rows, scanStory)
	return out, s.wrap("stories", err)
}

// Story returns one story.
func (s *Store) Story(ctx context.Context, id int64) (StorySummary, error) {
	st, err := scanStory(s.queryRow(ctx, sqlStoryByID, id))
	return st, s.wrap(fmt.Sprintf("story %d", id), err)
}

// StoryMembers lists a story's articles with their latest versions and
// groups of copies, first seen first.
func (s *Store) StoryMembers(ctx context.Context, id int64) ([]StoryMember, error) {
	ids, err := s.ids(ctx, "story members", sqlStoryMemberID, id)
	if err != nil {
		return nil, err
	}
	return s.members(ctx, ids)
}

// WireMembers lists the copies of a group, first seen first.
func (s *Store) WireMembers(ctx context.Context, wire int64) ([]StoryMember, error) {
	ids, err := s.ids(ctx, "wire members", sqlWireMemberIDs, wire)
	if err != nil {
		return nil, err
	}
	return s.members(ctx, ids)
}

func (s *Store) members(ctx context.Context, ids []int64) ([]StoryMember, error) {
	arts, err := s.StoryArticles(ctx, ids)
	if err != nil || len(arts) == 0 {
		return nil, err
	}
	type wire struct {
		id, origin int64
		agency     string
	}
	wires := map[int64]wire{}
	rows, err := s.r.QueryContext(ctx, s.d.rebind(sqlMemberWires+marks(len(ids))+`)`), int64Args(ids)...)
	if err != nil {
		return nil, s.wrap("member wires", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a int64
		var w wire
		if err := rows.Scan(&a, &w.id, &w.origin, &w.agency); err != nil {
			return nil, s.wrap("member wires", err)
		}
		wires[a] = w
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("member wires", err)
	}
	out := make([]StoryMember, len(arts))
	for i, a := range arts {
		w := wires[a.ID]
		out[i] = StoryMember{StoryArticle: a, Wire: w.id, WireOrigin: w.id != 0 && w.origin == a.ID, Agency: w.agency}
	}
	return out, nil
}

// StoryVersions lists every version of a story's members, oldest first:
// the story's timeline.
func (s *Store) StoryVersions(ctx context.Context, id int64) ([]StoryVersion, error) {
	rows, err := s.query(ctx, sqlStoryVersions, id)
	if err != nil {
		return nil, s.wrap("story versions", err)
	}
	out, err := collect(rows, func(sc scanner) (StoryVersion, error) {
		var v StoryVersion
		var at int64
		var classes string
		err := sc.Scan(&v.ArticleID, &v.Seq, &at, &v.Title, &classes, &v.Added, &v.Removed)
		v.FetchedAt, v.Classes = fromNanos(at), splitClasses(classes)
		return v, err
	})
	return out, s.wrap("story versions", err)
}

// ArticleCopies lists the copies of an article's text in other outlets,
// most shared first.
func (s *Store) ArticleCopies(ctx context.Context, id int64) ([]ArticleCopy, error) {
	rows, err := s.query(ctx, sqlArticleCopies, id)
	if err != nil {
		return nil, s.wrap("article copies", err)
	}
	out, err := collect(rows, func(sc scanner) (ArticleCopy, error) {
		var c ArticleCopy
		var origin int
		err := sc.Scan(&c.ArticleID, &c.Outlet, &c.URL, &c.Title, &c.Shared, &origin)
		c.Origin = origin != 0
		return c, err
	})
	return out, s.wrap("article copies", err)
}

// ArticleStory says which story (0: none) and group of copies (0: none)
// an article belongs to, and whether it is its group's origin.
func (s *Store) ArticleStory(ctx context.Context, id int64) (story, wire int64, origin bool, err error) {
	switch err = s.queryRow(ctx, sqlStoryOf, id).Scan(&story); {
	case err != nil && noRows(err) != ErrNotFound:
		return 0, 0, false, s.wrap("article story", err)
	}
	var originID int64
	switch err = s.queryRow(ctx, sqlArticleWire, id).Scan(&wire, &originID); {
	case err != nil && noRows(err) != ErrNotFound:
		return 0, 0, false, s.wrap("article wire", err)
	}
	return story, wire, wire != 0 && originID == id, nil
}
