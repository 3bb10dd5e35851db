package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
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
		{"too large", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "User-agent: *\n")
			streamZeros(w, maxRobotsSize+1)
		}},
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
