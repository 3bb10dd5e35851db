package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
)

// adminNotifyPage lists subscriptions, once the token is given (their
// channels are private), under the form that adds one.
type adminNotifyPage struct {
	Shown   bool // the list was asked for with the right token
	Subs    []adminSubscription
	Classes []string
	Events  []string
	Form    model.Subscription // the add form just posted, shown again
	Outlets string             // its outlets as typed
	Result  string
	Error   string
}

type adminSubscription struct {
	subscriptionView
	TestPath, RemovePath string
}

func adminNotifyPath(id int64, act string) string {
	return fmt.Sprintf("/admin/notify/%d/%s", id, act)
}

func (s *Server) notifyRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/notify", s.handleAdminNotify)
	mux.HandleFunc("POST /admin/notify", s.handleAdminNotifyList)
	mux.HandleFunc("POST /admin/notify/add", s.handleAdminNotifyAdd)
	mux.HandleFunc("POST /admin/notify/{id}/{action}", s.handleAdminNotifyAction)
	mux.HandleFunc("GET /api/v1/subscriptions", s.apiSubscriptions)
	mux.HandleFunc("POST /api/v1/subscriptions", s.apiAddSubscription)
	mux.HandleFunc("GET /api/v1/subscriptions/{id}", s.apiSubscription)
	mux.HandleFunc("DELETE /api/v1/subscriptions/{id}", s.apiRemoveSubscription)
	mux.HandleFunc("POST /api/v1/subscriptions/{id}/test", s.apiTestSubscription)
	mux.HandleFunc("GET /api/v1/subscriptions/{id}/deliveries", s.apiDeliveries)
}

func (s *Server) handleAdminNotify(w http.ResponseWriter, r *http.Request) {
	if !s.adminEnabled(w, r) {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.renderNotify(w, r, http.StatusOK, adminNotifyPage{})
}

// handleAdminNotifyList shows the subscriptions to whoever has the token.
func (s *Server) handleAdminNotifyList(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderNotify(w, r, http.StatusOK, adminNotifyPage{Shown: true})
}

func (s *Server) handleAdminNotifyAdd(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := r.PostForm
	p := adminNotifyPage{Shown: true, Outlets: strings.TrimSpace(f.Get("outlets"))}
	p.Form = model.Subscription{Name: strings.TrimSpace(f.Get("name")), URL: strings.TrimSpace(f.Get("url")),
		Secret: f.Get("secret"), Classes: f["class"], Events: f["event"], Minor: f.Get("minor") != "", Outlets: splitList(p.Outlets)}
	status := http.StatusOK
	if p.Form.MinWords, p.Error = minWordsField(f.Get("min_words")); p.Error != "" {
		status = http.StatusUnprocessableEntity
	} else if sub, err := s.addSubscription(r.Context(), p.Form); err != nil {
		st, msg := classify(err)
		if st == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		p.Error, status = msg, http.StatusUnprocessableEntity
	} else {
		s.log.Info("admin notify add", slog.String("name", sub.Name), slog.String("channel", string(notify.KindOfOrEmpty(sub.URL))))
		p.Result, p.Form, p.Outlets = fmt.Sprintf("Added %s.", sub.Name), model.Subscription{}, ""
	}
	s.renderNotify(w, r, status, p)
}

// minWordsField reads the form's minimum size: empty is 0.
func minWordsField(v string) (int, string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, ""
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, "Minimum words must be a whole number, 0 or more."
	}
	return n, ""
}

// splitList reads a comma-separated form field.
func splitList(v string) []string {
	var out []string
	for p := range strings.SplitSeq(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// handleAdminNotifyAction sends a sample to a subscription or removes it,
// then shows the list again.
func (s *Server) handleAdminNotifyAction(w http.ResponseWriter, r *http.Request) {
	if err := s.adminForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	act := r.PathValue("action")
	if act != "test" && act != actionRemove {
		s.fail(w, r, notFound("page"))
		return
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.fail(w, r, notFound("subscription"))
		return
	}
	ctx := r.Context()
	sub, err := s.cfg.Store.Subscription(ctx, id)
	if err != nil {
		s.fail(w, r, notFoundIf(err, "subscription"))
		return
	}
	p := adminNotifyPage{Shown: true}
	status := http.StatusOK
	if act == actionRemove {
		if err := s.cfg.Store.RemoveSubscription(ctx, sub.Name); err != nil {
			s.fail(w, r, notFoundIf(err, "subscription"))
			return
		}
		p.Result = fmt.Sprintf("Removed %s; its delivery log went with it.", sub.Name)
	} else if err := s.testSubscription(ctx, sub); err != nil {
		st, msg := classify(err)
		if st == http.StatusInternalServerError {
			s.fail(w, r, err)
			return
		}
		p.Error, status = msg, st
	} else {
		p.Result = fmt.Sprintf("Sent a sample change to %s.", sub.Name)
	}
	s.log.Info("admin notify", slog.String("action", act), slog.String("name", sub.Name))
	s.renderNotify(w, r, status, p)
}

func (s *Server) renderNotify(w http.ResponseWriter, r *http.Request, status int, p adminNotifyPage) {
	p.Classes, p.Events = changeClasses, notify.EventNames
	if p.Shown {
		views, err := s.subscriptionViews(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Subs = make([]adminSubscription, len(views))
		for i, v := range views {
			p.Subs[i] = adminSubscription{v, adminNotifyPath(v.ID, "test"), adminNotifyPath(v.ID, actionRemove)}
		}
	}
	s.render(w, r, status, "admin_notify", pageData{Title: "Notifications", Data: p})
}
