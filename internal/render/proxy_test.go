package render

import (
	"bufio"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"
	"time"

	"github.com/errata/errata/internal/fetch"
)

// TestProxy_OnlyItsBrowserMayUseItAndOnlyThroughTheGuard: without the
// proxy's own credential nothing is relayed; with it, a request reaches an
// allowed server, while a plain request or a CONNECT to a private address
// is refused by the fetch client's guard.
func TestProxy_OnlyItsBrowserMayUseItAndOnlyThroughTheGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "relayed") }))
	defer srv.Close()
	target := newPrivateTarget(t)
	fc := fetch.New(fetch.Config{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(srv.Listener.Addr().String())}})
	p, err := newProxy(fc.DialContext, 1<<20, 5*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	via := func(user, pass string) *http.Client {
		u := &url.URL{Scheme: "http", Host: p.addr()}
		if user != "" {
			u.User = url.UserPassword(user, pass)
		}
		return &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(u)}, Timeout: 5 * time.Second}
	}
	tests := []struct {
		name       string
		user, pass string
		url        string
		status     int
	}{
		{"no credential", "", "", srv.URL, http.StatusProxyAuthRequired},
		{"wrong credential", p.user, "guess", srv.URL, http.StatusProxyAuthRequired},
		{"allowed server", p.user, p.pass, srv.URL, http.StatusOK},
		{"private address", p.user, p.pass, "http://127.0.0.2:" + target.port() + "/", http.StatusBadGateway},
	}
	for _, tt := range tests {
		resp, err := via(tt.user, tt.pass).Get(tt.url)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
	}
	if got := connect(t, p, "127.0.0.2:"+target.port()); got != http.StatusBadGateway {
		t.Errorf("CONNECT to a private address: status %d, want %d", got, http.StatusBadGateway)
	}
	if n := target.conns.Load(); n != 0 {
		t.Errorf("the private listener accepted %d connections", n)
	}
}

// connect sends one authorised CONNECT and returns the proxy's status.
func connect(t *testing.T, p *proxy, hostport string) int {
	t.Helper()
	var d net.Dialer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := d.DialContext(ctx, "tcp", p.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	auth := base64.StdEncoding.EncodeToString([]byte(p.user + ":" + p.pass))
	fmt.Fprintf(c, "CONNECT %s HTTP/1.1\r\nHost: %s\r\nProxy-Authorization: Basic %s\r\n\r\n", hostport, hostport, auth)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestProxy_BodyCutAtTheCap: a response longer than the body cap reaches
// the browser cut at the cap.
func TestProxy_BodyCutAtTheCap(t *testing.T) {
	const limit = 1 << 10
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 10*limit))
	}))
	defer srv.Close()
	fc := fetch.New(fetch.Config{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort(srv.Listener.Addr().String())}})
	p, err := newProxy(fc.DialContext, limit, 5*time.Second, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	u := &url.URL{Scheme: "http", Host: p.addr(), User: url.UserPassword(p.user, p.pass)}
	c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(u)}, Timeout: 5 * time.Second}
	resp, err := c.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if len(body) > limit {
		t.Errorf("relayed %d bytes, want at most %d", len(body), limit)
	}
}
