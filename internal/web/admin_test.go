package web

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
)

func form(vals ...string) *strings.Reader {
	v := url.Values{}
	for i := 0; i+1 < len(vals); i += 2 {
		v.Add(vals[i], vals[i+1])
	}
	return strings.NewReader(v.Encode())
}

var formHeader = http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}

func withHeader(extra ...string) http.Header {
	h := formHeader.Clone()
	for i := 0; i+1 < len(extra); i += 2 {
		h.Set(extra[i], extra[i+1])
	}
	return h
}

func TestAdmin_WithoutTokenIsNotThere(t *testing.T) {
	f := newFixture(t, Config{})
	if resp, _ := f.get(t, "/admin"); resp.StatusCode != 404 {
		t.Errorf("GET /admin = %d, want 404", resp.StatusCode)
	}
	resp, _ := f.do(t, http.MethodPost, "/admin", form("url", "https://a.example/", "token", ""), formHeader)
	if resp.StatusCode != 404 {
		t.Errorf("POST /admin = %d, want 404", resp.StatusCode)
	}
}

func TestAdmin_Add(t *testing.T) {
	var added []string
	add := func(_ context.Context, u, outlet string) (string, error) {
		if strings.Contains(u, "broken") {
			return "", errors.New("add: HTTP status 500")
		}
		added = append(added, u+"|"+outlet)
		return "tracking feed " + u, nil
	}
	f := newFixture(t, Config{AdminToken: "s3cret", Add: add})
	tests := []struct {
		name   string
		body   *strings.Reader
		header http.Header
		status int
		want   string
	}{
		{"form token", form("url", "https://a.example/feed", "outlet", "A", "token", "s3cret"), formHeader, 200, "tracking feed https://a.example/feed"},
		{"bearer token", form("url", "https://b.example/feed"), withHeader("Authorization", "Bearer s3cret"), 200, "tracking feed"},
		{"same-origin browser", form("url", "https://c.example/", "token", "s3cret"), withHeader("Sec-Fetch-Site", "same-origin"), 200, "tracking feed"},
		{"wrong token", form("url", "https://a.example/", "token", "nope"), formHeader, 401, "admin token"},
		{"no token", form("url", "https://a.example/"), formHeader, 401, "admin token"},
		{"token prefix", form("url", "https://a.example/", "token", "s3cre"), formHeader, 401, "admin token"},
		{"cross-site post", form("url", "https://a.example/", "token", "s3cret"), withHeader("Sec-Fetch-Site", "cross-site"), 403, "cross-origin"},
		{"foreign origin", form("url", "https://a.example/", "token", "s3cret"), withHeader("Origin", "https://evil.example"), 403, "cross-origin"},
		{"javascript url", form("url", "javascript:alert(1)", "token", "s3cret"), formHeader, 422, "only http and https"},
		{"file url", form("url", "file:///etc/passwd", "token", "s3cret"), formHeader, 422, "only http and https"},
		{"relative url", form("url", "/feed", "token", "s3cret"), formHeader, 422, "absolute URL"},
		{"adder error shown", form("url", "https://broken.example/", "token", "s3cret"), formHeader, 422, "HTTP status 500"},
		{"body too large", form("url", "https://a.example/"+strings.Repeat("x", maxAdminBody), "token", "s3cret"), formHeader, 413, "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, http.MethodPost, "/admin", tt.body, tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			mustContain(t, tt.name, body, tt.want)
		})
	}
	if len(added) != 3 || added[0] != "https://a.example/feed|A" {
		t.Errorf("adder saw %q, want the three authorised http(s) adds", added)
	}
	if resp, body := f.get(t, "/admin"); resp.StatusCode != 200 || !strings.Contains(body, `name="token"`) {
		t.Errorf("GET /admin = %d", resp.StatusCode)
	}
}

// The fetcher refuses private targets unless allowed; the admin page must
// show its refusal rather than report success.
func TestAdmin_PrivateAddressRefusalSurfaces(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the fetcher reached a private address: %s", r.URL)
	}))
	defer target.Close()
	st := openStore(t)
	eng := jobs.NewEngine(st, fetch.New(fetch.Config{}), nil)
	add := func(ctx context.Context, u, outlet string) (string, error) {
		a, err := eng.AddURL(ctx, u, outlet)
		if err != nil {
			return "", err
		}
		return "tracking " + a.URL, nil
	}
	srv, err := New(Config{Store: st, AdminToken: "s3cret", Add: add})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	f := &fixture{store: st, srv: srv, ts: ts}
	resp, body := f.do(t, http.MethodPost, "/admin", form("url", target.URL+"/feed.xml", "token", "s3cret"), formHeader)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "private address") {
		t.Errorf("status %d, body lacks the refusal:\n%s", resp.StatusCode, body)
	}
	if stats, _ := st.Stats(context.Background()); stats.Sources+stats.Articles != 0 {
		t.Errorf("a refused add stored %+v", stats)
	}
}
