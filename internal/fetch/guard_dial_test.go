package fetch

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

// fakeResolver answers names from a table, so tests never touch DNS.
type fakeResolver map[string]string

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	a, ok := f[host]
	if !ok {
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
	return []netip.Addr{netip.MustParseAddr(a)}, nil
}

// publicAddr stands for a public server; the test dialer routes it to the
// loopback test server, so only 127.0.0.1 is ever dialed.
const publicAddr = "203.0.113.7"

func guardedClient(t *testing.T, s *site) *Client {
	t.Helper()
	return guardedClientResolving(t, s, fakeResolver{
		"news.example":     publicAddr,
		"intranet.example": "10.0.0.4",
	})
}

// guardedClientResolving is guardedClient with the names it resolves.
func guardedClientResolving(t *testing.T, s *site, names fakeResolver) *Client {
	t.Helper()
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	c := New(Config{Resolver: names})
	t.Cleanup(c.CloseIdleConnections)
	var d net.Dialer
	c.dial = func(ctx context.Context, network, address string) (net.Conn, error) {
		if address == net.JoinHostPort(publicAddr, port) {
			address = s.Listener.Addr().String()
		}
		if !strings.HasPrefix(address, "127.0.0.1:") {
			t.Errorf("dialed %s", address)
			return nil, errors.New("test refuses to dial outside loopback")
		}
		return d.DialContext(ctx, network, address)
	}
	return c
}

func TestGet_PrivateAddressRefused(t *testing.T) {
	var s *site
	s = newSite(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/moved":
			http.Redirect(w, r, "http://"+s.Listener.Addr().String()+"/secret", http.StatusFound)
		default:
			io.WriteString(w, page)
		}
	})
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	tests := []struct {
		name    string
		url     string
		wantMsg string
	}{
		{"ip literal", s.URL + "/secret", "private address 127.0.0.1; use --allow-private to permit"},
		{"name resolving private", "http://intranet.example:" + port + "/secret", "private address 10.0.0.4"},
		{"public host redirecting to private", "http://news.example:" + port + "/moved", "private address 127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := guardedClient(t, s).Get(context.Background(), tt.url, Validators{})
			if !errors.Is(err, ErrPrivateAddress) {
				t.Fatalf("err = %v, want ErrPrivateAddress", err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) || !strings.HasPrefix(err.Error(), "fetch http://") {
				t.Errorf("message %q, want it to contain %q", err, tt.wantMsg)
			}
		})
	}
	if n := s.count("/secret"); n != 0 {
		t.Errorf("private page served %d times", n)
	}
}

// An IPv6 address that leads to a private IPv4 address, or is site-local,
// is refused alike as the URL's host, as the name's AAAA answer and as a
// redirect's target; nothing is dialed.
func TestGet_IPv6FormsOfPrivateAddressesRefused(t *testing.T) {
	s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/moved":
			http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
		default:
			io.WriteString(w, page)
		}
	})
	forms := []struct{ addr, leadsTo string }{
		{"::127.0.0.1", "127.0.0.1"},
		{"::ffff:0:127.0.0.1", "127.0.0.1"},
		{"0:0:0:0:0:ffff:7f00:1", ""}, // IPv4-mapped: named as the IPv4 address itself
		{"64:ff9b::7f00:1", "127.0.0.1"},
		{"64:ff9b:1::7f00:1", "127.0.0.1"},
		{"2002:7f00:1::1", "127.0.0.1"},
		{"2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"},
		{"fec0::1", ""},
	}
	port := portOf(s)
	for _, f := range forms {
		literal := "http://" + net.JoinHostPort(f.addr, port) + "/secret"
		want := "private address " + netip.MustParseAddr(f.addr).Unmap().String()
		if f.leadsTo != "" {
			want += " (it leads to " + f.leadsTo + ")"
		}
		tests := []struct{ name, url string }{
			{"literal", literal},
			{"AAAA answer", "http://v6.example:" + port + "/secret"},
			{"redirect", "http://news.example:" + port + "/moved?to=" + url.QueryEscape(literal)},
		}
		for _, tt := range tests {
			t.Run(f.addr+"/"+tt.name, func(t *testing.T) {
				c := guardedClientResolving(t, s, fakeResolver{"news.example": publicAddr, "v6.example": f.addr})
				_, err := c.Get(context.Background(), tt.url, Validators{})
				if !errors.Is(err, ErrPrivateAddress) {
					t.Fatalf("err = %v, want ErrPrivateAddress", err)
				}
				if !strings.Contains(err.Error(), want) {
					t.Errorf("message %q, want it to contain %q", err, want)
				}
			})
		}
	}
	if n := s.count("/secret"); n != 0 {
		t.Errorf("private page served %d times", n)
	}
}

func TestGet_PublicHostAllowed(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	r, err := guardedClient(t, s).Get(context.Background(), "http://news.example:"+port+"/a", Validators{})
	if err != nil || string(r.Body) != page {
		t.Fatalf("got %v, %v", r, err)
	}
}

func TestGet_ErrorMessagesAreOneClearLine(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		io.WriteString(w, "not gzip at all")
	}))
	tests := []struct {
		name string
		url  string
		want string
	}{
		{"unknown host", "http://nowhere.example/a", "fetch http://nowhere.example/a: cannot resolve host nowhere.example: no such host; check the URL"},
		{"bad gzip", "http://news.example:" + portOf(s) + "/x", "fetch http://news.example:" + portOf(s) + "/x: unsupported content encoding: bad gzip stream: gzip: invalid header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := guardedClient(t, s).Get(context.Background(), tt.url, Validators{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("message\n %v\nwant\n %s", err, tt.want)
			}
		})
	}
}

func portOf(s *site) string {
	_, port, _ := net.SplitHostPort(s.Listener.Addr().String())
	return port
}
