package schedule

import (
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
)

// MaxDelay caps any single delay, so absurd policy values cannot overflow a
// time.Time or push a check out of reach.
const MaxDelay = 365 * day

// defaultPollEvery is used when a policy leaves PollEvery unset, so a partly
// filled Policy never polls sources in a tight loop.
const defaultPollEvery = 15 * time.Minute

// History is what the schedule needs to know about an article after a check.
type History struct {
	ID          int64     // article id; seeds the deterministic jitter
	FirstSeen   time.Time // when errata first saw the article
	Published   time.Time // zero if unknown
	LastChanged time.Time // time of the latest version (zero → FirstSeen)
	Errors      int       // consecutive errored checks, including the one just made
	Gone        int       // consecutive 404/410 checks, including the one just made
	GoneSince   time.Time // when a gone article went; zero when unknown
	State       model.ArticleState
}

// HistoryOf reads the schedule's inputs off an article.
func HistoryOf(a model.Article) History {
	return History{
		ID: a.ID, FirstSeen: a.FirstSeen, Published: a.Published,
		LastChanged: a.LastChanged, Errors: a.Errors, Gone: a.Gone, State: a.State,
	}
}

// Plan is the schedule's decision. Next is zero when the article is no longer
// checked (State stopped or gone).
type Plan struct {
	Next   time.Time
	State  model.ArticleState
	Reason string // words for users, e.g. "checked every hour"
}

// Next plans the check after the one made at now. Stopped is sticky. A
// gone article stays gone while it answers 404/410 (or fails), checked
// every GoneEvery until GoneFor has passed since it went, then no more; one
// that answers again (Gone back to 0) is planned as an active one.
func (p Policy) Next(h History, now time.Time) Plan {
	switch {
	case h.State == model.StateStopped:
		return p.stopped()
	case h.State == model.StateGone && h.Gone > 0:
		return p.gone(h, h.GoneSince, now)
	case h.State != model.StateGone && p.GoneAfter > 0 && h.Gone >= p.GoneAfter:
		return p.gone(h, now, now)
	case p.StopAfter > 0 && h.unchangedFor(now) >= p.StopAfter:
		return p.stopped()
	}
	regular := p.every(h.age(now))
	delay, reason := regular, "checked "+everyWords(regular)
	switch {
	case h.Gone > 0:
		delay = p.backoff(h.Gone, regular)
		reason = fmt.Sprintf("not found (404/410) %s; retrying in %s", times(h.Gone), words(delay))
	case h.Errors > 0:
		delay = p.backoff(h.Errors, regular)
		reason = fmt.Sprintf("retrying after %s in %s", errorsWords(h.Errors), words(delay))
	}
	delay = jitter(min(delay, MaxDelay), p.Jitter, h.ID, now)
	return Plan{Next: now.Add(delay), State: model.StateActive, Reason: reason}
}

// NextPoll says when a source polled at lastPolled is polled again: every
// PollEvery, backing off like articles do after consecutive errors. A source
// never polled, or overdue, is due at now.
func (p Policy) NextPoll(lastPolled time.Time, errors int, now time.Time) time.Time {
	if lastPolled.IsZero() {
		return now
	}
	regular := p.PollEvery
	if regular <= 0 {
		regular = defaultPollEvery
	}
	delay := atLeast(regular)
	if errors > 0 {
		delay = p.backoff(errors, delay)
	}
	next := lastPolled.Add(jitter(min(delay, MaxDelay), p.Jitter, 0, lastPolled))
	if next.Before(now) {
		return now
	}
	return next
}

func (p Policy) stopped() Plan {
	return Plan{State: model.StateStopped, Reason: "stopped: unchanged for " + words(p.StopAfter)}
}

// gone plans the next look at an article gone since since: every
// GoneEvery while GoneFor has not passed, else none. An unknown since
// (an article gone before gone articles were re-checked) means none.
func (p Policy) gone(h History, since, now time.Time) Plan {
	plan := Plan{State: model.StateGone, Reason: fmt.Sprintf("gone: not found (404/410) %s in a row", times(p.GoneAfter))}
	if p.GoneEvery <= 0 || p.GoneFor <= 0 || since.IsZero() || now.Sub(since) >= p.GoneFor {
		return plan
	}
	every := atLeast(p.GoneEvery)
	plan.Next = now.Add(jitter(min(every, MaxDelay), p.Jitter, h.ID, now))
	plan.Reason += fmt.Sprintf("; checked %s for its return until %s after it went", everyWords(every), words(p.GoneFor))
	return plan
}

// age counts from the earlier of Published and FirstSeen, because an article
// found late is still old; a Published in the future (a wrong or embargoed
// date) is ignored. An article with no known start is brand new.
func (h History) age(now time.Time) time.Duration {
	start := h.FirstSeen
	if !h.Published.IsZero() && !h.Published.After(now) &&
		(start.IsZero() || h.Published.Before(start)) {
		start = h.Published
	}
	if start.IsZero() {
		return 0
	}
	return max(now.Sub(start), 0)
}

// unchangedFor is how long the article has gone without a new version; zero
// when nothing is known, so an article is never stopped for lack of data.
func (h History) unchangedFor(now time.Time) time.Duration {
	last := h.LastChanged
	if last.IsZero() {
		last = h.FirstSeen
	}
	if last.IsZero() {
		return 0
	}
	return max(now.Sub(last), 0)
}
