package newsroom

import (
	"net/http"
	"sync"
	"time"
)

// Access is one request an outlet served.
type Access struct {
	Time               time.Time // when the request arrived
	Host, Method, Path string
	Query              string // raw query, so tests can see tracking parameters
	Status             int
}

// accessLog is a bounded ring: it grows as requests arrive up to its limit,
// then overwrites the oldest entry.
type accessLog struct {
	mu    sync.Mutex
	limit int
	buf   []Access
	next  int // where the next entry goes once buf is full
}

func newAccessLog(limit int) *accessLog { return &accessLog{limit: limit} }

func (l *accessLog) add(a Access) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) < l.limit {
		l.buf = append(l.buf, a)
		return
	}
	l.buf[l.next] = a
	l.next = (l.next + 1) % l.limit
}

func (l *accessLog) snapshot() []Access {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Access, 0, len(l.buf))
	out = append(out, l.buf[l.next:]...)
	return append(out, l.buf[:l.next]...)
}

// AccessLog returns the latest requests served, oldest first.
func (n *Newsroom) AccessLog() []Access { return n.log.snapshot() }

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logged records every request h serves.
func (n *Newsroom) logged(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The arrival time, taken before any byte of the answer is written:
		// the client cannot have finished a request before the next one's
		// arrival is stamped, so gaps between arrivals are true lower
		// bounds. A time taken after the handler could be late by however
		// long the goroutine waited for a CPU.
		arrived := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		n.log.add(Access{Time: arrived, Host: r.Host, Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Status: rec.status})
	})
}
