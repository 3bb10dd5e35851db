package web

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// Actions on a source or an article, as the API and the admin page name
// them in their paths.
const (
	actionPause  = "pause"
	actionResume = "resume"
	actionRemove = "remove"
)

// cursorSources marks a sources cursor (see paths.go); "s" is search's,
// and a cursor of one list must never be read as another's.
const cursorSources = "r"

func (s *Server) sourceRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/sources", s.apiSources)
	for _, act := range []string{actionPause, actionResume, actionRemove} {
		mux.HandleFunc("POST /api/v1/sources/{id}/"+act, s.apiSourceAction(act))
		mux.HandleFunc("POST /api/v1/articles/{id}/"+act, s.apiArticleAction(act))
	}
	mux.HandleFunc("GET /admin/sources", s.handleAdminSources)
	mux.HandleFunc("POST /admin/sources/{id}/{action}", s.handleAdminSourceAction)
}

func encodeSourceCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s.%d", cursorSources, id))
}

func decodeSourceCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	parts, err := cursorParts(s, cursorSources, 1)
	if err != nil {
		return 0, err
	}
	return parts[0], nil
}

// apiSources lists sources in id order: ?cursor=...&limit=N.
func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	var q store.SourceQuery
	var err error
	if q.Limit, err = limitParam(r); err == nil {
		q.AfterID, err = decodeSourceCursor(r.URL.Query().Get("cursor"))
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	srcs, err := s.cfg.Store.SourceSummaries(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiSourceList{Sources: make([]apiSource, len(srcs))}
	for i, src := range srcs {
		out.Sources[i] = toAPISource(src)
	}
	if len(srcs) == q.Limit {
		out.NextCursor = encodeSourceCursor(srcs[len(srcs)-1].ID)
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// actionRequest reads what every pause, resume or remove call shares: the
// admin token, the id in the path and ?purge=. It answers the request
// itself and reports false when one of them is wrong.
func (s *Server) actionRequest(w http.ResponseWriter, r *http.Request, act string) (id int64, purge, ok bool) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return 0, false, false
	}
	id, err := pathID(r, "id")
	if err == nil {
		purge, err = purgeParam(r, act)
	}
	if err != nil {
		s.apiFail(w, r, err)
		return 0, false, false
	}
	return id, purge, true
}

// apiSourceAction pauses, resumes or removes a source. It takes the admin
// token as a bearer token, like PUT .../rules. remove?purge=true also
// deletes every version of the articles the source found.
func (s *Server) apiSourceAction(act string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, purge, ok := s.actionRequest(w, r, act)
		if !ok {
			return
		}
		ctx := r.Context()
		src, err := s.cfg.Store.Source(ctx, id)
		if err != nil {
			s.apiFail(w, r, notFoundIf(err, "source"))
			return
		}
		res, err := s.sourceAction(ctx, src, act, purge)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		s.log.Info("api source", slog.String("action", act), slog.String("url", src.URL), slog.Bool("purge", purge))
		if act == actionRemove {
			s.writeJSON(w, r, http.StatusOK, res)
			return
		}
		s.writeSource(w, r, id)
	}
}

// sourceAction does act to a source; for a removal it says what became
// of the source's articles.
func (s *Server) sourceAction(ctx context.Context, src model.Source, act string, purge bool) (apiRemoved, error) {
	st := s.cfg.Store
	switch act {
	case actionPause, actionResume:
		return apiRemoved{}, st.SetSourcePaused(ctx, src.ID, act == actionPause)
	}
	out := apiRemoved{Kind: string(src.Kind), ID: src.ID, URL: src.URL}
	if !purge {
		n, err := st.RemoveSource(ctx, src.ID)
		out.Articles = n
		return out, err
	}
	ids, err := st.SourceArticleIDs(ctx, src.ID)
	if err != nil {
		return out, err
	}
	// The source goes first, so no poll finds its articles again while
	// they are deleted.
	if _, err := st.RemoveSource(ctx, src.ID); err != nil {
		return out, err
	}
	out.Purged = &apiPurged{}
	for _, id := range ids {
		p, err := st.PurgeArticle(ctx, id)
		if err != nil {
			return out, err
		}
		out.Purged.add(p)
	}
	out.Articles = out.Purged.Articles
	return out, nil
}

func (s *Server) writeSource(w http.ResponseWriter, r *http.Request, id int64) {
	srcs, err := s.cfg.Store.SourceSummaries(r.Context(), store.SourceQuery{AfterID: id - 1, Limit: 1})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if len(srcs) == 0 || srcs[0].ID != id {
		s.apiFail(w, r, notFound("source"))
		return
	}
	s.writeJSON(w, r, http.StatusOK, toAPISource(srcs[0]))
}

// apiArticleAction pauses, resumes or removes an article (held as
// removed, versions kept; with ?purge=true deleted with its versions).
func (s *Server) apiArticleAction(act string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, purge, ok := s.actionRequest(w, r, act)
		if !ok {
			return
		}
		ctx := r.Context()
		a, err := s.cfg.Store.Article(ctx, id)
		if err != nil {
			s.apiFail(w, r, notFoundIf(err, "article"))
			return
		}
		s.log.Info("api article", slog.String("action", act), slog.String("url", a.URL), slog.Bool("purge", purge))
		if purge {
			p, err := s.cfg.Store.PurgeArticle(ctx, id)
			if err != nil {
				s.apiFail(w, r, err)
				return
			}
			out := apiRemoved{Kind: "article", ID: id, URL: a.URL, Articles: 1, Purged: &apiPurged{}}
			out.Purged.add(p)
			s.writeJSON(w, r, http.StatusOK, out)
			return
		}
		if err := s.cfg.Store.SetArticleHold(ctx, id, actionHold[act]); err != nil {
			s.apiFail(w, r, err)
			return
		}
		sum, err := s.cfg.Store.ArticleSummary(ctx, id)
		if err != nil {
			s.apiFail(w, r, err)
			return
		}
		s.writeJSON(w, r, http.StatusOK, toAPIArticle(sum))
	}
}

// actionHold is the hold each action leaves an article with.
var actionHold = map[string]model.Hold{
	actionPause: model.HoldPaused, actionResume: model.HoldNone, actionRemove: model.HoldRemoved,
}

// purgeParam reads ?purge=true|false, which only remove takes.
func purgeParam(r *http.Request, act string) (bool, error) {
	v := r.URL.Query().Get("purge")
	if v == "" {
		return false, nil
	}
	if act != actionRemove {
		return false, badRequest("purge applies to remove only")
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, badRequest("purge must be true or false")
	}
	return b, nil
}
