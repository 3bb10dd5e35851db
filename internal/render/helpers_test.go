package render

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/errata/errata/internal/browsertest"
	"github.com/errata/errata/internal/fetch"
)

// names resolves the tests' host names: the page's site on the page
// server, and a name of the same site that leads to a private address.
type names map[string]string

func (n names) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	a, ok := n[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// pageSite is a site on 127.0.0.1 that the renderer may reach by name
// (news.test, other.test) although loopback is private: the fetch client
// allows exactly its address and port, nothing else on loopback.
type pageSite struct {
	*httptest.Server
	port string
	mu   sync.Mutex
	hits map[string]int
}

func newPageSite(t *testing.T, mux *http.ServeMux) *pageSite {
	t.Helper()
	s := &pageSite{hits: make(map[string]int)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	_, s.port, _ = net.SplitHostPort(s.Listener.Addr().String())
	return s
}

func (s *pageSite) url(host, path string) string { return "http://" + host + ":" + s.port + path }

func (s *pageSite) hit(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// client is the fetch client of a renderer under test: errata's own guard,
// not in allow-private mode.
func (s *pageSite) client(t *testing.T) *fetch.Client {
	t.Helper()
	c := fetch.New(fetch.Config{
		Resolver: names{
			"news.test": "127.0.0.1", "www.news.test": "127.0.0.1", "other.test": "127.0.0.1",
			"evil.news.test": "127.0.0.2",
		},
		AllowAddrs:   []netip.AddrPort{netip.MustParseAddrPort(s.Listener.Addr().String())},
		TotalTimeout: 10 * time.Second,
	})
	t.Cleanup(c.CloseIdleConnections)
	return c
}

// newRenderer builds a renderer on Debian's chromium, skipping the test
// where it is not installed (except under CI), and closes it with the test.
func newRenderer(t *testing.T, fc *fetch.Client, cfg Config) *Renderer {
	t.Helper()
	cfg.Chromium = browsertest.Path(t)
	if cfg.Timeout == 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 5 * time.Second
	}
	r := New(fc, cfg)
	t.Cleanup(r.Close)
	return r
}

// privateTarget listens on a second loopback address and counts every
// connection it accepts: a guarded browser must never reach it.
type privateTarget struct {
	ln    net.Listener
	conns atomic.Int64
}

func newPrivateTarget(t *testing.T) *privateTarget {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("second loopback address unavailable: %v", err)
	}
	p := &privateTarget{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.conns.Add(1)
			c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nContent-Type: text/plain\r\nAccess-Control-Allow-Origin: *\r\n\r\nLEAKED"))
			c.Close()
		}
	}()
	return p
}

func (p *privateTarget) port() string {
	_, port, _ := net.SplitHostPort(p.ln.Addr().String())
	return port
}

func html(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(body))
	}
}
