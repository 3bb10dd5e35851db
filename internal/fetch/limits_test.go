package fetch

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"
)

const gib = 1 << 30

// streamZeros writes n zero bytes through w until n is reached or the
// client hangs up, so a huge body never exists in memory.
func streamZeros(w io.Writer, n int64) {
	buf := make([]byte, 64<<10)
	for n > 0 {
		chunk := min(n, int64(len(buf)))
		if _, err := w.Write(buf[:chunk]); err != nil {
			return
		}
		n -= chunk
	}
}

func TestGet_GzipBombIsTooLarge(t *testing.T) {
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		streamZeros(zw, gib)
		zw.Close()
	}))
	_, err := get(t, newTestClient(t, Config{}), s.URL+"/bomb")
	if !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("err = %v, want ErrBodyTooLarge", err)
	}
}

func TestGet_HugeBodyIsTooLarge(t *testing.T) {
	tests := []struct {
		name     string
		declared bool
	}{
		{"declared content-length", true},
		{"streamed without length", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
				if tt.declared {
					w.Header().Set("Content-Length", strconv.Itoa(gib))
				}
				streamZeros(w, gib)
			}))
			_, err := get(t, newTestClient(t, Config{}), s.URL+"/huge")
			if !errors.Is(err, ErrBodyTooLarge) {
				t.Fatalf("err = %v, want ErrBodyTooLarge", err)
			}
		})
	}
}

func TestGet_BodyAtLimitIsAccepted(t *testing.T) {
	const limit = 1000
	s := newSite(t, robots404(func(w http.ResponseWriter, r *http.Request) {
		streamZeros(w, limit)
	}))
	r, err := get(t, newTestClient(t, Config{MaxBodySize: limit}), s.URL+"/exact")
	if err != nil || len(r.Body) != limit {
		t.Fatalf("got %d bytes, %v; want %d bytes", len(r.Body), err, limit)
	}
}

func TestGet_TimeoutsAreErrTimeout(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		h    func(w http.ResponseWriter, r *http.Request)
	}{
		{"no headers", Config{HeaderTimeout: 50 * time.Millisecond}, func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
		{"stalled body", Config{TotalTimeout: 100 * time.Millisecond}, func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "start of the body")
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t, robots404(tt.h))
			_, err := get(t, newTestClient(t, tt.cfg), s.URL+"/slow")
			if !errors.Is(err, ErrTimeout) {
				t.Fatalf("err = %v, want ErrTimeout", err)
			}
		})
	}
}

func TestGet_CancelledContextStopsWaiting(t *testing.T) {
	robotsServed := make(chan struct{})
	var once sync.Once
	s := newSite(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			once.Do(func() { close(robotsServed) })
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, page)
	})
	// With an hour between requests, the page waits behind robots.txt
	// until the context is cancelled.
	c := newTestClient(t, Config{HostInterval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-robotsServed
		cancel()
	}()
	_, err := c.Get(ctx, s.URL+"/page", Validators{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if n := s.count("/page"); n != 0 {
		t.Errorf("page requested %d times despite cancellation", n)
	}
}
