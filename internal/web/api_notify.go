package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
)

// maxSubscriptionBody caps a POST of one subscription.
const maxSubscriptionBody = 16 << 10

// Every subscription endpoint takes the admin token: a subscription's
// channel and its deliveries are the operator's business.

type apiSubscriptionList struct {
	Subscriptions []subscriptionView `json:"subscriptions"`
}

func (s *Server) apiSubscriptions(w http.ResponseWriter, r *http.Request) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	views, err := s.subscriptionViews(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, apiSubscriptionList{Subscriptions: views})
}

// apiSubscriptionRequest reads the token and the subscription the path
// names; it answers the request itself and reports false when either is
// wrong.
func (s *Server) apiSubscriptionRequest(w http.ResponseWriter, r *http.Request) (model.Subscription, bool) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return model.Subscription{}, false
	}
	id, err := pathID(r, "id")
	if err != nil {
		s.apiFail(w, r, notFound("subscription"))
		return model.Subscription{}, false
	}
	sub, err := s.cfg.Store.Subscription(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, notFoundIf(err, "subscription"))
		return model.Subscription{}, false
	}
	return sub, true
}

func (s *Server) apiSubscription(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.apiSubscriptionRequest(w, r)
	if !ok {
		return
	}
	s.writeSubscription(w, r, http.StatusOK, sub)
}

func (s *Server) writeSubscription(w http.ResponseWriter, r *http.Request, status int, sub model.Subscription) {
	v, err := s.subscriptionView(r.Context(), sub)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, status, v)
}

// apiSubscriptionIn is the body of POST /api/v1/subscriptions.
type apiSubscriptionIn struct {
	Name     string   `json:"name"`
	URL      string   `json:"url"`
	Secret   string   `json:"secret"`
	Outlets  []string `json:"outlets"`
	Classes  []string `json:"classes"`
	Events   []string `json:"events"`
	MinWords int      `json:"min_words"`
	Minor    bool     `json:"minor"`
}

func (s *Server) apiAddSubscription(w http.ResponseWriter, r *http.Request) {
	if err := s.adminAPI(w, r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in apiSubscriptionIn
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxSubscriptionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.apiFail(w, r, &httpError{status: http.StatusRequestEntityTooLarge, msg: "body too large"})
			return
		}
		s.apiFail(w, r, badRequest(`want a JSON object {"name": ..., "url": ..., "secret", "outlets", "classes", "events", "min_words", "minor"}: %v`, err))
		return
	}
	sub, err := s.addSubscription(r.Context(), model.Subscription{Name: in.Name, URL: in.URL, Secret: in.Secret,
		Outlets: in.Outlets, Classes: in.Classes, Events: in.Events, MinWords: in.MinWords, Minor: in.Minor})
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.log.Info("api notify add", slog.String("name", sub.Name), slog.String("channel", string(notify.KindOfOrEmpty(sub.URL))))
	s.writeSubscription(w, r, http.StatusCreated, sub)
}

func (s *Server) apiRemoveSubscription(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.apiSubscriptionRequest(w, r)
	if !ok {
		return
	}
	if err := s.cfg.Store.RemoveSubscription(r.Context(), sub.Name); err != nil {
		s.apiFail(w, r, notFoundIf(err, "subscription"))
		return
	}
	s.log.Info("api notify remove", slog.String("name", sub.Name))
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) apiTestSubscription(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.apiSubscriptionRequest(w, r)
	if !ok {
		return
	}
	if err := s.testSubscription(r.Context(), sub); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"sent": sub.Name})
}

// apiDelivery is one line of a subscription's delivery log.
type apiDelivery struct {
	ID          int64  `json:"id"`
	VersionID   int64  `json:"version_id"`
	Status      string `json:"status"`
	Attempts    int    `json:"attempts"`
	LastError   string `json:"last_error,omitempty"`
	Created     string `json:"created"`
	DeliveredAt string `json:"delivered_at,omitempty"`
}

// apiDeliveries lists a subscription's latest deliveries, newest first:
// ?limit=N.
func (s *Server) apiDeliveries(w http.ResponseWriter, r *http.Request) {
	sub, ok := s.apiSubscriptionRequest(w, r)
	if !ok {
		return
	}
	limit, err := limitParam(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	ds, err := s.cfg.Store.Deliveries(r.Context(), sub.ID, limit)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := struct {
		Deliveries []apiDelivery `json:"deliveries"`
	}{make([]apiDelivery, len(ds))}
	for i, d := range ds {
		out.Deliveries[i] = apiDelivery{ID: d.ID, VersionID: d.VersionID, Status: d.Status, Attempts: d.Attempts,
			LastError: d.LastError, Created: isoDate(d.Created), DeliveredAt: isoDate(d.DeliveredAt)}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}
