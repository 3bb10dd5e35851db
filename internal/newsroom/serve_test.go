package newsroom

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestServe_ChurnDiffersButTruthParagraphsAppear(t *testing.T) {
	n := started(t, Config{Seed: 7})
	runScript(n)
	for _, a := range n.Truth() {
		if a.Gone {
			continue
		}
		u := a.URL
		if len(a.Aliases) > 0 {
			u = a.Aliases[len(a.Aliases)-1]
		}
		first, second := fetch(t, u, nil), fetch(t, u, nil)
		if first.status != http.StatusOK {
			t.Fatalf("%s: status %d", u, first.status)
		}
		cached := strings.Contains(a.URL, "/news/") // the Next.js outlet freezes churn per version
		if cached != (first.body == second.body) {
			t.Errorf("%s: identical bodies = %v, want %v", u, first.body == second.body, cached)
		}
		last := a.Versions[len(a.Versions)-1]
		ps := paragraphs(t, first.body)
		for _, want := range strings.Split(last.Text, "\n\n") {
			if !slices.Contains(ps, want) {
				t.Errorf("%s: paragraph missing from page: %q", u, want)
			}
		}
		if !strings.Contains(first.body, last.Title) {
			t.Errorf("%s: title %q missing", u, last.Title)
		}
	}
}

func TestServe_ChurnBoilerplatePresent(t *testing.T) {
	n := started(t, Config{Seed: 3})
	for _, a := range n.Truth() {
		body := fetch(t, a.URL, nil).body
		for _, want := range []string{`most-read`, `class="ad-slot`, `data-ad-unit=`, "minutes ago",
			`class="paywall-meter"`, `name="csrf_token"`, `class="newsletter-signup"`, `id="cookie-consent"`,
			`class="related-stories"`, `share-bar`, "?v"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q", a.URL, want)
			}
		}
	}
}

func TestServe_NextOutletETagAnd304(t *testing.T) {
	n := started(t, Config{Seed: 1})
	u := truthWith(t, n.Truth(), KindPublished).URL
	next := n.Truth()[n.cfg.ArticlesPerOutlet].URL // outlet 1 is the Next.js one
	if !strings.Contains(next, "/news/") {
		t.Fatalf("outlet 1 article %s is not Next.js-style", next)
	}
	r := fetch(t, next, nil)
	etag, lm := r.header.Get("ETag"), r.header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatalf("validators missing: ETag %q Last-Modified %q", etag, lm)
	}
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"matching etag", map[string]string{"If-None-Match": etag}, http.StatusNotModified},
		{"other etag", map[string]string{"If-None-Match": `"nope"`}, http.StatusOK},
		{"if-modified-since", map[string]string{"If-Modified-Since": lm}, http.StatusNotModified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fetch(t, next, tt.header).status; got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	if got := fetch(t, u, nil).header.Get("ETag"); got != "" {
		t.Errorf("WordPress outlet sent ETag %q; it sends no validators", got)
	}
}

func TestServe_ETagChangesWithContentOnly(t *testing.T) {
	n := started(t, Config{Seed: 1})
	a := truthWith(t, n.Truth(), KindPublished)
	_ = a
	u := n.Truth()[n.cfg.ArticlesPerOutlet].URL // Next.js outlet's first article gets an update at step 1
	before := fetch(t, u, nil).header.Get("ETag")
	n.Advance()
	after := fetch(t, u, nil).header.Get("ETag")
	if before == after {
		t.Errorf("ETag %s unchanged after the article was revised", before)
	}
	n.Advance()
	if again := fetch(t, u, nil).header.Get("ETag"); again != after {
		t.Errorf("ETag changed from %s to %s without a revision", after, again)
	}
}

func TestServe_LegacyOutletWindows1252AndLastModifiedOnly(t *testing.T) {
	n := started(t, Config{Seed: 1})
	u := n.Truth()[2*n.cfg.ArticlesPerOutlet].URL
	r := fetch(t, u, nil)
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=windows-1252" {
		t.Errorf("Content-Type %q", ct)
	}
	if r.header.Get("ETag") != "" || r.header.Get("Last-Modified") == "" {
		t.Errorf("want only Last-Modified, got ETag %q Last-Modified %q", r.header.Get("ETag"), r.header.Get("Last-Modified"))
	}
	if !strings.Contains(r.body, `<span class="byline">By `) || !strings.Contains(r.body, `<div class="story-body">`) {
		t.Errorf("legacy markup missing")
	}
	if got := fetch(t, u, map[string]string{"If-Modified-Since": r.header.Get("Last-Modified")}).status; got != http.StatusNotModified {
		t.Errorf("conditional GET status %d, want 304", got)
	}
}

