package fetch

import (
	"context"
	"io"
	"net/http"
	"testing"
)

func benchSite(b *testing.B) *site {
	return newSite(b, robots404(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"same"`)
		if r.Header.Get("If-None-Match") == `"same"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		io.WriteString(w, page)
	}))
}

func BenchmarkGet304(b *testing.B) {
	s := benchSite(b)
	c := newTestClient(b, Config{HostInterval: 0})
	v := Validators{ETag: `"same"`}
	for b.Loop() {
		r, err := c.Get(context.Background(), s.URL+"/a", v)
		if err != nil || !r.NotModified() {
			b.Fatalf("got %v, %v", r, err)
		}
	}
}

func BenchmarkGetSame(b *testing.B) {
	s := benchSite(b)
	c := newTestClient(b, Config{HostInterval: 0})
	for b.Loop() {
		r, err := c.Get(context.Background(), s.URL+"/a", Validators{})
		if err != nil || r.Status != http.StatusOK {
			b.Fatalf("got %v, %v", r, err)
		}
	}
}
