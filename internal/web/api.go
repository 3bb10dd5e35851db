package web

import (
	"bytes"
	"encoding/json"
	"math"
	"net/http"
	"strings"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

func (s *Server) apiRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/changes", s.apiChanges)
	mux.HandleFunc("GET /api/v1/events", s.apiEvents)
	mux.HandleFunc("GET /api/v1/outlets", s.apiOutlets)
	mux.HandleFunc("GET /api/v1/outlets/{outlet}", s.apiOutlet)
	mux.HandleFunc("PUT /api/v1/outlets/{outlet}/rules", s.apiPutRules)
	mux.HandleFunc("PUT /api/v1/outlets/{outlet}/fetch", s.apiPutFetch)
	mux.HandleFunc("GET /api/v1/articles", s.apiArticles)
	mux.HandleFunc("GET /api/v1/articles/{id}", s.apiArticle)
	mux.HandleFunc("GET /api/v1/articles/{id}/versions", s.apiVersions)
	mux.HandleFunc("GET /api/v1/articles/{id}/versions/{n}", s.apiVersion)
	mux.HandleFunc("GET /api/v1/articles/{id}/versions/{n}/proof", s.apiVersionProof)
	mux.HandleFunc("GET /api/v1/articles/{id}/diff/{a}/{b}", s.apiDiff)
	mux.HandleFunc("GET /api/v1/log/checkpoint", s.apiCheckpoint)
	mux.HandleFunc("GET /api/v1/log/consistency", s.apiConsistencyProof)
	mux.HandleFunc("GET /api/v1/search", s.apiSearch)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		s.apiFail(w, r, notFound("endpoint"))
	})
}

// writeJSON encodes v before writing anything, so an encoding failure is
// still a clean error response. encoding/json escapes <, > and & inside
// strings, so stored markup stays inert even if a client misuses it.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type apiError struct {
	Error string `json:"error"`
}

