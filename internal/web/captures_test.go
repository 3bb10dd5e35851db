package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// seedCapture records a version of a new article read from body, served
// with contentType, and returns the article and the capture's hash.
func seedCapture(t *testing.T, f *fixture, body, contentType string) (model.Article, string) {
	t.Helper()
	ctx := context.Background()
	hash, blob, err := archive.Pack([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	o, err := f.store.EnsureOutlet(ctx, "Daily <b>Planet</b>", "captured.example")
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := f.store.AddArticle(ctx, model.Article{OutletID: o.ID, URL: "https://captured.example/story", FirstSeen: t0})
	if err != nil {
		t.Fatal(err)
	}
	c := &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: t0, Size: int64(len(body)), Body: blob,
		Header: map[string][]string{"Content-Type": {contentType}, "Set-Cookie": {"track=1"}}}
	v := &model.Version{Seq: 0, FetchedAt: t0, Title: "Captured <script>title</script>", Text: "Body.", Hash: "texthash", CaptureHash: hash}
	a.LastChecked = t0
	if _, err := f.store.Record(ctx, store.CheckRecord{Article: a, Capture: c, Version: v,
		Check: model.Check{At: t0, Status: 200, Outcome: model.OutcomeNewVersion}}); err != nil {
		t.Fatal(err)
	}
	return a, hash
}

const hostilePage = `<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>story</title>
<script>window.parent.ran = 1; fetch("/beacon")</script></head>
<body><p>Caf` + "\xe9" + ` story</p><img src="https://tracker.example/pixel.gif"><form action="https://evil.example/"><input name=q></form></body></html>`

func TestCapture_ServedSandboxedWithItsCharset(t *testing.T) {
	f := newFixture(t, Config{})
	_, hash := seedCapture(t, f, hostilePage, "text/html; charset=ISO-8859-1")

	resp, body := f.get(t, "/captures/"+hash+"/raw")
	if resp.StatusCode != 200 || body != hostilePage {
		t.Fatalf("raw = %d, body equal %v", resp.StatusCode, body == hostilePage)
	}
	h := resp.Header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"sandbox", "default-src 'none'", "frame-ancestors 'self'", "form-action 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("raw CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "script-src") || strings.Contains(csp, "allow-scripts") {
		t.Errorf("raw CSP %q lets scripts run", csp)
	}
	if got := h.Get("Content-Type"); got != "text/html; charset=ISO-8859-1" {
		t.Errorf("raw Content-Type %q", got)
	}
	if h.Get("Set-Cookie") != "" || h.Get("X-Frame-Options") != "SAMEORIGIN" || h.Get("ETag") != `"`+hash+`"` {
		t.Errorf("raw headers: cookie %q, frame %q, etag %q", h.Get("Set-Cookie"), h.Get("X-Frame-Options"), h.Get("ETag"))
	}
	if resp, _ := f.do(t, http.MethodGet, "/captures/"+hash+"/raw", nil, http.Header{"If-None-Match": {`"` + hash + `"`}}); resp.StatusCode != 304 {
		t.Errorf("conditional GET = %d, want 304", resp.StatusCode)
	}

	resp, body = f.get(t, "/captures/"+hash)
	if resp.StatusCode != 200 {
		t.Fatalf("capture page = %d", resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-src 'self'") || strings.Contains(csp, "script-src") {
		t.Errorf("capture page CSP %q", csp)
	}
	mustContain(t, "capture page", body, `<iframe class="capture-frame" src="/captures/`+hash+`/raw" sandbox `,
		"https://captured.example/story", hash, "HTTP status", "none of its\n  scripts run")

	for _, path := range []string{"/captures/" + strings.Repeat("0", 64), "/captures/" + strings.Repeat("0", 64) + "/raw",
		"/captures/nothex", "/captures/..%2f..%2fetc/raw"} {
		if resp, _ := f.get(t, path); resp.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestCapture_NotHTMLIsServedAsText(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"application/javascript", "text/plain"},
		{"image/svg+xml", "text/plain"},
		{"text/html;charset=utf-8", "text/html; charset=utf-8"},
		{"", "text/html"},
		{"garbage;;", "text/html"},
	} {
		got := contentType(model.Capture{Header: map[string][]string{"content-type": {tc.header}}})
		if got != tc.want {
			t.Errorf("contentType(%q) = %q, want %q", tc.header, got, tc.want)
		}
	}
}

func TestVersionPage_ShowsEvidenceAndCitation(t *testing.T) {
	f := newFixture(t, Config{BaseURL: "https://errata.example/"})
	a, hash := seedCapture(t, f, hostilePage, "text/html")
	_, body := f.get(t, fmt.Sprintf("/articles/%d/v/0", a.ID))
	mustContain(t, "version page", body, `href="/captures/`+hash+`"`, "HTTP 200", "texthash",
		fmt.Sprintf("https://errata.example/articles/%d/v/0", a.ID), "Cite this version",
		"Daily &lt;b&gt;Planet&lt;/b&gt;, “Captured &lt;script&gt;title&lt;/script&gt;”")
	if strings.Contains(body, "<script>title") || strings.Contains(body, "<b>Planet") {
		t.Error("the citation shows the outlet's markup raw")
	}

	// A version without an archived page says so.
	_, body = f.get(t, fmt.Sprintf("/articles/%d/v/0", f.mayor.ID))
	mustContain(t, "version without capture", body, "not archived with this version")
}
