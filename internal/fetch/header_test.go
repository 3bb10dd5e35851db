package fetch

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// A header block past MaxHeaderBytes fails the fetch instead of being
// read into memory (net/http alone would read 10 MB).
func TestGet_HeaderBlockPastLimitFails(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		value := strings.Repeat("v", 4000)
		for i := range 2 * MaxHeaderBytes / len(value) {
			w.Header().Add(fmt.Sprintf("X-Filler-%d", i), value)
		}
		io.WriteString(w, page)
	}))
	_, err := get(t, newTestClient(t, Config{}), s.URL+"/big-headers")
	if err == nil || !strings.Contains(err.Error(), strconv.Itoa(MaxHeaderBytes)) {
		t.Fatalf("err = %v, want a failure naming the %d-byte limit", err, MaxHeaderBytes)
	}
	if !strings.HasPrefix(err.Error(), "fetch "+s.URL+"/big-headers: ") {
		t.Errorf("message %q does not name the URL", err)
	}
}

// What a Response keeps of its header is bounded in fields and bytes,
// and the fields errata reads survive the cut.
func TestGet_KeptHeaderIsBounded(t *testing.T) {
	tests := []struct {
		name  string
		extra func(h http.Header)
	}{
		{"many fields", func(h http.Header) {
			for i := range 3000 {
				h.Add(fmt.Sprintf("X-Filler-%04d", i), "a value of some forty bytes, give or take")
			}
		}},
		{"one field many times", func(h http.Header) {
			for i := range 3000 {
				h.Add("Set-Cookie", fmt.Sprintf("c%d=%s", i, strings.Repeat("x", 30)))
			}
		}},
		{"one huge value", func(h http.Header) {
			h.Set("Content-Security-Policy", strings.Repeat("default-src 'self'; ", 10000))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
				tt.extra(w.Header())
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("ETag", `"v1"`)
				w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
				io.WriteString(w, page)
			}))
			r, err := get(t, newTestClient(t, Config{}), s.URL+"/a")
			if err != nil {
				t.Fatal(err)
			}
			fields, size := headerSize(r.Header)
			if fields > MaxKeptHeaderFields || size > MaxKeptHeaderBytes {
				t.Errorf("kept %d fields, %d bytes; limits %d, %d", fields, size, MaxKeptHeaderFields, MaxKeptHeaderBytes)
			}
			if r.ETag() != `"v1"` || r.LastModified() == "" || r.Header.Get("Content-Type") == "" {
				t.Errorf("validators or type lost: %v", r.Header)
			}
			if string(r.Body) != page {
				t.Errorf("body = %q", r.Body)
			}
		})
	}
}

func TestBoundHeader(t *testing.T) {
	small := http.Header{"Content-Type": {"text/html"}, "X-A": {"1", "2"}}
	if got := boundHeader(small); fmt.Sprint(got) != fmt.Sprint(small) {
		t.Errorf("a small header changed: %v", got)
	}
	h := http.Header{"Etag": {`"v1"`}, "X-Huge": {strings.Repeat("x", MaxKeptHeaderBytes)}, "X-Small": {"kept"}}
	for i := range MaxKeptHeaderFields {
		h.Add("Z-Many", strconv.Itoa(i))
	}
	got := boundHeader(h)
	if got.Get("Etag") != `"v1"` || got.Get("X-Small") != "kept" || got.Get("X-Huge") != "" {
		t.Errorf("kept %v; want Etag and X-Small, not the oversized value", got)
	}
	if fields, _ := headerSize(got); fields != MaxKeptHeaderFields {
		t.Errorf("kept %d fields, want %d", fields, MaxKeptHeaderFields)
	}
}
