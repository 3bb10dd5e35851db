package store

import (
	"context"
	"math"
	"strings"
	"unicode"
)

const (
	// MaxSearchTerms bounds the words of one query, so a pasted page
	// cannot become a huge FTS5 expression.
	MaxSearchTerms = 16
	// snippetTokens is how many tokens a result's excerpt shows.
	snippetTokens = "24"
	// MarkStart and MarkEnd surround matched words in Hit.Snippet. They are
	// control characters that extracted text never holds, so callers can
	// split on them and escape every piece, instead of trusting markup.
	MarkStart = "\x01"
	MarkEnd   = "\x02"
)

// Hit is one article found by Search.
type Hit struct {
	VersionID  int64 // the version that matched; pages continue below it
	ArticleID  int64
	ArticleURL string
	OutletName string
	Seq        int // the latest version, the one that matched
	Title      string
	Snippet    string // text excerpt, matches between MarkStart and MarkEnd
}

// SearchQuery asks for one page of hits.
type SearchQuery struct {
	Text   string // plain words, all required
	Before int64  // a Hit.VersionID: the page starts after it; 0 starts at the newest
	Limit  int    // capped at MaxPage; <= 0 means MaxPage
}

// Hits come newest version first, the order the full-text index keeps its
// rows in: a page reads the index up to its limit and stops, and the next
// one starts below the last version id, so no page ranks or sorts every
// match. Column 2 of version_search is the text.
const sqlSearch = `SELECT v.id, v.article_id, a.url, o.name, v.seq, v.title,
		snippet(version_search, 2, char(1), char(2), '…', ` + snippetTokens + `)
	FROM version_search
	JOIN versions v ON v.id = version_search.rowid
	JOIN articles a ON a.id = v.article_id
	JOIN outlets o ON o.id = a.outlet_id
	WHERE version_search MATCH ?1 AND version_search.rowid < ?2
	ORDER BY version_search.rowid DESC LIMIT ?3`

// Search finds articles whose latest title, byline or text holds every
// word of q.Text, the most recently recorded version first. The words are
// plain words, not FTS5 or tsquery syntax: each word is quoted (SQLite) or
// passed to plainto_tsquery (PostgreSQL), so no input can be a syntax
// error. A query without words finds nothing.
func (s *Store) Search(ctx context.Context, q SearchQuery) ([]Hit, error) {
	query, expr := sqlSearch, matchExpr(q.Text)
	if s.d == dialectPostgres {
		query, expr = pgSearch, strings.Join(searchWords(q.Text), " ")
	}
	if expr == "" {
		return nil, nil
	}
	before := q.Before
	if before <= 0 {
		before = math.MaxInt64
	}
	rows, err := s.query(ctx, query, expr, before, pageLimit(q.Limit))
	if err != nil {
		return nil, s.wrap("search", err)
	}
	hs, err := collect(rows, func(sc scanner) (Hit, error) {
		var h Hit
		err := sc.Scan(&h.VersionID, &h.ArticleID, &h.ArticleURL, &h.OutletName, &h.Seq, &h.Title, &h.Snippet)
		return h, err
	})
	return hs, s.wrap("search", err)
}

// matchExpr turns words into an FTS5 expression of quoted terms, all
// required. Separators are whatever the unicode61 tokenizer would split on.
func matchExpr(q string) string {
	words := searchWords(q)
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
