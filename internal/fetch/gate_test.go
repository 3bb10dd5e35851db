package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// sharedGate is a Gate two clients share, as the store's gate is shared
// by processes: one holder at a time, remembering who asked.
type sharedGate struct {
	token chan struct{}
	mu    sync.Mutex
	asked []string
}

func (g *sharedGate) Wait(ctx context.Context, host string, _ time.Duration) (func(), error) {
	select {
	case g.token <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	g.mu.Lock()
	g.asked = append(g.asked, host)
	g.mu.Unlock()
	return func() { <-g.token }, nil
}

func TestGet_SharedGateKeepsTwoClientsToOneRequestPerHost(t *testing.T) {
	var (
		mu                  sync.Mutex
		inFlight, maxFlight int
	)
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		maxFlight = max(maxFlight, inFlight)
		mu.Unlock()
		time.Sleep(2 * time.Millisecond) // give overlapping requests a chance to show
		mu.Lock()
		inFlight--
		mu.Unlock()
		io.WriteString(w, page)
	}))
	gate := &sharedGate{token: make(chan struct{}, 1)}
	clients := []*Client{newTestClient(t, Config{Gate: gate}), newTestClient(t, Config{Gate: gate})}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := get(t, clients[i%2], fmt.Sprintf("%s/p%d", s.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if maxFlight != 1 {
		t.Errorf("max requests in flight across clients = %d, want 1", maxFlight)
	}
	// 8 pages and each client's robots.txt: the gate sees every request.
	if len(gate.asked) != 10 {
		t.Errorf("gate asked %d times, want 10", len(gate.asked))
	}
}

func TestGet_SharedGateErrorFailsTheRequest(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	gate := &sharedGate{token: make(chan struct{}, 1)}
	gate.token <- struct{}{} // held forever by someone else
	c := newTestClient(t, Config{Gate: gate})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, s.URL+"/a", Validators{}); err == nil {
		t.Fatal("Get succeeded while the shared gate was held")
	}
	if n := s.hits["/a"]; n != 0 {
		t.Errorf("page fetched %d times, want 0", n)
	}
}
