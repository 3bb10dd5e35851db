package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// answered reports whether a check's outcome means the page is there:
// anything but a 404/410 (or a redirect to a home page) and a failure.
func answered(o model.Outcome) bool {
	return o != model.OutcomeGone && o != model.OutcomeError
}

// comeBack marks a gone article that answered again active, with a "back"
// event, before it is rescheduled as an active one.
func comeBack(before model.Article, rec *store.CheckRecord, res CheckResult, status int) {
	if before.State != model.StateGone || !answered(res.Outcome) {
		return
	}
	rec.Article.State, rec.Article.Gone = model.StateActive, 0
	rec.Events = append(rec.Events, model.Event{Kind: model.EventBack, Status: status, Seq: model.NoSeq})
}

// wentGone adds a "gone" event when this check made the article gone.
func wentGone(before model.Article, rec *store.CheckRecord, status int) {
	if before.State != model.StateGone && rec.Article.State == model.StateGone {
		rec.Events = append(rec.Events, model.Event{Kind: model.EventGone, Status: status, Seq: model.NoSeq})
	}
}

// movedEvent is the event of an article taking a new URL.
func movedEvent(from, to string) model.Event {
	return model.Event{Kind: model.EventMoved, OldURL: from, NewURL: to, Seq: model.NoSeq}
}

// goneSince is when a gone article went: the time of its latest "gone"
// event; zero when it has none (it went before events were recorded), so
// it is not watched for its return.
func (e *Engine) goneSince(ctx context.Context, a model.Article) (time.Time, error) {
	if a.State != model.StateGone {
		return time.Time{}, nil
	}
	evs, err := e.Store.Events(ctx, store.EventQuery{ArticleID: a.ID, Kinds: []model.EventKind{model.EventGone}, Limit: 1})
	if err != nil {
		return time.Time{}, fmt.Errorf("jobs: events of %s: %w", a.URL, err)
	}
	if len(evs) == 0 {
		return time.Time{}, nil
	}
	return evs[0].At, nil
}

// flipFlop returns the event that opens a flip-flop episode: the first
// flip-flop check after a settled one of another outcome. Later checks of
// the same episode add nothing. Seq is the version served again.
func (e *Engine) flipFlop(ctx context.Context, a model.Article, res CheckResult) (*model.Event, error) {
	if res.Outcome != model.OutcomeFlipFlop {
		return nil, nil
	}
	recent, err := e.Store.RecentChecks(ctx, a.ID, 2*recentChecks)
	if err != nil {
		return nil, fmt.Errorf("jobs: checks of %s: %w", a.URL, err)
	}
	if steady := steadyChecks(recent); len(steady) > 0 && steady[0].Outcome == model.OutcomeFlipFlop {
		return nil, nil
	}
	versions, err := e.Store.Lineage(ctx, a.ID)
	if err != nil {
		return nil, fmt.Errorf("jobs: versions of %s: %w", a.URL, err)
	}
	ev := model.Event{Kind: model.EventFlipFlop, Seq: model.NoSeq}
	for _, v := range versions {
		if v.Hash == res.Hash {
			ev.Seq = v.Seq
		}
	}
	return &ev, nil
}

// stampEvents gives the check's events its time and status where they
// have none of their own.
func stampEvents(evs []model.Event, c model.Check) {
	for i := range evs {
		if evs[i].At.IsZero() {
			evs[i].At = c.At
		}
		if evs[i].Status == 0 && evs[i].Kind != model.EventMoved {
			evs[i].Status = c.Status
		}
	}
}

// announce tells OnEvent of each event a committed check recorded.
func (e *Engine) announce(ctx context.Context, a model.Article, evs []model.Event) {
	if e.OnEvent == nil {
		return
	}
	for _, ev := range evs {
		if ev.ID != 0 {
			e.OnEvent(ctx, a, ev)
		}
	}
}
