package store

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"
)

const (
	// MaxSearchTerms bounds the words of one query, so a pasted page
	// cannot become a huge FTS5 expression.
	MaxSearchTerms = 16
	// MarkStart and MarkEnd surround matched words in Hit.Snippet. They are
	// control characters that extracted text never holds, so callers can
	// split on them and escape every piece, instead of trusting markup.
	MarkStart = "\x01"
	MarkEnd   = "\x02"
	// searchScanFactor bounds the matching versions one page reads: at
	// most this many times its limit. Every version is indexed, so an
	// article edited often matches many times; those matches are read and
	// skipped, and a page that reaches the bound ends early with a cursor.
	searchScanFactor = 10
)

// Hit is one article found by Search: its newest version that matched.
type Hit struct {
	VersionID  int64 // the version that matched
	ArticleID  int64
	ArticleURL string
	OutletName string
	Seq        int // the version that matched
	LatestSeq  int // the article's newest version
	Title      string
	Snippet    string // text excerpt, matches between MarkStart and MarkEnd
}

// Removed reports whether the article's newest version no longer holds
// what matched: a later version took it out.
func (h Hit) Removed() bool { return h.Seq < h.LatestSeq }

// SearchQuery asks for one page of hits.
type SearchQuery struct {
	Text   string // plain words, all required
	Before int64  // a SearchResult.Next: the page starts below it; 0 starts at the newest
	Limit  int    // capped at MaxPage; <= 0 means MaxPage
}

// SearchResult is one page of hits.
type SearchResult struct {
	Hits []Hit
	// Next is where the next page starts (its SearchQuery.Before); 0 when
	// every match has been read.
	Next int64
}

// Matching versions come newest first, the order the full-text index
// keeps its rows in: a page reads the index below its start up to a
// bounded window and stops, so no page ranks or sorts every match.
const sqlSearchCandidates = `SELECT version_search.rowid, v.article_id
	FROM version_search
	JOIN versions v ON v.id = version_search.rowid
	WHERE version_search MATCH ?1 AND version_search.rowid < ?2
	ORDER BY version_search.rowid DESC LIMIT ?3`

// sqlSearchNewer asks whether an article has a version from ?2 up that
// matches: one id lookup in the index per such version.
const sqlSearchNewer = `SELECT EXISTS (SELECT 1 FROM versions v
	WHERE v.article_id = ?1 AND v.id >= ?2 AND EXISTS (
		SELECT 1 FROM version_search WHERE version_search MATCH ?3 AND version_search.rowid = v.id))`

// sqlSearchHits reads a page's hits by their versions' ids, in both
// dialects, each with the text its delta is against: one statement for
// the page (a round trip each was most of a search on PostgreSQL). The
// excerpt is cut from the text in Go (see excerpt).
const sqlSearchHits = `SELECT v.id, a.url, o.name, v.seq, v.title, v.text, v.text_base, v.text_delta, coalesce(b.text, ''),
		(SELECT max(seq) FROM versions WHERE article_id = v.article_id)
	FROM versions v
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	LEFT JOIN versions b ON b.id = v.text_base AND v.text_base <> 0
	WHERE v.id IN (`

// searchSQL is one dialect's queries.
type searchSQL struct{ candidates, newer string }

// Search finds articles whose title, byline or text, in any version,
// holds every word of q.Text: one hit per article, its newest version
// that matched, the most recently recorded first. The words are plain
// words, not FTS5 or tsquery syntax: each word is quoted (SQLite) or
// passed to plainto_tsquery (PostgreSQL), so no input can be a syntax
// error. A query without words finds nothing.
func (s *Store) Search(ctx context.Context, q SearchQuery) (SearchResult, error) {
	words := searchWords(q.Text)
	qs, expr := searchSQL{sqlSearchCandidates, sqlSearchNewer}, matchExpr(words)
	if s.d == dialectPostgres {
		qs, expr = searchSQL{pgSearchCandidates, pgSearchNewer}, strings.Join(words, " ")
	}
	if expr == "" {
		return SearchResult{}, nil
	}
	page, err := s.searchPage(ctx, qs, expr, q)
	if err != nil {
		return SearchResult{}, s.wrap("search", err)
	}
	if err := s.searchHits(ctx, page.Hits, words); err != nil {
		return SearchResult{}, s.wrap("search", err)
	}
	return page, nil
}

