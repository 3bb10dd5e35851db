package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// hostilePaths are every page, feed and API answer that shows the hostile
// article (script title, javascript: URL, markup in byline and text).
func hostilePaths(f *fixture) []string {
	id := f.hostile.ID
	return []string{
		"/", "/outlets", "/outlets/Evil%20%3Cb%3EOutlet%3C%2Fb%3E", fmt.Sprintf("/articles/%d", id),
		fmt.Sprintf("/articles/%d/v/1", id), fmt.Sprintf("/articles/%d/diff/0/1", id),
		fmt.Sprintf("/articles/%d/diff/0/1?view=inline", id), "/search?q=script+alert",
		"/changes.atom", "/changes.rss", "/changes.json", fmt.Sprintf("/articles/%d/changes.atom", id),
		fmt.Sprintf("/articles/%d/changes.rss", id), fmt.Sprintf("/articles/%d/changes.json", id),
		"/api/v1/changes", "/api/v1/articles", fmt.Sprintf("/api/v1/articles/%d", id),
		fmt.Sprintf("/api/v1/articles/%d/versions/1", id), fmt.Sprintf("/api/v1/articles/%d/diff/0/1", id),
		"/api/v1/outlets", "/api/v1/search?q=alert",
	}
}

func TestSecurity_StoredMarkupNeverComesOutRaw(t *testing.T) {
	f := newFixture(t, Config{})
	raw := []string{"<script>", "<img src=x", "<b>Outlet", `href="javascript:`, "javascript:alert(document.cookie)\">"}
	for _, path := range hostilePaths(f) {
		t.Run(path, func(t *testing.T) {
			resp, body := f.get(t, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, r := range raw {
				if strings.Contains(body, r) {
					t.Errorf("body holds %q unescaped", r)
				}
			}
		})
	}
}

func TestSecurity_JavascriptURLIsTextNotLink(t *testing.T) {
	f := newFixture(t, Config{})
	_, body := f.get(t, fmt.Sprintf("/articles/%d", f.hostile.ID))
	mustContain(t, "history", body, `<span class="url">javascript:alert(document.cookie)</span>`)
	if strings.Contains(strings.ToLower(body), "href=\"javascript") {
		t.Error("javascript: URL rendered as a link")
	}
}

func TestSecurity_HeadersOnEveryResponse(t *testing.T) {
	f := newFixture(t, Config{})
	want := map[string]string{
		"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " +
			"frame-ancestors 'none'; base-uri 'none'",
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "no-referrer",
	}
	for _, path := range []string{"/", "/nope", "/changes.atom", "/api/v1/changes", "/api/v1/nope", "/static/style.css", "/healthz"} {
		resp, _ := f.get(t, path)
		for k, v := range want {
			if got := resp.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", path, k, got, v)
			}
		}
	}
}

func TestSecurity_NoInlineStyleOrScript(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "secret"})
	for _, path := range []string{"/", "/outlets", fmt.Sprintf("/articles/%d", f.mayor.ID),
		fmt.Sprintf("/articles/%d/diff/0/1", f.mayor.ID), "/search?q=mayor", "/admin"} {
		_, body := f.get(t, path)
		for _, bad := range []string{"<script", "style=", "<style", " onclick=", " onload="} {
			if strings.Contains(body, bad) {
				t.Errorf("%s holds %q, which the CSP would block", path, bad)
			}
		}
	}
}

func TestSecurity_ContentTypes(t *testing.T) {
	f := newFixture(t, Config{})
	tests := []struct{ path, want string }{
		{"/", "text/html; charset=utf-8"},
		{"/changes.atom", "application/atom+xml; charset=utf-8"},
		{"/changes.rss", "application/rss+xml; charset=utf-8"},
		{"/changes.json", "application/feed+json; charset=utf-8"},
		{"/api/v1/changes", "application/json; charset=utf-8"},
		{"/api/v1/articles/999", "application/json; charset=utf-8"},
	}
	for _, tt := range tests {
		resp, _ := f.get(t, tt.path)
		if got := resp.Header.Get("Content-Type"); got != tt.want {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestSafeLink_OnlyAbsoluteHTTP(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://a.example/x", "https://a.example/x"},
		{"HTTP://a.example/", "http://a.example/"},
		{"javascript:alert(1)", ""},
		{"JavaScript://a.example/%0aalert(1)", ""},
		{"data:text/html,<b>", ""},
		{"//a.example/x", ""},
		{"/local", ""},
		{"", ""},
		{"http://[::1", ""},
	}
	for _, tt := range tests {
		if got := safeLink(tt.in); got != tt.want {
			t.Errorf("safeLink(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
