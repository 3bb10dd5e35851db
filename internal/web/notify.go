package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/notify"
	"github.com/errata/errata/internal/store"
)

// Subscriptions are managed from the admin page and the API alike; both
// show a channel's URL redacted, since it may hold the tokens that let
// anyone post to the channel, and neither ever shows a signing secret.

// subscriptionView is one subscription as the admin page and the API show
// it, with the sum of its delivery log.
type subscriptionView struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Channel   string   `json:"channel"`
	URL       string   `json:"url"`
	Signed    bool     `json:"signed"`
	Outlets   []string `json:"outlets"`
	Classes   []string `json:"classes"`
	Events    []string `json:"events"`
	MinWords  int      `json:"min_words"`
	Minor     bool     `json:"minor"`
	Created   string   `json:"created"`
	Delivered int      `json:"delivered"`
	Failed    int      `json:"failed"`
	Pending   int      `json:"pending"`
	LastError string   `json:"last_error,omitempty"`
}

func (s *Server) subscriptionViews(ctx context.Context) ([]subscriptionView, error) {
	subs, err := s.cfg.Store.Subscriptions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]subscriptionView, len(subs))
	for i, sub := range subs {
		if out[i], err = s.subscriptionView(ctx, sub); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Server) subscriptionView(ctx context.Context, sub model.Subscription) (subscriptionView, error) {
	stats, err := s.cfg.Store.SubscriptionStats(ctx, sub.ID)
	return subscriptionView{
		ID: sub.ID, Name: sub.Name, Channel: string(notify.KindOfOrEmpty(sub.URL)), URL: notify.Redacted(sub.URL),
		Signed: sub.Secret != "", Outlets: orEmpty(sub.Outlets), Classes: orEmpty(sub.Classes), Events: orEmpty(sub.Events),
		MinWords: sub.MinWords, Minor: sub.Minor, Created: isoDate(sub.Created),
		Delivered: stats.Delivered, Failed: stats.Failed, Pending: stats.Pending, LastError: stats.LastError,
	}, err
}

// orEmpty keeps JSON lists lists: "outlets": [] rather than null.
func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// addSubscription checks a subscription as the CLI does and stores it.
// Its errors are written for the person who filled in the form.
func (s *Server) addSubscription(ctx context.Context, sub model.Subscription) (model.Subscription, error) {
	if err := notify.Check(sub); err != nil {
		return sub, badRequest("%s", strings.TrimPrefix(err.Error(), "notify: "))
	}
	for i, o := range sub.Outlets {
		out, err := s.cfg.Store.OutletNamed(ctx, o)
		if errors.Is(err, store.ErrNotFound) {
			return sub, badRequest("no outlet named %q", o)
		}
		if err != nil {
			return sub, err
		}
		sub.Outlets[i] = out.Name
	}
	added, err := s.cfg.Store.AddSubscription(ctx, sub, s.now())
	if errors.Is(err, store.ErrExists) {
		return sub, &httpError{status: http.StatusConflict, msg: fmt.Sprintf("a subscription named %q exists; remove it first or pick another name", sub.Name)}
	}
	return added, err
}

// testSubscription sends a sample change to a subscription now.
func (s *Server) testSubscription(ctx context.Context, sub model.Subscription) error {
	if s.cfg.Notify == nil {
		return &httpError{status: http.StatusServiceUnavailable, msg: "sending notifications is not available in this process"}
	}
	p, err := notify.Sample(s.cfg.BaseURL, s.now())
	if err != nil {
		return err
	}
	if err := s.cfg.Notify.Send(ctx, sub, p); err != nil {
		// The channel's answer says what to fix (a refused address, a
		// 401 from the receiver); it is the user's own URL.
		return &httpError{status: http.StatusBadGateway, msg: "the sample was not delivered: " + strings.TrimPrefix(err.Error(), "notify: ")}
	}
	return nil
}