func TestServe_SlugChangeRedirects301(t *testing.T) {
	n := started(t, Config{Seed: 1})
	runScript(n)
	a := truthWith(t, n.Truth(), KindPublished)
	for _, c := range n.Truth() {
		if len(c.Aliases) > 0 {
			a = c
		}
	}
	if len(a.Aliases) != 1 {
		t.Fatalf("no article with a slug change: %+v", a)
	}
	r := fetch(t, a.URL, nil)
	if r.status != http.StatusMovedPermanently || r.header.Get("Location") != a.Aliases[0] {
		t.Fatalf("old URL: status %d Location %q, want 301 to %s", r.status, r.header.Get("Location"), a.Aliases[0])
	}
	moved := fetch(t, a.Aliases[0], nil)
	if moved.status != http.StatusOK || !strings.Contains(moved.body, `<link rel="canonical" href="`+a.Aliases[0]+`"/>`) {
		t.Errorf("new URL: status %d, canonical not the new URL", moved.status)
	}
}

func TestServe_GoneAfterGoneStep(t *testing.T) {
	n := started(t, Config{Seed: 1})
	runScript(n)
	a := truthWith(t, n.Truth(), KindPublished)
	for _, c := range n.Truth() {
		if c.Gone {
			a = c
		}
	}
	if !a.Gone || len(a.Versions) == 0 {
		t.Fatalf("no gone article with versions")
	}
	if got := fetch(t, a.URL, nil).status; got != http.StatusNotFound && got != http.StatusGone {
		t.Errorf("gone article answers %d", got)
	}
}

func TestServe_Paths(t *testing.T) {
	n := started(t, Config{Seed: 1})
	base := n.Outlets()[0].BaseURL
	tests := []struct {
		path string
		want int
	}{
		{"/", http.StatusOK},
		{"/robots.txt", http.StatusOK},
		{"/no/such/article", http.StatusNotFound},
		{"/2026/11/23/not-a-story", http.StatusNotFound},
		{"/static/app.css?v=123", http.StatusOK},
		{"/admin/", http.StatusUnauthorized},
		{"/atom.xml", http.StatusNotFound}, // outlet 0 serves RSS only
		{"/feed.xml", http.StatusOK},
		{"/sitemap.xml", http.StatusOK},
	}
	for _, tt := range tests {
		if got := fetch(t, base+tt.path, nil).status; got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.path, got, tt.want)
		}
	}
}

func TestServe_RobotsDisallowsPrivatePaths(t *testing.T) {
	n := started(t, Config{Seed: 1})
	body := fetch(t, n.Outlets()[1].BaseURL+"/robots.txt", nil).body
	for _, want := range []string{"Disallow: /admin/", "Disallow: /search", "Sitemap: " + n.Outlets()[1].SitemapIndexURL} {
		if !strings.Contains(body, want) {
			t.Errorf("robots.txt lacks %q", want)
		}
	}
}

func TestServe_HomeLinksCarryTrackingAndFragments(t *testing.T) {
	n := started(t, Config{Seed: 1})
	body := fetch(t, n.Outlets()[0].BaseURL+"/", nil).body
	for _, want := range []string{"?utm_source=homepage&amp;utm_medium=", "#comments"} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	for _, a := range n.Truth()[:n.cfg.ArticlesPerOutlet] {
		if !strings.Contains(body, strings.TrimPrefix(a.URL, n.Outlets()[0].BaseURL)) {
			t.Errorf("home page does not link %s", a.URL)
		}
	}
}

func TestServe_AccessLogRecordsRequests(t *testing.T) {
	n := started(t, Config{Seed: 1, AccessLogSize: 2})
	base := n.Outlets()[0].BaseURL
	for _, p := range []string{"/robots.txt", "/", "/missing?utm_source=x"} {
		fetch(t, base+p, nil)
	}
	log := n.AccessLog()
	if len(log) != 2 || log[0].Path != "/" || log[1].Path != "/missing" || log[1].Status != http.StatusNotFound || log[1].Query != "utm_source=x" {
		t.Errorf("access log %+v", log)
	}
}
