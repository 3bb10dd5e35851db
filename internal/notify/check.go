package notify

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/errata/errata/internal/diff"
)

// maxName bounds a subscription's name: it is a handle, not a description.
const maxName = 64

// ErrBadSubscription is a subscription that could never be delivered as
// meant: no name, a filter naming a class that does not exist, a negative
// size.
var ErrBadSubscription = errors.New("notify: bad subscription")

// Check refuses a subscription before it is stored, so a typo shows when
// it is made and not as changes that never arrive. Outlet names are the
// caller's to check: they live in the store.
func Check(s Subscription) error {
	if s.Name == "" || len(s.Name) > maxName || strings.IndexFunc(s.Name, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w: name must be 1 to %d characters, without control characters", ErrBadSubscription, maxName)
	}
	if _, err := KindOf(s.URL); err != nil {
		return err
	}
	known := diff.ClassNames()
	for _, c := range s.Classes {
		if !slices.Contains(known, c) {
			return fmt.Errorf("%w: class %q is not one of %s", ErrBadSubscription, c, strings.Join(known, ", "))
		}
	}
	for _, e := range s.Events {
		if !slices.Contains(EventNames, e) {
			return fmt.Errorf("%w: event %q is not one of %s", ErrBadSubscription, e, strings.Join(EventNames, ", "))
		}
	}
	if s.MinWords < 0 {
		return fmt.Errorf("%w: minimum words must be 0 or more", ErrBadSubscription)
	}
	return nil
}

// Redacted shows a channel URL without what lets someone else post to it:
// a mailbox's password becomes "xxxxx"; a webhook shows its host only,
// since services put their tokens in the path or query; a chat service
// URL, whose tokens sit in its user, host or path, shows its scheme only.
func Redacted(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	switch KindOfOrEmpty(raw) {
	case KindChat:
		return u.Scheme + "://…"
	case KindWebhook:
		out := u.Scheme + "://" + u.Host + "/"
		if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
			out += "…"
		}
		return out
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}
