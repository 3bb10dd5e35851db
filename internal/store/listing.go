package store

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// OutletSummary is an outlet with the counts its listing shows.
type OutletSummary struct {
	model.Outlet
	Articles    int
	Changes     int       // versions after the first, across its articles
	LastChanged time.Time // newest change; zero when none
}

// ArticleSummary is an article with what a list row shows.
type ArticleSummary struct {
	model.Article
	OutletName string
	Title      string // title of the latest version; empty before the first
	Versions   int
}

// ArticleQuery pages through articles, newest id first.
type ArticleQuery struct {
	OutletID int64 // 0: every outlet
	BeforeID int64 // 0: from the newest
	Limit    int   // capped at MaxPage; <= 0 means MaxPage
}

// OutletQuery pages through outlets by name.
type OutletQuery struct {
	AfterName string // "": from the first name
	Limit     int    // capped at MaxPage; <= 0 means MaxPage
}

// VersionQuery pages through an article's versions, oldest first.
type VersionQuery struct {
	ArticleID int64
	FromSeq   int // the first version to list
	Limit     int // capped at MaxPage; <= 0 means MaxPage
}

const (
	// An outlet's counts are kept in outlet_stats as rows are written
	// (migration 0011): one row per outlet, whatever the store's size.
	sqlOutletSumCols = `o.id, o.name, o.host, o.rules,
		coalesce(st.articles, 0), coalesce(st.changes, 0), coalesce(st.last_changed, 0),
		o.fetch_mode, o.short_count, o.short_url, o.short_words, o.short_promised, o.short_at`
	sqlOutletSumFrom   = ` FROM outlets o LEFT JOIN outlet_stats st ON st.outlet_id = o.id`
	sqlOutletSummaries = `SELECT ` + sqlOutletSumCols + sqlOutletSumFrom + ` ORDER BY o.name`
	// Outlet names are unique, so the name alone is a position.
	sqlOutletSummaryPage = `SELECT ` + sqlOutletSumCols + sqlOutletSumFrom + `
		WHERE o.name > ? ORDER BY o.name LIMIT ?`
	sqlOutletNamed   = `SELECT ` + outletCols + ` FROM outlets WHERE name = ?`
	sqlArticleSumCol = articleCols + `, o.name,
		coalesce((SELECT v.title FROM versions v WHERE v.article_id = a.id ORDER BY v.seq DESC LIMIT 1), ''),
		(SELECT count(*) FROM versions v WHERE v.article_id = a.id)`
	sqlArticleSummary = `SELECT ` + sqlArticleSumCol + ` FROM articles a JOIN outlets o ON o.id = a.outlet_id
		WHERE a.id = ?`
	sqlVersionBySeq = `SELECT ` + versionCols + ` FROM versions WHERE article_id = ? AND seq = ?`
	// sqlVersionHeads leaves the text out: a history page lists versions,
	// it does not print them.
	sqlVersionHeads = `SELECT id, article_id, seq, fetched_at, title, byline, published, '', hash, capture_hash,
		extractor, classes, added, removed, modified, 0, NULL FROM versions WHERE article_id = ? ORDER BY seq`
	sqlVersionHeadPage = `SELECT id, article_id, seq, fetched_at, title, byline, published, '', hash, capture_hash,
		extractor, classes, added, removed, modified, 0, NULL FROM versions WHERE article_id = ? AND seq >= ? ORDER BY seq LIMIT ?`
)

// OutletSummaries lists every outlet by name with its counts.
func (s *Store) OutletSummaries(ctx context.Context) ([]OutletSummary, error) {
	rows, err := s.query(ctx, sqlOutletSummaries)
	if err != nil {
		return nil, s.wrap("outlet summaries", err)
	}
	os, err := collect(rows, scanOutletSummary)
	return os, s.wrap("outlet summaries", err)
}

// OutletSummaryPage lists one page of outlets by name with their counts.
func (s *Store) OutletSummaryPage(ctx context.Context, q OutletQuery) ([]OutletSummary, error) {
	rows, err := s.query(ctx, sqlOutletSummaryPage, q.AfterName, pageLimit(q.Limit))
	if err != nil {
		return nil, s.wrap("outlet summaries", err)
	}
	os, err := collect(rows, scanOutletSummary)
	return os, s.wrap("outlet summaries", err)
}

