package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

const page = "<html><body><p>Hello, errata.</p></body></html>"

func TestGet_ConditionalGetReturns304(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` ||
			r.Header.Get("If-Modified-Since") == "Mon, 02 Jan 2006 15:04:05 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		io.WriteString(w, page)
	}))
	c := newTestClient(t, Config{})
	first, err := get(t, c, s.URL+"/a")
	if err != nil {
		t.Fatal(err)
	}
	if first.Status != 200 || string(first.Body) != page || first.NotModified() {
		t.Fatalf("first fetch: status %d body %q", first.Status, first.Body)
	}
	tests := []struct {
		name string
		v    Validators
	}{
		{"etag", Validators{ETag: first.ETag()}},
		{"last-modified", Validators{LastModified: first.LastModified()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := c.Get(context.Background(), s.URL+"/a", tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if !r.NotModified() || len(r.Body) != 0 {
				t.Errorf("status %d body %q, want 304 and no body", r.Status, r.Body)
			}
		})
	}
}

func TestGet_DecompressesBodies(t *testing.T) {
	tests := []struct {
		encoding string
		compress func(io.Writer) io.WriteCloser
	}{
		{"", nil},
		{"gzip", func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) }},
		{"deflate", func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) }},
		{"deflate", func(w io.Writer) io.WriteCloser { fw, _ := flate.NewWriter(w, 5); return fw }},
		{"br", func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) }},
	}
	for i, tt := range tests {
		t.Run(tt.encoding, func(t *testing.T) {
			s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
				if got := r.Header.Get("Accept-Encoding"); got != "gzip, deflate, br" {
					t.Errorf("Accept-Encoding = %q", got)
				}
				if tt.compress == nil {
					io.WriteString(w, page)
					return
				}
				w.Header().Set("Content-Encoding", tt.encoding)
				zw := tt.compress(w)
				io.WriteString(zw, page)
				zw.Close()
			}))
			r, err := get(t, newTestClient(t, Config{}), s.URL+"/"+string(rune('a'+i)))
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Body) != page {
				t.Errorf("body = %q, want %q", r.Body, page)
			}
		})
	}
}

func TestGet_UnknownContentEncodingIsError(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "zstd")
		io.WriteString(w, "\x28\xb5\x2f\xfd")
	}))
	_, err := get(t, newTestClient(t, Config{}), s.URL+"/")
	if !errors.Is(err, ErrEncoding) {
		t.Fatalf("err = %v, want ErrEncoding", err)
	}
}

func TestGet_StatusHandling(t *testing.T) {
	tests := []struct {
		status  int
		wantErr bool
	}{
		{200, false}, {204, false}, {404, false}, {410, false},
		{403, true}, {429, true}, {500, true}, {503, true},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tt.status)
			}))
			r, err := get(t, newTestClient(t, Config{}), s.URL+"/x")
			if !tt.wantErr {
				if err != nil || r.Status != tt.status {
					t.Fatalf("got %v, %v; want Response with status %d", r, err, tt.status)
				}
				return
			}
			var fe *Error
			if !errors.Is(err, ErrStatus) || !errors.As(err, &fe) || fe.Status != tt.status {
				t.Fatalf("err = %v, want ErrStatus with status %d", err, tt.status)
			}
			if !strings.Contains(err.Error(), http.StatusText(tt.status)) {
				t.Errorf("message %q lacks the status", err)
			}
		})
	}
}

func TestGet_HonestUserAgentEverywhere(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, page) }))
	c := newTestClient(t, Config{UserAgent: "errata/0.1 (+https://desk.example/contact)"})
	if _, err := get(t, c, s.URL+"/page"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/robots.txt", "/page"} {
		s.mu.Lock()
		ua := s.ua[p]
		s.mu.Unlock()
		if ua != "errata/0.1 (+https://desk.example/contact)" {
			t.Errorf("%s: User-Agent = %q", p, ua)
		}
	}
}

func TestResponse_UTF8UsesContentType(t *testing.T) {
	r := &Response{Header: http.Header{"Content-Type": {"text/html; charset=windows-1252"}},
		Body: []byte("caf\xe9")}
	got, err := r.UTF8()
	if err != nil || !bytes.Equal(got, []byte("café")) {
		t.Fatalf("UTF8() = %q, %v", got, err)
	}
}

func TestUserAgent_CarriesTheContact(t *testing.T) {
	tests := map[string]string{
		"":                             DefaultUserAgent,
		"ops@example.org":              "errata/0.1 (+https://github.com/errata/errata; ops@example.org)",
		"https://desk.example/contact": "errata/0.1 (+https://github.com/errata/errata; https://desk.example/contact)",
	}
	for contact, want := range tests {
		if got := UserAgent(contact); got != want {
			t.Errorf("UserAgent(%q) = %q, want %q", contact, got, want)
		}
	}
}