func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := classify(err)
	if status == http.StatusInternalServerError {
		s.logError(r, err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(apiError{Error: msg})
}

func (s *Server) apiChanges(w http.ResponseWriter, r *http.Request) {
	cq, _, err := s.changeQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	cs, err := s.cfg.Store.Changes(r.Context(), cq)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiChangeList{Changes: make([]apiChange, len(cs))}
	for i, c := range cs {
		out.Changes[i] = toAPIChange(c)
	}
	if len(cs) == cq.Limit {
		out.NextCursor = encodeChangeCursor(cs[len(cs)-1])
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) apiOutlets(w http.ResponseWriter, r *http.Request) {
	q, err := outletQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	os, err := s.cfg.Store.OutletSummaryPage(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiOutletList{Outlets: make([]apiOutlet, len(os))}
	for i, o := range os {
		out.Outlets[i] = toAPIOutlet(o)
	}
	if len(os) == q.Limit {
		out.NextCursor = encodeOutletCursor(os[len(os)-1].Name)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) apiOutlet(w http.ResponseWriter, r *http.Request) {
	s.writeOutlet(w, r, r.PathValue("outlet"))
}

// writeOutlet answers with one outlet and its counts and rules.
func (s *Server) writeOutlet(w http.ResponseWriter, r *http.Request, name string) {
	os, err := s.cfg.Store.OutletSummaries(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	for _, o := range os {
		if o.Name == name {
			l, err := s.learned(r.Context(), o.ID)
			if err != nil {
				s.apiFail(w, r, err)
				return
			}
			s.writeJSON(w, r, http.StatusOK, apiOutletDetail{apiOutlet: toAPIOutlet(o), Furniture: toAPIFurniture(l)})
			return
		}
	}
	s.apiFail(w, r, notFound("outlet"))
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	q, err := s.articleQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	as, err := s.cfg.Store.ArticleSummaries(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiArticleList{Articles: make([]apiArticle, len(as))}
	for i, a := range as {
		out.Articles[i] = toAPIArticle(a)
	}
	if len(as) == q.Limit {
		out.NextCursor = encodeArticleCursor(as[len(as)-1].ID)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// articleQuery reads ?outlet=NAME&cursor=...&limit=N.
func (s *Server) articleQuery(r *http.Request) (store.ArticleQuery, error) {
	var q store.ArticleQuery
	var err error
	if q.Limit, err = limitParam(r); err != nil {
		return q, err
	}
	if q.BeforeID, err = decodeArticleCursor(r.URL.Query().Get("cursor")); err != nil {
		return q, err
	}
	if name := r.URL.Query().Get("outlet"); name != "" {
		o, err := s.cfg.Store.OutletByName(r.Context(), name)
		if err != nil {
			return q, notFoundIf(err, "outlet")
		}
		q.OutletID = o.ID
	}
	return q, nil
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	p, err := s.history(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiArticleDetail{apiArticle: toAPIArticle(p.Article), Status: p.Status,
		LastChanged: isoDate(p.LastChanged), VersionList: make([]apiVersion, len(p.Versions)),
		Checks: toAPIChecks(p.Checks), Events: make([]apiEvent, len(p.Events))}
	// Oldest first, like the versions endpoint and the export.
	for i, v := range p.Versions {
		out.VersionList[len(p.Versions)-1-i] = toAPIVersion(v.Version, false)
	}
	for i, e := range p.Events {
		out.Events[len(p.Events)-1-i] = toAPIEvent(e.Event)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func (s *Server) apiVersions(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	q := store.VersionQuery{ArticleID: id}
	if q.Limit, err = limitParam(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	from, err := decodeIDCursor(r.URL.Query().Get("cursor"), cursorVersions)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	q.FromSeq = int(min(from, math.MaxInt32))
	if _, err := s.cfg.Store.Article(r.Context(), id); err != nil {
		s.apiFail(w, r, notFoundIf(err, "article"))
		return
	}
	vs, err := s.cfg.Store.VersionHeadPage(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiVersionList{Versions: make([]apiVersion, len(vs))}
	for i, v := range vs {
		out.Versions[i] = toAPIVersion(v, false)
	}
	if len(vs) == q.Limit {
		out.NextCursor = encodeIDCursor(cursorVersions, int64(vs[len(vs)-1].Seq)+1)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// pathVersion is the version the path names: article {id}, seq {n}.
func (s *Server) pathVersion(r *http.Request) (model.Version, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return model.Version{}, err
	}
	n, err := pathSeq(r, "n")
	if err != nil {
		return model.Version{}, err
	}
	v, err := s.cfg.Store.VersionBySeq(r.Context(), id, n)
	return v, notFoundIf(err, "version")
}

func (s *Server) apiVersion(w http.ResponseWriter, r *http.Request) {
	v, err := s.pathVersion(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, toAPIVersion(v, true))
}

func (s *Server) apiDiff(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, errA := pathSeq(r, "a")
	b, errB := pathSeq(r, "b")
	if errA != nil || errB != nil || a >= b {
		s.apiFail(w, r, badRequest("compare versions a < b, like /diff/0/1"))
		return
	}
	d, err := s.loadDiff(r.Context(), id, a, b, false)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, toAPIDiff(d))
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	p, err := s.search(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiSearchResults{Query: p.Query, Results: make([]apiHit, len(p.Hits)), NextCursor: p.Cursor}
	for i, h := range p.Hits {
		out.Results[i] = apiHit{ArticleID: h.ArticleID, URL: h.ArticleURL, Outlet: h.OutletName,
			Seq: h.Seq, LatestSeq: h.LatestSeq, RemovedLater: h.Removed(), Title: h.Title, Snippet: plainSnippet(h.Snippet), VersionURL: h.Path,
			APIVersionURL: apiVersionPath(h.ArticleID, h.Seq)}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// plainSnippet drops the match markers.
func plainSnippet(parts []snipPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

// segmentsJSON renders diff segments as {"op","text"} pairs.
func segmentsJSON(segs []diff.Segment) []apiSegment {
	out := make([]apiSegment, len(segs))
	for i, sg := range segs {
		out[i] = apiSegment{Op: sg.Op.String(), Text: sg.Text}
	}
	return out
}
