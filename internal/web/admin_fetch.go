package web

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/errata/errata/internal/model"
)

// maxFetchBody caps a PUT of an outlet's fetch mode.
const maxFetchBody = 1 << 10

func adminFetchPath(name string) string { return "/admin/outlets/" + url.PathEscape(name) + "/fetch" }

// handleAdminFetch sets how an outlet's pages are fetched (mode=http or
// mode=browser), then shows the admin page with the outcome under it.
func (s *Server) handleAdminFetch(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	o, err := s.pathOutlet(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mode, ok := model.ParseFetchMode(r.PostForm.Get("mode"))
	form := ruleForm{Kind: string(model.RuleDrop)}
	status := http.StatusOK
	switch {
	case !ok:
		form.Error, status = "choose http or browser", http.StatusUnprocessableEntity
	default:
		if err := s.cfg.Store.SetOutletFetch(ctx, o.ID, mode); err != nil {
			s.fail(w, r, err)
			return
		}
		s.log.Info("admin fetch mode", slog.String("outlet", o.Name), slog.String("mode", string(mode)))
		form.Result = fmt.Sprintf("Pages are now fetched %s, from each article's next check.", fetchWords(mode))
	}
	s.renderAdmin(w, r, status, adminPage{outletID: o.ID, ruleForm: form})
}

// fetchWords says how a mode fetches, for a sentence.
func fetchWords(m model.FetchMode) string {
	if m == model.FetchBrowser {
		return "in a headless browser, scripts run"
	}
	return "with a plain HTTP request"
}

// apiPutFetch sets an outlet's fetch mode from {"mode": "http"|"browser"},
// with the admin token as a bearer token, and answers with the outlet.
func (s *Server) apiPutFetch(w http.ResponseWriter, r *http.Request) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	ctx := r.Context()
	o, err := s.pathOutlet(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in struct {
		Mode string `json:"mode"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxFetchBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		s.apiFail(w, r, badRequest(`want a JSON object {"mode": "http" or "browser"}: %v`, err))
		return
	}
	mode, ok := model.ParseFetchMode(in.Mode)
	if !ok {
		s.apiFail(w, r, badRequest(`mode %q: want "http" or "browser"`, in.Mode))
		return
	}
	if err := s.cfg.Store.SetOutletFetch(ctx, o.ID, mode); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.log.Info("api fetch mode", slog.String("outlet", o.Name), slog.String("mode", string(mode)))
	s.writeOutlet(w, r, o.Name)
}
