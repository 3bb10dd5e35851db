package web

import (
	"net/http"
	"strconv"

	"github.com/errata/errata/internal/model"
)

// versionPicker is the form that picks two versions of an article to
// compare: a plain GET to pickPath, which redirects to the diff.
type versionPicker struct {
	Action  string
	A, B    int
	Inline  bool
	Options []model.Version // heads only, oldest first
}

// newPicker offers every version of an article, a and b selected; nil
// when there is nothing to compare.
func newPicker(id int64, heads []model.Version, a, b int, inline bool) *versionPicker {
	if len(heads) < 2 {
		return nil
	}
	return &versionPicker{Action: pickPath(id), A: a, B: b, Inline: inline, Options: heads}
}

func pickPath(id int64) string { return articlePath(id) + "/diff" }

// handlePick answers the picker's form: /articles/{id}/diff?a=&b=[&view=]
// redirects to the diff of the two versions, the older first.
func (s *Server) handlePick(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, errA := seqParam(r, "a")
	b, errB := seqParam(r, "b")
	inline, errV := inlineParam(r)
	for _, err := range []error{errA, errB, errV} {
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if a == b {
		s.fail(w, r, badRequest("pick two different versions to compare, not %d twice", a))
		return
	}
	art, err := s.cfg.Store.ArticleSummary(r.Context(), id)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "article"))
		return
	}
	if last := art.Versions - 1; max(a, b) > last {
		s.fail(w, r, badRequest("version %d does not exist: this article has versions 0 to %d", max(a, b), last))
		return
	}
	// Built from the numbers read, never from the request's text.
	to := diffPath(id, min(a, b), max(a, b))
	if inline {
		to += inlineSuffix
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// seqParam reads a version number (0 or more) from the query.
func seqParam(r *http.Request, name string) (int, error) {
	v := r.URL.Query().Get(name)
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badRequest("%s %.40q is not a version number (0 or more)", name, v)
	}
	return n, nil
}
