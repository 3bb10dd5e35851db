package store

import (
	"context"
	"sync"
	"time"

	"github.com/errata/errata/internal/model"
)

// fetchModeTTL is how long OutletFetchMode trusts what it read: a change
// made through this store is seen at once, one made by another process
// within this long.
const fetchModeTTL = 5 * time.Second

// fetchModes caches each outlet's fetch mode. A check needs it before
// every fetch, and on PostgreSQL reading the outlet was a round trip of
// its own: about 110 µs of errata's CPU in an unchanged check of 215–230
// (BenchmarkCheck_UnchangedVsGet304).
type fetchModes struct {
	mu  sync.Mutex
	gen uint64 // bumped by every change of a mode through this store
	m   map[int64]cachedMode
}

type cachedMode struct {
	mode model.FetchMode
	gen  uint64
	at   time.Time
}

// OutletFetchMode returns how an outlet's pages are fetched, read at most
// fetchModeTTL ago, or ErrNotFound.
func (s *Store) OutletFetchMode(ctx context.Context, id int64) (model.FetchMode, error) {
	c := &s.modes
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[id]
	gen := c.gen
	c.mu.Unlock()
	if ok && e.gen == gen && now.Sub(e.at) < fetchModeTTL {
		return e.mode, nil
	}
	o, err := s.Outlet(ctx, id)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen { // no change was made while it was read
		if c.m == nil {
			c.m = map[int64]cachedMode{}
		}
		c.m[id] = cachedMode{mode: o.Fetch, gen: gen, at: now}
	}
	return o.Fetch, nil
}

// fetchModesChanged drops every cached mode, after a write that changed
// one committed.
func (s *Store) fetchModesChanged() {
	s.modes.mu.Lock()
	defer s.modes.mu.Unlock()
	s.modes.gen++
	clear(s.modes.m)
}
