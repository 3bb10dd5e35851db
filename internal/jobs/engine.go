package jobs

import (
	"context"
	"log/slog"
	"time"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/metrics"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
)

// recentChecks is how many of an article's latest checks the flip-flop
// rule needs to see.
const recentChecks = 3

// Engine holds what every job needs. The zero value is not usable; build
// one with NewEngine.
type Engine struct {
	Store *store.Store
	Fetch *fetch.Client
	// Render loads the pages of outlets in browser mode; nil: their
	// checks fail with an error saying so.
	Render Renderer
	Policy schedule.Policy
	Now    func() time.Time
	Log    *slog.Logger
	// Metrics counts checks, polls, fetch times and errors; nil: none.
	Metrics *metrics.Set
	// OnCrawl, when set, is told each step of a Crawl as it happens. It
	// is called from the crawl's workers, several at once.
	OnCrawl func(CrawlEvent)
	// OnVersion, when set, is told of each version a check recorded, once
	// its transaction has committed. It must not block the check: it
	// queues work (Queue.EnqueueDeliveries) or keeps it for after the pass
	// (Collector.Recorded).
	OnVersion func(ctx context.Context, a model.Article, v model.Version)
	// OnEvent, when set, is told of each lifecycle event a check recorded
	// (gone, back, moved, flip-flop), once its transaction has committed;
	// like OnVersion, it must not block the check.
	OnEvent func(ctx context.Context, a model.Article, ev model.Event)

	rereads rereadCache
}

// NewEngine returns an engine with the default schedule and the real clock.
func NewEngine(st *store.Store, fc *fetch.Client, log *slog.Logger) *Engine {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Engine{
		Store:  st,
		Fetch:  fc,
		Policy: schedule.DefaultPolicy(),
		Now:    time.Now,
		Log:    log,
	}
}

func (e *Engine) now() time.Time { return e.Now().UTC() }

// outlet reads an outlet afresh on every check: its rules change while
// serve runs (the CLI or the admin page set them, from any process), and
// a check must apply the rules in force now. One primary-key read is
// small beside the fetch and the extraction it serves.
func (e *Engine) outlet(ctx context.Context, id int64) (model.Outlet, error) {
	return e.Store.Outlet(ctx, id)
}
