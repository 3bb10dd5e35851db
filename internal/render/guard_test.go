package render

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/errata/errata/internal/fetch"
)

// TestRender_PrivateTargetsGetNothing renders a page on a public-looking
// name whose scripts try every way out to a listener on 127.0.0.2: fetch,
// XHR through a name of the page's own site, an iframe, a script whose
// URL redirects there, a websocket and a navigation. Third parties are
// allowed, so the interception lets these through and errata's guard,
// not in allow-private mode, is what refuses them. The listener must see
// no connection, while the page's own requests go through.
func TestRender_PrivateTargetsGetNothing(t *testing.T) {
	target := newPrivateTarget(t)
	private := "http://127.0.0.2:" + target.port()
	mux := http.NewServeMux()
	var s *pageSite
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		html(fmt.Sprintf(guardPage, private, s.url("evil.news.test", "/xhr"), "ws://127.0.0.2:"+target.port()+"/ws"))(w, r)
	})
	mux.HandleFunc("/redirect.js", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, private+"/redirected.js", http.StatusFound)
	})
	mux.HandleFunc("/own.json", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"text":"own site reached"}`))
	})
	s = newPageSite(t, mux)
	var log syncBuffer
	r := newRenderer(t, s.client(t), Config{ThirdParty: true, Log: slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelDebug}))})

	p, err := r.Render(context.Background(), s.url("news.test", "/story"), fetch.Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if n := target.conns.Load(); n != 0 {
		t.Fatalf("the private listener accepted %d connections", n)
	}
	dom := string(p.DOM)
	if !strings.Contains(dom, "own site reached") {
		t.Errorf("the page's own request did not go through:\n%.2000s", dom)
	}
	if strings.Contains(dom, "LEAKED") {
		t.Errorf("a private answer reached the page:\n%.2000s", dom)
	}
	if s.hit("/redirect.js") != 1 {
		t.Errorf("the redirecting script was requested %d times, want 1", s.hit("/redirect.js"))
	}
	// Each way out reached errata's proxy and was refused by its guard:
	// the browser did not simply fail on its own.
	refusals := log.String()
	for _, target := range []string{
		private + "/fetch", private + "/frame", private + "/redirected.js",
		"evil.news.test:" + s.port, "127.0.0.2:" + target.port(),
	} {
		if !strings.Contains(refusals, target) {
			t.Errorf("no refusal of %s logged:\n%s", target, refusals)
		}
	}
	if n := strings.Count(refusals, "private address"); n < 5 {
		t.Errorf("%d private-address refusals logged, want at least 5:\n%s", n, refusals)
	}
}

// syncBuffer is a log sink written from the proxy's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// guardPage's scripts reach for the private listener (%[1]s), a name of
// its own site that resolves to a private address (%[2]s) and a websocket
// (%[3]s). Each outcome is written into the page, so a leak would show.
const guardPage = `<!DOCTYPE html><html><head><title>Guard</title>
<script src="/redirect.js"></script></head><body>
<article id="out"><h1>Guard</h1></article>
<iframe src="%[1]s/frame"></iframe>
<script>
const out = (s) => { const p = document.createElement("p"); p.textContent = s; document.getElementById("out").appendChild(p); };
fetch("%[1]s/fetch").then(r => r.text()).then(out, e => out("fetch refused"));
const x = new XMLHttpRequest();
x.onload = () => out(x.responseText); x.onerror = () => out("xhr refused");
x.open("GET", "%[2]s"); x.send();
try { const ws = new WebSocket("%[3]s"); ws.onmessage = (m) => out(m.data); ws.onerror = () => out("ws refused"); } catch (e) { out("ws refused"); }
fetch("/own.json").then(r => r.json()).then(j => out(j.text));
setTimeout(() => { location.href = "%[1]s/navigate"; }, 100);
</script></body></html>`

// TestRender_ThirdPartyAndMediaBlockedByDefault renders a page that loads
// an image, a font and a script from its own site and calls another site:
// only the script and the page itself reach a server.
func TestRender_ThirdPartyAndMediaBlockedByDefault(t *testing.T) {
	mux := http.NewServeMux()
	var s *pageSite
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		html(`<!DOCTYPE html><html><head><style>@font-face{font-family:x;src:url(/font.woff2)} body{font-family:x}</style>
<script src="/app.js"></script></head><body><p>Words</p><img src="/photo.jpg">
<script>fetch("`+s.url("other.test", "/tracker")+`").catch(() => {});</script></body></html>`)(w, r)
	})
	mux.HandleFunc("/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte("window.app = 1;"))
	})
	s = newPageSite(t, mux)
	r := newRenderer(t, s.client(t), Config{})
	if _, err := r.Render(context.Background(), s.url("www.news.test", "/story"), fetch.Validators{}); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/story": 1, "/app.js": 1, "/photo.jpg": 0, "/font.woff2": 0, "/tracker": 0} {
		if got := s.hit(path); got != want {
			t.Errorf("%s requested %d times, want %d", path, got, want)
		}
	}
}