// searchHits fills in hits (their version and article ids known) from
// one read, and cuts each one's excerpt.
func (s *Store) searchHits(ctx context.Context, hits []Hit, words []string) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.VersionID
	}
	rows, err := s.r.QueryContext(ctx, s.d.rebind(sqlSearchHits+marks(len(ids))+`)`), int64Args(ids)...)
	if err != nil {
		return err
	}
	type hitRow struct {
		h        Hit
		t        storedText
		baseText string
	}
	read, err := collect(rows, func(sc scanner) (hitRow, error) {
		var r hitRow
		err := sc.Scan(&r.h.VersionID, &r.h.ArticleURL, &r.h.OutletName, &r.h.Seq, &r.h.Title,
			&r.t.text, &r.t.base, &r.t.delta, &r.baseText, &r.h.LatestSeq)
		return r, err
	})
	if err != nil {
		return err
	}
	byID := make(map[int64]hitRow, len(read))
	for _, r := range read {
		byID[r.h.VersionID] = r
	}
	for i := range hits {
		h := &hits[i]
		r, ok := byID[h.VersionID]
		if !ok {
			return fmt.Errorf("search hit %d: %w", h.VersionID, ErrNotFound)
		}
		text, err := r.t.whole(ctx, s.queryRow, map[int64]string{r.t.base: r.baseText})
		if err != nil {
			return fmt.Errorf("search hit %d: %w", h.VersionID, err)
		}
		h.ArticleURL, h.OutletName, h.Seq, h.Title, h.LatestSeq = r.h.ArticleURL, r.h.OutletName, r.h.Seq, r.h.Title, r.h.LatestSeq
		h.Snippet = excerpt(text, words)
	}
	return nil
}

type candidate struct{ version, article int64 }

// searchPage walks the matching versions down from q.Before, keeping the
// first (newest) of each article, until the page is full, the matches
// run out or searchScanFactor times the limit were read. An article
// whose newer version matched on an earlier page is skipped: its hit was
// there.
func (s *Store) searchPage(ctx context.Context, qs searchSQL, expr string, q SearchQuery) (SearchResult, error) {
	limit := pageLimit(q.Limit)
	start := q.Before
	if start <= 0 {
		start = math.MaxInt64
	}
	var page SearchResult
	seen := map[int64]bool{}
	next := start
	for scanned := 0; scanned < limit*searchScanFactor; {
		window := min(2*limit, limit*searchScanFactor-scanned)
		read := s.candidates
		if s.d == dialectPostgres {
			read = s.pgCandidates
		}
		cands, err := read(ctx, qs.candidates, expr, next, window)
		if err != nil {
			return page, err
		}
		for _, c := range cands {
			scanned++
			next = c.version
			if seen[c.article] {
				continue
			}
			seen[c.article] = true
			if start != math.MaxInt64 {
				var newer bool
				if err := s.queryRow(ctx, qs.newer, c.article, start, expr).Scan(&newer); err != nil {
					return page, err
				}
				if newer {
					continue
				}
			}
			page.Hits = append(page.Hits, Hit{VersionID: c.version, ArticleID: c.article})
			if len(page.Hits) == limit {
				page.Next = next
				return page, nil
			}
		}
		if len(cands) < window {
			return page, nil // every match read
		}
	}
	page.Next = next
	return page, nil
}

func (s *Store) candidates(ctx context.Context, query, expr string, before int64, n int) ([]candidate, error) {
	rows, err := s.query(ctx, query, expr, before, n)
	if err != nil {
		return nil, err
	}
	return collect(rows, scanCandidate)
}

func scanCandidate(sc scanner) (candidate, error) {
	var c candidate
	err := sc.Scan(&c.version, &c.article)
	return c, err
}

// matchExpr turns words into an FTS5 expression of quoted terms, all
// required. Separators are whatever the unicode61 tokenizer would split on.
func matchExpr(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = `"` + w + `"`
	}
	return strings.Join(quoted, " ")
}

// searchWords splits q into at most MaxSearchTerms words of letters and
// digits; both dialects search for exactly these.
func searchWords(q string) []string {
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
	if len(words) > MaxSearchTerms {
		words = words[:MaxSearchTerms]
	}
	return words
}
