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
	Path    string
	Snippet []snipPart
}

type searchPage struct {
	Query string
	Hits  []hitView
}

func (s *Server) search(r *http.Request) (searchPage, error) {
	q := r.URL.Query().Get("q")
	if len(q) > maxQueryBytes || !utf8.ValidString(q) {
		return searchPage{Query: q}, badRequest("query too long or not UTF-8")
	}
	hs, err := s.cfg.Store.Search(r.Context(), q, pageSize)
	if err != nil {
		return searchPage{Query: q}, err
	}
	p := searchPage{Query: q, Hits: make([]hitView, len(hs))}
	for i, h := range hs {
		p.Hits[i] = hitView{Hit: h, Path: articlePath(h.ArticleID), Snippet: splitSnippet(h.Snippet)}
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
