package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestGet_OneRequestPerHostWithInterval(t *testing.T) {
	const interval = 30 * time.Millisecond
	var (
		mu                  sync.Mutex
		inFlight, maxFlight int
		starts              []time.Time
	)
	s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		starts = append(starts, time.Now())
		inFlight++
		maxFlight = max(maxFlight, inFlight)
		mu.Unlock()
		time.Sleep(5 * time.Millisecond) // give overlapping requests a chance to show
		mu.Lock()
		inFlight--
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, page)
	})
	c := newTestClient(t, Config{HostInterval: interval})
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			if _, err := get(t, c, fmt.Sprintf("%s/p%d", s.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	if maxFlight != 1 {
		t.Errorf("max requests in flight = %d, want 1", maxFlight)
	}
	if len(starts) != 7 { // robots.txt + 6 pages
		t.Fatalf("%d requests, want 7", len(starts))
	}
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < interval {
			t.Errorf("gap %d = %s, want at least %s", i, gap, interval)
		}
	}
}

func TestGet_DifferentHostsRunInParallel(t *testing.T) {
	// Host A answers only once host B has been asked: serialising the
	// two hosts would deadlock until the context gives up.
	bAsked := make(chan struct{})
	var once sync.Once
	a := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-bAsked:
			io.WriteString(w, page)
		case <-r.Context().Done():
		}
	}))
	b := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(bAsked) })
		io.WriteString(w, page)
	}))
	// No interval: the one-in-flight rule alone would block a shared gate.
	c := newTestClient(t, Config{})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	errs := make(chan error, 2)
	for _, u := range []string{a.URL + "/x", b.URL + "/y"} {
		go func() {
			_, err := c.Get(ctx, u, Validators{})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestHostKey_DefaultsPort(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"http://News.example/a", "News.example:80"},
		{"https://news.example/a", "news.example:443"},
		{"http://news.example:8080/a", "news.example:8080"},
		{"http://[2001:db8::1]/", "[2001:db8::1]:80"},
	}
	for _, tt := range tests {
		u, err := CheckURL(tt.raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := hostKey(u); got != tt.want {
			t.Errorf("hostKey(%s) = %s, want %s", tt.raw, got, tt.want)
		}
	}
}
