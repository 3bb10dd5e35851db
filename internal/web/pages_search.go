package web

import (
	"net/http"
	"unicode/utf8"

	"github.com/errata/errata/internal/store"
)

// maxQueryBytes bounds a search query; store also caps its word count.
const maxQueryBytes = 512

type hitView struct {
	store.Hit
	Path        string // the version that matched
	ArticlePath string
	Snippet     []snipPart
}

type searchPage struct {
	Query     string
	Hits      []hitView
	Cursor    string // of the next page; empty on the last
	Next      string // local URL of the next page
	Continued bool   // this is not the first page
}

// search reads ?q=WORDS&cursor=...&limit=N and finds one page of hits.
func (s *Server) search(r *http.Request) (searchPage, error) {
	q := r.URL.Query().Get("q")
	p := searchPage{Query: q}
	if len(q) > maxQueryBytes || !utf8.ValidString(q) {
		return p, badRequest("query too long or not UTF-8")
	}
	sq := store.SearchQuery{Text: q}
	var err error
	if sq.Limit, err = limitParamOr(r, searchLimit); err != nil {
		return p, err
	}
	if sq.Before, err = decodeIDCursor(r.URL.Query().Get("cursor"), cursorHits); err != nil {
		return p, err
	}
	p.Continued = sq.Before != 0
	res, err := s.cfg.Store.Search(r.Context(), sq)
	if err != nil {
		return p, err
	}
	p.Hits = make([]hitView, len(res.Hits))
	for i, h := range res.Hits {
		p.Hits[i] = hitView{Hit: h, Path: versionPath(h.ArticleID, h.Seq), ArticlePath: articlePath(h.ArticleID),
			Snippet: splitSnippet(h.Snippet)}
	}
	// A page may end before its limit (it reads a bounded number of
	// matches) and still have a next one.
	if res.Next != 0 {
		p.Cursor = encodeIDCursor(cursorHits, res.Next)
		p.Next = nextPage(r, p.Cursor, 1, 1)
	}
	return p, nil
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	p, err := s.search(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	title := "Search"
	if p.Query != "" {
		title = "Search: " + p.Query
	}
	s.render(w, r, http.StatusOK, "search", pageData{Title: title, Data: p})
}
