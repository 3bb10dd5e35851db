package fetch

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// redirects serves /rN as a redirect with status codes[N] to /r(N+1), and
// the page at the end of the chain.
func redirects(codes ...int) http.HandlerFunc {
	return robots404(func(w http.ResponseWriter, r *http.Request) {
		for i, code := range codes {
			if r.URL.Path == "/r"+string(rune('0'+i)) {
				http.Redirect(w, r, "/r"+string(rune('1'+i)), code)
				return
			}
		}
		io.WriteString(w, page)
	})
}

func TestGet_RedirectChainSetsPermanent(t *testing.T) {
	tests := []struct {
		name           string
		codes          []int
		wantRedirected bool
		wantPermanent  bool
	}{
		{"no redirect", nil, false, false},
		{"301 then 308", []int{301, 308}, true, true},
		{"301 then 302", []int{301, 302}, true, false},
		{"307 only", []int{307}, true, false},
		{"303 then 301", []int{303, 301}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, redirects(tt.codes...))
			r, err := get(t, newTestClient(t, Config{}), s.URL+"/r0")
			if err != nil {
				t.Fatal(err)
			}
			wantURL := s.URL + "/r" + string(rune('0'+len(tt.codes)))
			if r.URL != wantURL || r.Redirected != tt.wantRedirected || r.Permanent != tt.wantPermanent {
				t.Errorf("URL %s redirected %v permanent %v; want %s %v %v",
					r.URL, r.Redirected, r.Permanent, wantURL, tt.wantRedirected, tt.wantPermanent)
			}
			if string(r.Body) != page {
				t.Errorf("body = %q", r.Body)
			}
		})
	}
}

func TestGet_RedirectLimit(t *testing.T) {
	tests := []struct {
		name    string
		hops    int
		wantErr bool
	}{
		{"at the limit", 5, false},
		{"one over", 6, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			codes := make([]int, tt.hops)
			for i := range codes {
				codes[i] = http.StatusFound
			}
			s := newSite(t, redirects(codes...))
			_, err := get(t, newTestClient(t, Config{MaxRedirects: 5}), s.URL+"/r0")
			if tt.wantErr != errors.Is(err, ErrTooManyRedirects) {
				t.Fatalf("err = %v, want ErrTooManyRedirects: %v", err, tt.wantErr)
			}
		})
	}
}

func TestGet_RedirectLoopIsTooManyRedirects(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		target := map[string]string{"/a": "/b", "/b": "/a"}[r.URL.Path]
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	}))
	_, err := get(t, newTestClient(t, Config{}), s.URL+"/a")
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("err = %v, want ErrTooManyRedirects", err)
	}
	if got := s.count("/a") + s.count("/b"); got != DefaultMaxRedirects+1 {
		t.Errorf("%d requests made, want %d", got, DefaultMaxRedirects+1)
	}
}

func TestGet_RedirectToOtherSchemeRefused(t *testing.T) {
	tests := []string{"file:///etc/passwd", "ftp://news.example/a", "javascript:alert(1)"}
	for _, target := range tests {
		t.Run(target, func(t *testing.T) {
			s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", target)
				w.WriteHeader(http.StatusFound)
			}))
			_, err := get(t, newTestClient(t, Config{}), s.URL+"/go")
			if !errors.Is(err, ErrScheme) {
				t.Fatalf("err = %v, want ErrScheme", err)
			}
			if !strings.Contains(err.Error(), "/go: redirect to") {
				t.Errorf("message %q does not mention the redirect", err)
			}
		})
	}
}
