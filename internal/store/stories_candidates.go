package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// StoryBandCandidates lists up to limit articles of outlets other than
// outlet that share a band key with keys, those sharing most keys first.
// Each key reads at most bandRowsPerKey index rows.
func (s *Store) StoryBandCandidates(ctx context.Context, keys []int64, outlet int64, limit int) ([]int64, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	parts := make([]string, len(keys))
	args := make([]any, 0, 2*len(keys)+1)
	for i, k := range keys {
		parts[i] = `SELECT article_id FROM (SELECT article_id FROM story_bands WHERE band = ? AND outlet_id <> ?
			ORDER BY article_id DESC LIMIT ` + strconv.Itoa(bandRowsPerKey) + `) AS k` + strconv.Itoa(i)
		args = append(args, k, outlet)
	}
	args = append(args, limit)
	q := `SELECT article_id FROM (` + strings.Join(parts, " UNION ALL ") + `) AS c
		GROUP BY article_id ORDER BY count(*) DESC, article_id DESC LIMIT ?`
	return s.ids(ctx, "story band candidates", q, args...)
}

// StoryFactCandidates lists up to limit articles other than id, first seen
// in [from, to], that share a fact key with keys, those sharing most
// first. Each key reads at most factRowsPerKey index rows.
func (s *Store) StoryFactCandidates(ctx context.Context, keys []int64, id int64, from, to time.Time, limit int) ([]int64, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	parts := make([]string, len(keys))
	args := make([]any, 0, 4*len(keys)+1)
	for i, k := range keys {
		parts[i] = `SELECT article_id FROM (SELECT article_id FROM story_facts WHERE fact = ? AND seen_at >= ? AND seen_at <= ?
			AND article_id <> ? ORDER BY seen_at DESC LIMIT ` + strconv.Itoa(factRowsPerKey) + `) AS k` + strconv.Itoa(i)
		args = append(args, k, nanos(from), nanos(to), id)
	}
	args = append(args, limit)
	q := `SELECT article_id FROM (` + strings.Join(parts, " UNION ALL ") + `) AS c
		GROUP BY article_id ORDER BY count(*) DESC, article_id DESC LIMIT ?`
	return s.ids(ctx, "story fact candidates", q, args...)
}

const sqlStoryArticles = `SELECT a.id, a.outlet_id, o.name, o.host, a.url, a.first_seen, v.title, v.byline, v.text, v.text_base, v.text_delta, v.seq + 1
	FROM articles a JOIN outlets o ON o.id = a.outlet_id
	JOIN versions v ON v.article_id = a.id AND v.seq = (SELECT max(seq) FROM versions WHERE article_id = a.id)
	WHERE a.id IN (`

// StoryArticles loads articles with their latest version; ids without a
// version are left out.
func (s *Store) StoryArticles(ctx context.Context, ids []int64) ([]StoryArticle, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, s.d.rebind(sqlStoryArticles+marks(len(ids))+`) ORDER BY a.first_seen, a.id`), int64Args(ids)...)
	if err != nil {
		return nil, s.wrap("story articles", err)
	}
	type storyRow struct {
		a StoryArticle
		t storedText
	}
	rs, err := collect(rows, func(sc scanner) (storyRow, error) {
		var r storyRow
		var seen int64
		err := sc.Scan(&r.a.ID, &r.a.OutletID, &r.a.Outlet, &r.a.Host, &r.a.URL, &seen, &r.a.Title, &r.a.Byline,
			&r.t.text, &r.t.base, &r.t.delta, &r.a.Versions)
		r.a.FirstSeen = fromNanos(seen)
		return r, err
	})
	if err != nil {
		return nil, s.wrap("story articles", err)
	}
	out := make([]StoryArticle, len(rs))
	for i, r := range rs {
		out[i] = r.a
		if out[i].Text, err = r.t.whole(ctx, s.queryRow, nil); err != nil {
			return nil, s.wrap(fmt.Sprintf("story article %d", r.a.ID), err)
		}
	}
	return out, nil
}

// StoriesOf returns the story of each of ids that has one.
func (s *Store) StoriesOf(ctx context.Context, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.r.QueryContext(ctx, s.d.rebind(`SELECT article_id, story_id FROM story_members WHERE article_id IN (`+marks(len(ids))+`)`), int64Args(ids)...)
	if err != nil {
		return nil, s.wrap("stories of", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, st int64
		if err := rows.Scan(&a, &st); err != nil {
			return nil, s.wrap("stories of", err)
		}
		out[a] = st
	}
	return out, s.wrap("stories of", rows.Err())
}

func (s *Store) ids(ctx context.Context, op, q string, args ...any) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, s.d.rebind(q), args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	out, err := collect(rows, func(sc scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
	return out, s.wrap(op, err)
}

func int64Args(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