func scanOutletSummary(sc scanner) (OutletSummary, error) {
	var o OutletSummary
	var rules, mode string
	var last, shortAt int64
	if err := sc.Scan(&o.ID, &o.Name, &o.Host, &rules, &o.Articles, &o.Changes, &last,
		&mode, &o.Short.Count, &o.Short.URL, &o.Short.Words, &o.Short.Promised, &shortAt); err != nil {
		return o, err
	}
	o.LastChanged, o.Fetch, o.Short.At = fromNanos(last), model.FetchMode(mode), fromNanos(shortAt)
	return o, fromJSON(rules, &o.Rules)
}

// OutletByName returns the outlet called name, or ErrNotFound.
func (s *Store) OutletByName(ctx context.Context, name string) (model.Outlet, error) {
	o, err := scanOutlet(s.queryRow(ctx, sqlOutletNamed, name))
	return o, s.wrap("outlet "+name, err)
}

// ArticleSummaries pages through articles, newest first.
func (s *Store) ArticleSummaries(ctx context.Context, q ArticleQuery) ([]ArticleSummary, error) {
	query, args := articleSummariesSQL(q)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, s.wrap("article summaries", err)
	}
	as, err := collect(rows, scanArticleSummary)
	return as, s.wrap("article summaries", err)
}

// articleSummariesSQL builds the statement for q's filters (see
// changesSQL): an outlet's articles are a range of its index, which
// holds them in id order.
func articleSummariesSQL(q ArticleQuery) (string, []any) {
	var args sqlArgs
	var preds []string
	if q.OutletID != 0 {
		preds = append(preds, "a.outlet_id = "+args.add(q.OutletID))
	}
	if q.BeforeID != 0 {
		preds = append(preds, "a.id < "+args.add(q.BeforeID))
	}
	return `SELECT ` + sqlArticleSumCol + ` FROM articles a JOIN outlets o ON o.id = a.outlet_id
		WHERE ` + where(preds) + `
		ORDER BY a.id DESC LIMIT ` + args.add(pageLimit(q.Limit)), args
}

// ArticleSummary returns one article with its outlet name and latest title.
func (s *Store) ArticleSummary(ctx context.Context, id int64) (ArticleSummary, error) {
	a, err := scanArticleSummary(s.queryRow(ctx, sqlArticleSummary, id))
	return a, s.wrap(fmt.Sprintf("article %d", id), err)
}

func scanArticleSummary(sc scanner) (ArticleSummary, error) {
	var a ArticleSummary
	var state, hold string
	var first, pub, checked, changed, next int64
	err := sc.Scan(&a.ID, &a.OutletID, &a.URL, &first, &pub, &checked, &changed, &next, &state,
		&a.Errors, &a.Gone, &a.ETag, &a.LastModified, &a.BodyHash, &hold, &a.SourceID,
		&a.OutletName, &a.Title, &a.Versions)
	if err != nil {
		return a, noRows(err)
	}
	a.State, a.Hold = model.ArticleState(state), model.Hold(hold)
	a.FirstSeen, a.Published, a.LastChecked = fromNanos(first), fromNanos(pub), fromNanos(checked)
	a.LastChanged, a.NextCheck = fromNanos(changed), fromNanos(next)
	return a, nil
}

// VersionBySeq returns version seq of an article, or ErrNotFound.
func (s *Store) VersionBySeq(ctx context.Context, articleID int64, seq int) (model.Version, error) {
	v, err := s.version(ctx, sqlVersionBySeq, articleID, seq)
	return v, s.wrap(fmt.Sprintf("version %d of article %d", seq, articleID), err)
}

// VersionHeads returns an article's versions oldest first, without their
// texts.
func (s *Store) VersionHeads(ctx context.Context, articleID int64) ([]model.Version, error) {
	return s.versions(ctx, fmt.Sprintf("version heads of article %d", articleID), sqlVersionHeads, articleID)
}

// VersionHeadPage returns one page of an article's versions, oldest
// first, without their texts.
func (s *Store) VersionHeadPage(ctx context.Context, q VersionQuery) ([]model.Version, error) {
	return s.versions(ctx, fmt.Sprintf("version heads of article %d", q.ArticleID), sqlVersionHeadPage,
		q.ArticleID, q.FromSeq, pageLimit(q.Limit))
}
