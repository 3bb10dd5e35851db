package notify

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
)

// Kind is how a subscription is told: the channel its URL names.
type Kind string

// Channel kinds.
const (
	KindWebhook Kind = "webhook"
	KindEmail   Kind = "email"
	KindChat    Kind = "chat"
)

// chatSchemes are the URL schemes of the chat services sent through
// shoutrrr. Only these are accepted, so a mistyped URL is refused when the
// subscription is made rather than at every delivery.
var chatSchemes = []string{
	"slack", "discord", "telegram", "matrix", "ntfy", "gotify",
	"teams", "pushover", "pushbullet", "rocketchat", "mattermost", "zulip",
	"googlechat", "signal", "bark", "join", "opsgenie",
}

// EventChange names a change (a new version) among the events a
// subscription may ask for; the others are the lifecycle event kinds
// (see EventNames). A subscription that names none gets changes only.
const EventChange = "change"

// Subscription is the model's; this package gives it its meaning.
type Subscription = model.Subscription

// ErrBadURL is a channel URL no channel speaks.
var ErrBadURL = errors.New("notify: unsupported channel URL")

// KindOf names the channel a URL is for.
func KindOf(raw string) (Kind, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" {
		return "", fmt.Errorf("%w %q: give a full URL (https://, smtp://, slack://...)", ErrBadURL, raw)
	}
	switch s := strings.ToLower(u.Scheme); {
	case s == "http" || s == "https":
		return KindWebhook, nil
	case s == "smtp" || s == "smtps":
		return KindEmail, nil
	case slices.Contains(chatSchemes, s):
		return KindChat, nil
	}
	return "", fmt.Errorf("%w %q: scheme %q is not a webhook, smtp or chat service URL", ErrBadURL, raw, u.Scheme)
}

// Matches reports whether a change or a lifecycle event passes the
// subscription's filters. Outlets apply to both; classes, size and minor
// only to changes, which have them.
func Matches(s Subscription, p Payload) bool {
	if !wants(s, p.Event) {
		return false
	}
	if len(s.Outlets) > 0 && !slices.ContainsFunc(s.Outlets, func(o string) bool { return strings.EqualFold(o, p.Outlet) }) {
		return false
	}
	if p.Event != EventChange {
		return true
	}
	if len(s.Classes) > 0 && !slices.ContainsFunc(p.Classes, func(c string) bool { return slices.Contains(s.Classes, c) }) {
		return false
	}
	if !s.Minor && onlyMinor(p.Classes) {
		return false
	}
	return p.Added+p.Removed >= s.MinWords
}

// wants reports whether a subscription asks for an event: the ones it
// names, or changes alone when it names none.
func wants(s Subscription, event string) bool {
	if len(s.Events) == 0 {
		return event == EventChange
	}
	return slices.Contains(s.Events, event)
}

func onlyMinor(classes []string) bool {
	return len(classes) == 1 && classes[0] == string(diff.Minor)
}

// KindOfOrEmpty names the channel of a URL, or "" when it names none.
func KindOfOrEmpty(raw string) Kind {
	k, _ := KindOf(raw)
	return k
}
