package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// adminSourcesPage lists sources with their state, last error and the
// buttons that pause, resume or remove each.
type adminSourcesPage struct {
	Sources []adminSource
	Next    string // the next page of sources, when there is one
	Result  string
	Error   string
}

type adminSource struct {
	store.SourceSummary
	PausePath, ResumePath, RemovePath string
}

func adminSourcePath(id int64, act string) string {
	return fmt.Sprintf("/admin/sources/%d/%s", id, act)
}

func (s *Server) handleAdminSources(w http.ResponseWriter, r *http.Request) {
	if !s.adminEnabled(w, r) {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	after, err := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	if r.URL.Query().Get("after") == "" {
		after, err = 0, nil
	}
	if err != nil || after < 0 {
		s.fail(w, r, badRequest("after must be a source id"))
		return
	}
	s.renderSources(w, r, http.StatusOK, adminSourcesPage{}, after)
}

// handleAdminSourceAction pauses, resumes or removes one source (keeping
// the versions of its articles), then shows the list again.
func (s *Server) handleAdminSourceAction(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	act := r.PathValue("action")
	if act != actionPause && act != actionResume && act != actionRemove {
		s.fail(w, r, notFound("page"))
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	src, err := s.cfg.Store.Source(ctx, id)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "source"))
		return
	}
	res, err := s.sourceAction(ctx, src, act, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.log.Info("admin source", slog.String("action", act), slog.String("url", src.URL))
	s.renderSources(w, r, http.StatusOK, adminSourcesPage{Result: actionResult(act, src.Kind, src.URL, res.Articles)}, 0)
}

func actionResult(act string, kind model.SourceKind, url string, articles int) string {
	switch act {
	case actionPause:
		return fmt.Sprintf("Paused the %s %s: it is not polled until it is resumed.", kind, url)
	case actionResume:
		return fmt.Sprintf("Resumed the %s %s: it is polled again on its schedule.", kind, url)
	}
	found := fmt.Sprintf("The %d articles it found are no longer checked; their versions are kept.", articles)
	if articles == 1 {
		found = "The article it found is no longer checked; its versions are kept."
	}
	return fmt.Sprintf("Removed the %s %s. %s", kind, url, found)
}

func (s *Server) renderSources(w http.ResponseWriter, r *http.Request, status int, p adminSourcesPage, after int64) {
	q := store.SourceQuery{AfterID: after, Limit: store.MaxPage}
	srcs, err := s.cfg.Store.SourceSummaries(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, src := range srcs {
		p.Sources = append(p.Sources, adminSource{SourceSummary: src,
			PausePath: adminSourcePath(src.ID, actionPause), ResumePath: adminSourcePath(src.ID, actionResume),
			RemovePath: adminSourcePath(src.ID, actionRemove)})
	}
	if len(srcs) == q.Limit {
		p.Next = fmt.Sprintf("/admin/sources?after=%d", srcs[len(srcs)-1].ID)
	}
	s.render(w, r, status, "admin_sources", pageData{Title: "Sources", Data: p})
}
