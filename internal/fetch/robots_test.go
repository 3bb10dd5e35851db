package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

const robotsRules = `User-agent: *
Disallow: /

User-agent: errata
Disallow: /private
Allow: /
`

func TestGet_RobotsDisallowAndCache(t *testing.T) {
	s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, robotsRules)
			return
		}
		io.WriteString(w, page)
	})
	c := newTestClient(t, Config{})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if _, err := get(t, c, fmt.Sprintf("%s/news/%d", s.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	_, err := get(t, c, s.URL+"/private/memo?x=1")
	if !errors.Is(err, ErrRobotsDisallowed) {
		t.Fatalf("err = %v, want ErrRobotsDisallowed", err)
	}
	if n := s.count("/private/memo"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

func TestGet_RobotsFailureAllows(t *testing.T) {
	tests := []struct {
		name   string
		robots http.HandlerFunc
	}{
		{"404", http.NotFound},
		{"410", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) }},
		{"403", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) }},
		{"500", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) }},
		{"empty", func(w http.ResponseWriter, r *http.Request) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					tt.robots(w, r)
					return
				}
				io.WriteString(w, page)
			})
			if _, err := get(t, newTestClient(t, Config{}), s.URL+"/any"); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestGet_RobotsRefetchedAfterTTL(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	c := newTestClient(t, Config{})
	if _, err := get(t, c, s.URL+"/a"); err != nil {
		t.Fatal(err)
	}
	// Expire the entry by hand rather than waiting for the clock.
	c.robots.mu.Lock()
	for _, e := range c.robots.entries {
		e.expires = e.expires.AddDate(-1, 0, 0)
	}
	c.robots.mu.Unlock()
	if _, err := c.Get(context.Background(), s.URL+"/b", Validators{}); err != nil {
		t.Fatal(err)
	}
	if n := s.count("/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times, want 2", n)
	}
}

// bigRobots is a robots.txt of size bytes: head, then filler lines that
// name no rule, with tail written so that it starts at offset at.
func bigRobots(head, tail string, at, size int) string {
	var b strings.Builder
	b.WriteString(head)
	for b.Len() < at {
		line := "# filler line to make the file large\n"
		b.WriteString(line[:min(len(line), at-b.Len())])
	}
	b.WriteString(tail)
	for b.Len() < size {
		b.WriteString("# filler line to make the file large\n")
	}
	return b.String()
}

// A robots.txt over maxRobotsSize is read up to the cap, as Google does:
// the rules there are obeyed, bytes past the cap and a line the cap cuts
// in half are ignored.
func TestGet_RobotsOverCapObeysItsFirstBytes(t *testing.T) {
	const size = 600 << 10
	tests := []struct {
		name    string
		robots  string
		allowed bool
	}{
		{"disallow all at the top", bigRobots("User-agent: *\nDisallow: /\n", "", 0, size), false},
		{"gzip, disallow all at the top", bigRobots("User-agent: *\nDisallow: /\n", "", 0, size), false},
		{"disallow all past the cap", bigRobots("User-agent: *\n", "Disallow: /\n", maxRobotsSize+10, size), true},
		{"rule cut by the cap", bigRobots("User-agent: *\n", "\nDisallow: /private/\n", maxRobotsSize-len("\nDisallow: /"), size), true},
		{"no newline before the cap", "User-agent: *\nDisallow: /" + strings.Repeat("x", size), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/robots.txt" {
					io.WriteString(w, page)
					return
				}
				if strings.HasPrefix(tt.name, "gzip") {
					w.Header().Set("Content-Encoding", "gzip")
					zw := gzip.NewWriter(w)
					defer zw.Close()
					io.WriteString(zw, tt.robots)
					return
				}
				io.WriteString(w, tt.robots)
			})
			_, err := get(t, newTestClient(t, Config{}), s.URL+"/news/1")
			if tt.allowed && err != nil {
				t.Fatalf("err = %v, want the page", err)
			}
			if !tt.allowed && !errors.Is(err, ErrRobotsDisallowed) {
				t.Fatalf("err = %v, want ErrRobotsDisallowed", err)
			}
			if n, want := s.count("/news/1"), map[bool]int{true: 1}[tt.allowed]; n != want {
				t.Errorf("page requested %d times, want %d", n, want)
			}
		})
	}
}

func TestSitemaps_ListedByRobotsFromTheSameCache(t *testing.T) {
	s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, "User-agent: *\nAllow: /\n\nSitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/sitemap-news.xml\n")
			return
		}
		io.WriteString(w, page)
	})
	c := newTestClient(t, Config{})
	if _, err := get(t, c, s.URL+"/"); err != nil {
		t.Fatal(err)
	}
	got, err := c.Sitemaps(context.Background(), s.URL+"/")
	want := []string{"https://news.example/sitemap.xml", "https://news.example/sitemap-news.xml"}
	if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Sitemaps = %q, %v; want %q", got, err, want)
	}
	if n := s.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once", n)
	}
}

func TestSitemaps_NoneWithoutRobots(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	c := newTestClient(t, Config{})
	got, err := c.Sitemaps(context.Background(), s.URL+"/")
	if err != nil || len(got) != 0 {
		t.Errorf("Sitemaps = %q, %v; want none", got, err)
	}
}
