package fetch

import (
	"context"
	"sync"
	"time"
)

// hostGate keeps one request in flight per host and a pause between them.
// The pause is counted from the end of the previous request, not its
// start: that is kinder to slow servers and still guarantees at least
// interval between two starts.
type hostGate struct {
	interval time.Duration
	mu       sync.Mutex
	hosts    map[string]*hostSlot
}

// hostSlot is a one-token semaphore plus the time the host may next be
// asked. A channel rather than a mutex so waiting can be cancelled.
type hostSlot struct {
	token chan struct{}
	next  time.Time // written only by the token holder
}

func newHostGate(interval time.Duration) *hostGate {
	return &hostGate{interval: interval, hosts: make(map[string]*hostSlot)}
}

func (g *hostGate) slot(key string) *hostSlot {
	g.mu.Lock()
	defer g.mu.Unlock()
	s, ok := g.hosts[key]
	if !ok {
		s = &hostSlot{token: make(chan struct{}, 1)}
		g.hosts[key] = s
	}
	return s
}

// acquire waits for the host's turn. The returned release must be called
// once the request, body included, is finished.
func (g *hostGate) acquire(ctx context.Context, key string) (release func(), err error) {
	s := g.slot(key)
	select {
	case s.token <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if err := sleepUntil(ctx, s.next); err != nil {
		<-s.token
		return nil, err
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			s.next = time.Now().Add(g.interval)
			<-s.token
		})
	}, nil
}

func sleepUntil(ctx context.Context, t time.Time) error {
	d := time.Until(t)
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
