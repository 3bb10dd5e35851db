// Package identity decides which article a fetched page belongs to when the
// page was served from somewhere else than the article's URL: a redirect to
// a new slug (the article moved), to another site (followed for fetching,
// never a change of identity), or to a site's home page (the article is no
// longer there).
//
// The decision is a pure function of what the check saw and what the store
// holds; the caller gathers the facts and records the decision in the same
// transaction as the check.
package identity

import (
	"fmt"
	"net/url"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/model"
)

// Action is what a check does with an article's identity.
type Action int

const (
	// Keep leaves the article under its URL.
	Keep Action = iota
	// Rekey moves the article to Decision.URL; its old URL becomes an alias.
	Rekey
	// Absorb moves the article to Decision.URL and folds into it the article
	// already discovered there (Decision.Absorb), which has no history yet.
	Absorb
	// Refuse means the response is not the article at all: nothing in it
	// may be compared with the article's history.
	Refuse
)

func (a Action) String() string {
	switch a {
	case Keep:
		return "keep"
	case Rekey:
		return "rekey"
	case Absorb:
		return "absorb"
	case Refuse:
		return "refuse"
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// Decision is the outcome of Decide.
type Decision struct {
	Action Action
	URL    string // the article's URL after the check
	Absorb int64  // the article folded in, for Absorb
	Reason string // why, for logs and the check's record; "" when nothing happened
}

// Occupant is the article the store already holds under a redirect's
// target URL.
type Occupant struct {
	Article  model.Article
	Versions bool // it has recorded history
}

// Redirect is what a check saw: the article it fetched and where the
// response finally came from.
type Redirect struct {
	Article    model.Article
	Final      string // canonical URL the response was served from
	Redirected bool
	Permanent  bool      // every hop was a permanent redirect (301, 308)
	Occupant   *Occupant // the article stored under Final, if any
}

// Decide applies the identity rules to one response:
//
//   - No redirect, or one back to the article's own URL: keep.
//   - A redirect, permanent or not, to a site's home page, from a page that
//     was not one: refuse. Outlets send removed stories there; the home
//     page is not a new version of the story.
//   - A redirect to another site: keep. The page is followed for fetching,
//     but another site cannot take an article over, or hand one of its own
//     to this article's outlet.
//   - A temporary redirect: keep.
//   - A permanent redirect within the site: rekey to the new URL, unless an
//     article with history, or an article of another outlet, already lives
//     there (keep both); an article of the same outlet with no history yet
//     is absorbed.
func Decide(r Redirect) Decision {
	keep := Decision{Action: Keep, URL: r.Article.URL}
	if !r.Redirected || r.Final == "" || r.Final == r.Article.URL {
		return keep
	}
	from, err1 := url.Parse(r.Article.URL)
	to, err2 := url.Parse(r.Final)
	if err1 != nil || err2 != nil {
		keep.Reason = "redirect target unreadable"
		return keep
	}
	if discover.IsHomePage(to) && !discover.IsHomePage(from) {
		return Decision{Action: Refuse, URL: r.Article.URL, Reason: "redirected to the home page of " + to.Host}
	}
	if !discover.SameSite(from, to) {
		keep.Reason = "redirected to another site (" + to.Host + "); the article keeps its URL"
		return keep
	}
	if !r.Permanent {
		return keep
	}
	switch o := r.Occupant; {
	case o == nil || o.Article.ID == r.Article.ID:
		return Decision{Action: Rekey, URL: r.Final, Reason: "moved permanently"}
	case o.Versions:
		keep.Reason = "moved to a URL that has history of its own; keeping both"
		return keep
	case o.Article.OutletID != r.Article.OutletID:
		keep.Reason = "moved to a URL tracked for another outlet; keeping both"
		return keep
	default:
		return Decision{Action: Absorb, URL: r.Final, Absorb: o.Article.ID, Reason: "moved permanently to a URL discovered meanwhile"}
	}
}

// Home reports whether a link a feed or sitemap listed belongs to the
// source's outlet: it is on the source's site or on the outlet's own host.
// Otherwise the link belongs to the outlet of its own site, which the
// caller finds or creates: a feed cannot claim another site's articles.
func Home(link, source, outletHost string) bool {
	l, err := url.Parse(link)
	if err != nil {
		return false
	}
	if s, err := url.Parse(source); err == nil && discover.SameSite(l, s) {
		return true
	}
	if outletHost == "" {
		return false
	}
	h, err := url.Parse(l.Scheme + "://" + outletHost + "/")
	return err == nil && discover.SameSite(l, h)
}
