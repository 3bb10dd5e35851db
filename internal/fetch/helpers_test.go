package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// site is a test server on 127.0.0.1 that counts requests per path.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
	ua   map[string]string // path -> User-Agent seen
}

func newSite(t testing.TB, h http.HandlerFunc) *site {
	t.Helper()
	s := &site{hits: map[string]int{}, ua: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.ua[r.URL.Path] = r.Header.Get("User-Agent")
		s.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// newTestClient allows loopback, as every test but the guard tests needs.
func newTestClient(t testing.TB, cfg Config) *Client {
	t.Helper()
	cfg.AllowPrivate = true
	c := New(cfg)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func get(t testing.TB, c *Client, u string) (*Response, error) {
	t.Helper()
	return c.Get(context.Background(), u, Validators{})
}

// robots404 answers /robots.txt with 404 and everything else with h.
func robots404(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}
}
