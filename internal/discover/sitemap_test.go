package discover

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseSitemap_URLSet(t *testing.T) {
	sm, err := ParseSitemap(fixture(t, "sitemap.xml"), "https://www.example.com/sitemap.xml", testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"https://www.example.com/2026/11/23/city-council-approves-budget",
		"https://www.example.com/news/world/12345-slug",
		"https://www.example.com/relative/article",
	}
	if got := urls(sm.Links); !slices.Equal(got, want) {
		t.Errorf("urls = %q, want %q", got, want)
	}
	if sm.Dropped != 1 || len(sm.Children) != 0 || sm.Truncated {
		t.Errorf("dropped=%d children=%q truncated=%v, want 1, none, false", sm.Dropped, sm.Children, sm.Truncated)
	}
	checkTime(t, "updated", sm.Links[0].Updated, "2026-11-23T09:20:00Z")
	checkTime(t, "updated", sm.Links[1].Updated, "2026-11-22T00:00:00Z")
	checkTime(t, "published", sm.Links[0].Published, "")
}

func TestParseSitemap_IndexReturnsChildren(t *testing.T) {
	sm, err := ParseSitemap(fixture(t, "sitemap-index.xml"), "https://www.example.com/sitemap.xml", testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://www.example.com/sitemap-articles.xml", "https://www.example.com/sitemap-news.xml"}
	if !slices.Equal(sm.Children, want) {
		t.Errorf("children = %q, want %q", sm.Children, want)
	}
	if len(sm.Links) != 0 || sm.Dropped != 1 {
		t.Errorf("links = %q, dropped = %d; want none, 1", urls(sm.Links), sm.Dropped)
	}
}

func TestParseSitemap_NewsTitleAndDate(t *testing.T) {
	sm, err := ParseSitemap(fixture(t, "news-sitemap.xml"), "https://www.example.com/sitemap-news.xml", testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ url, title, published string }{
		{"https://www.example.com/2026/11/23/city-council-approves-budget", "City council approves budget & tax cut", "2026-11-23T08:30:00Z"},
		{"https://www.example.com/news/world/12345-storm", "Storm closes harbour", "2026-11-22T00:00:00Z"},
	}
	if len(sm.Links) != len(tests) {
		t.Fatalf("links = %q", urls(sm.Links))
	}
	for i, tt := range tests {
		l := sm.Links[i]
		if l.URL != tt.url || l.Title != tt.title {
			t.Errorf("link %d = %q %q, want %q %q", i, l.URL, l.Title, tt.url, tt.title)
		}
		checkTime(t, "published", l.Published, tt.published)
	}
}

func TestParseSitemap_NewsSitemapIsRecognised(t *testing.T) {
	tests := []struct {
		fixture string
		news    bool
	}{
		{"news-sitemap.xml", true},
		{"sitemap.xml", false},
		{"sitemap-index.xml", false},
	}
	for _, tt := range tests {
		sm, err := ParseSitemap(fixture(t, tt.fixture), "https://www.example.com/s.xml", testMaxBytes)
		if err != nil || sm.News != tt.news {
			t.Errorf("%s: News = %v, %v; want %v", tt.fixture, sm.News, err, tt.news)
		}
	}
}

func TestParseSitemap_BadInputIsAnError(t *testing.T) {
	tests := map[string]string{
		"empty":        "",
		"not xml":      "hello",
		"feed":         string(fixture(t, "rss2.xml")),
		"unterminated": `<urlset><url><loc>https://example.com/a</loc></url><url><loc>https://exa`,
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := ParseSitemap([]byte(body), "https://example.com/", testMaxBytes)
			if err == nil || !strings.HasPrefix(err.Error(), "discover: parse sitemap: ") {
				t.Errorf("error = %v, want a discover: parse sitemap: error", err)
			}
		})
	}
}

func TestParseSitemap_CapsEntries(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range MaxSitemapEntries + 5 {
		fmt.Fprintf(&sb, "<url><loc>https://example.com/a/%d</loc></url>\n", i)
	}
	sb.WriteString(`</urlset>`)
	sm, err := ParseSitemap([]byte(sb.String()), "", testMaxBytes)
	if err != nil {
		t.Fatal(err)
	}
	if len(sm.Links) != MaxSitemapEntries || !sm.Truncated {
		t.Errorf("links = %d, truncated = %v; want %d, true", len(sm.Links), sm.Truncated, MaxSitemapEntries)
	}
}

func TestParseW3CDate_Formats(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-11-23T10:20:30+01:00", "2026-11-23T09:20:30Z"},
		{"2026-11-23T10:20:30.123Z", "2026-11-23T10:20:30.123Z"},
		{"2026-11-23T10:20+01:00", "2026-11-23T09:20:00Z"},
		{"2026-11-23", "2026-11-23T00:00:00Z"},
		{" 2026-11-23 10:20:30 ", "2026-11-23T10:20:30Z"},
		{"2026-11", "2026-11-01T00:00:00Z"},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := parseW3CDate(tt.in)
		if tt.want == "" {
			if !got.IsZero() {
				t.Errorf("parseW3CDate(%q) = %v, want zero", tt.in, got)
			}
			continue
		}
		if want, _ := time.Parse(time.RFC3339Nano, tt.want); !got.Equal(want) {
			t.Errorf("parseW3CDate(%q) = %v, want %v", tt.in, got, want)
		}
	}
}

func FuzzParseSitemap(f *testing.F) {
	addFixtures(f, "sitemap.xml", "sitemap-index.xml", "news-sitemap.xml", "sitemap-gzipped.xml.gz", "malformed.xml")
	f.Fuzz(func(t *testing.T, body []byte) {
		sm, err := ParseSitemap(body, "https://example.com/sitemap.xml", testMaxBytes)
		if err != nil {
			return
		}
		checkLinks(t, sm.Links)
		if len(sm.Links)+len(sm.Children) > MaxSitemapEntries {
			t.Fatalf("%d entries returned, cap is %d", len(sm.Links)+len(sm.Children), MaxSitemapEntries)
		}
	})
}
