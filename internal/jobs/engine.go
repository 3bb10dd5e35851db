package jobs

import (
	"context"
	"log/slog"
	"sync"
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
	Store  *store.Store
	Fetch  *fetch.Client
	Policy schedule.Policy
	Now    func() time.Time
	Log    *slog.Logger
	// ConfirmDelay is how long after a fetch that differed from the latest
	// version its confirmation fetch runs; 0 means the fetcher's host
	// interval.
	ConfirmDelay time.Duration
	// Metrics counts checks, polls, fetch times and errors; nil: none.
	Metrics *metrics.Set

	mu      sync.Mutex
	outlets map[int64]model.Outlet
	rereads rereadCache
}

// NewEngine returns an engine with the default schedule and the real clock.
func NewEngine(st *store.Store, fc *fetch.Client, log *slog.Logger) *Engine {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Engine{
		Store:   st,
		Fetch:   fc,
		Policy:  schedule.DefaultPolicy(),
		Now:     time.Now,
		Log:     log,
		outlets: map[int64]model.Outlet{},
	}
}

func (e *Engine) now() time.Time { return e.Now().UTC() }

// outlet returns an outlet, cached: rules are read on every check.
func (e *Engine) outlet(ctx context.Context, id int64) (model.Outlet, error) {
	e.mu.Lock()
	o, ok := e.outlets[id]
	e.mu.Unlock()
	if ok {
		return o, nil
	}
	o, err := e.Store.Outlet(ctx, id)
	if err != nil {
		return o, err
	}
	e.mu.Lock()
	e.outlets[id] = o
	e.mu.Unlock()
	return o, nil
}
