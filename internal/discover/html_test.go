package discover

import (
	"strings"
	"testing"
)

func TestCanonicalFromHTML_Table(t *testing.T) {
	const page = "https://www.example.com/2026/11/23/story?utm_source=x"
	tests := []struct {
		name, head, page, want string
	}{
		{"absolute canonical", `<link rel="canonical" href="https://www.example.com/2026/11/23/story">`, page,
			"https://www.example.com/2026/11/23/story"},
		{"relative canonical", `<link rel="canonical" href="/2026/11/23/story-slug">`, page,
			"https://www.example.com/2026/11/23/story-slug"},
		{"canonical canonicalised", `<link rel="canonical" href="HTTPS://WWW.EXAMPLE.COM/a?utm_medium=1#x">`, page,
			"https://www.example.com/a"},
		{"rel token list, upper case", `<LINK REL="Canonical Foo" HREF="/a">`, page, "https://www.example.com/a"},
		{"og:url when no canonical", `<meta property="og:url" content="https://www.example.com/og">`, page,
			"https://www.example.com/og"},
		{"og:url in name attribute", `<meta name="og:url" content="/og-name">`, page, "https://www.example.com/og-name"},
		{"canonical beats og:url", `<meta property="og:url" content="/og"><link rel="canonical" href="/canon">`, page,
			"https://www.example.com/canon"},
		{"www difference tolerated", `<link rel="canonical" href="https://example.com/a">`, page, "https://example.com/a"},
		{"subdomain of same site tolerated", `<link rel="canonical" href="https://m.example.com/a">`, page, "https://m.example.com/a"},
		{"cross-host canonical ignored", `<link rel="canonical" href="https://evil.example.org/a">`, page, ""},
		{"cross-host canonical falls back to og:url", `<link rel="canonical" href="https://evil.example.org/a"><meta property="og:url" content="/og">`, page,
			"https://www.example.com/og"},
		{"public suffix is not a site", `<link rel="canonical" href="https://other.blogspot.com/a">`, "https://mine.blogspot.com/p", ""},
		{"other loopback port ignored", `<link rel="canonical" href="http://127.0.0.1:9000/a">`, "http://127.0.0.1:8080/p", ""},
		{"same loopback port kept", `<link rel="canonical" href="/a">`, "http://127.0.0.1:8080/p", "http://127.0.0.1:8080/a"},
		{"other IP ignored", `<link rel="canonical" href="http://127.0.0.2/a">`, "http://127.0.0.1/p", ""},
		{"home page canonical ignored", `<link rel="canonical" href="https://www.example.com/">`, page, ""},
		{"home page canonical on home page kept", `<link rel="canonical" href="/">`, "https://www.example.com/?utm_source=x", "https://www.example.com/"},
		{"javascript canonical ignored", `<link rel="canonical" href="javascript:alert(1)">`, page, ""},
		{"empty href ignored", `<link rel="canonical" href="">`, page, ""},
		{"none", `<title>x</title>`, page, ""},
		{"bad page URL", `<link rel="canonical" href="/a">`, "not a url", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "<!DOCTYPE html><html><head>" + tt.head + "</head><body></body></html>"
			if got := CanonicalFromHTML([]byte(doc), tt.page); got != tt.want {
				t.Errorf("CanonicalFromHTML = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCanonicalFromHTML_Fixture(t *testing.T) {
	got := CanonicalFromHTML(fixture(t, "page-canonical.html"), "https://www.example.com/2026/11/23/x")
	if want := "https://www.example.com/2026/11/23/city-council-approves-budget"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCanonicalFromHTML_StopsAtHeadEnd(t *testing.T) {
	tests := map[string]string{
		"after </head>":   `<html><head></head><body><link rel="canonical" href="/late"></body></html>`,
		"after <body>":    `<html><body><link rel="canonical" href="/late">`,
		"beyond the scan": "<html><head>" + strings.Repeat("<meta name=a content=b>", MaxHeadScan/20) + `<link rel="canonical" href="/late">`,
	}
	for name, doc := range tests {
		if got := CanonicalFromHTML([]byte(doc), "https://example.com/p"); got != "" {
			t.Errorf("%s: got %q, want none", name, got)
		}
	}
}

func FuzzCanonicalFromHTML(f *testing.F) {
	addFixtures(f, "page-canonical.html")
	f.Add([]byte(`<link rel=canonical href=//x.example.com/a>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		got := CanonicalFromHTML(doc, "https://www.example.com/a/b")
		if got != "" && !strings.HasPrefix(got, "https://") && !strings.HasPrefix(got, "http://") {
			t.Fatalf("non-http canonical %q", got)
		}
	})
}
