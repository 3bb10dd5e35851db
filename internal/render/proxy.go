package render

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Limits of the proxy, beside the body cap and the per-request time the
// renderer passes in.
const (
	proxyHeaderTimeout = 10 * time.Second // a browser sends its request line at once
	proxyRealm         = "errata-render"
)

// dialFunc dials through errata's address guard.
type dialFunc func(ctx context.Context, network, address string) (net.Conn, error)

// proxy is the browser's only way out: a forward proxy on loopback that
// performs each request with the guarded dialer. It answers only requests
// carrying its own random credential, which only the renderer's browser
// is given, so nothing else on the machine can use it.
type proxy struct {
	ln        net.Listener
	srv       *http.Server
	user      string
	pass      string
	dial      dialFunc
	transport *http.Transport
	maxBody   int64         // bytes relayed per response, and per tunnel direction
	timeout   time.Duration // per forwarded request and per tunnel
	log       *slog.Logger

	mu     sync.Mutex
	conns  map[net.Conn]struct{} // open tunnels, closed with the proxy
	closed bool
}

func newProxy(dial dialFunc, maxBody int64, timeout time.Duration, log *slog.Logger) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("render: proxy: %w", err)
	}
	p := &proxy{
		ln: ln, user: "errata", pass: randomToken(), dial: dial,
		maxBody: maxBody, timeout: timeout, log: log, conns: make(map[net.Conn]struct{}),
	}
	p.transport = &http.Transport{
		Proxy:                 nil, // the guarded dialer, never another proxy
		DialContext:           dial,
		ResponseHeaderTimeout: timeout,
		TLSHandshakeTimeout:   timeout,
		DisableCompression:    true, // relay the bytes as served
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       timeout,
	}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: proxyHeaderTimeout}
	go p.srv.Serve(ln)
	return p, nil
}

func randomToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// addr is the proxy's address for --proxy-server.
func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) close() {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.srv.Close()
	p.transport.CloseIdleConnections()
}

func (p *proxy) authorized(r *http.Request) bool {
	kind, cred, ok := strings.Cut(r.Header.Get("Proxy-Authorization"), " ")
	if !ok || !strings.EqualFold(kind, "Basic") {
		return false
	}
	want := base64.StdEncoding.EncodeToString([]byte(p.user + ":" + p.pass))
	return subtle.ConstantTimeCompare([]byte(cred), []byte(want)) == 1
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !p.authorized(r) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="`+proxyRealm+`"`)
		http.Error(w, "proxy authentication required", http.StatusProxyAuthRequired)
		return
	}
	if r.Method == http.MethodConnect {
		p.tunnel(w, r)
		return
	}
	p.forward(w, r)
}

// hopHeaders are meant for the proxy, not the server (RFC 9110, 7.6.1).
var hopHeaders = []string{
	"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authorization",
	"Proxy-Authenticate", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

// forward relays one plain-HTTP request; redirects go back to the browser,
// whose next request comes through here again.
func (p *proxy) forward(w http.ResponseWriter, r *http.Request) {
	if r.URL.Scheme != "http" || r.URL.Host == "" {
		http.Error(w, "render proxy: only absolute http URLs", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), p.timeout)
	defer cancel()
	out := r.Clone(ctx)
	out.RequestURI = ""
	for _, h := range hopHeaders {
		out.Header.Del(h)
	}
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		p.refused(w, r.URL.String(), err)
		return
	}
	defer resp.Body.Close()
	for _, h := range hopHeaders {
		resp.Header.Del(h)
	}
	for k, vs := range resp.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(resp.StatusCode)
	// A body past the cap is cut: the browser sees a short resource.
	io.Copy(w, io.LimitReader(resp.Body, p.maxBody))
}

// refused answers a request the proxy could not make, the guard's
// refusals included, and logs it: the page's own errors go unseen.
func (p *proxy) refused(w http.ResponseWriter, target string, err error) {
	p.log.Debug("render: browser request failed", slog.String("target", target), slog.String("error", err.Error()))
	http.Error(w, "render proxy: "+err.Error(), http.StatusBadGateway)
}

// tunnel connects the browser to host:port (https and websockets) through
// the guarded dialer, for at most the proxy's timeout and body cap.
func (p *proxy) tunnel(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), p.timeout)
	defer cancel()
	upstream, err := p.dial(ctx, "tcp", r.Host)
	if err != nil {
		p.refused(w, r.Host, err)
		return
	}
	hj, ok := w.(http.Hijacker)
	if !ok {
		upstream.Close()
		http.Error(w, "render proxy: cannot tunnel", http.StatusInternalServerError)
		return
	}
	client, buf, err := hj.Hijack()
	if err != nil {
		upstream.Close()
		return
	}
	if !p.track(client, upstream) {
		return
	}
	deadline := time.Now().Add(p.timeout)
	client.SetDeadline(deadline)
	upstream.SetDeadline(deadline)
	if _, err := io.WriteString(client, "HTTP/1.1 200 Connection established\r\n\r\n"); err != nil {
		p.untrack(client, upstream)
		return
	}
	go p.pipe(upstream, io.MultiReader(io.LimitReader(buf, int64(buf.Reader.Buffered())), client), client, upstream)
	p.pipe(client, upstream, client, upstream)
}

// pipe copies src to dst up to the body cap, then closes both ends.
func (p *proxy) pipe(dst io.Writer, src io.Reader, a, b net.Conn) {
	io.Copy(dst, io.LimitReader(src, p.maxBody))
	p.untrack(a, b)
}

func (p *proxy) track(conns ...net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		for _, c := range conns {
			c.Close()
		}
		return false
	}
	for _, c := range conns {
		p.conns[c] = struct{}{}
	}
	return true
}

func (p *proxy) untrack(conns ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range conns {
		c.Close()
		delete(p.conns, c)
	}
}
