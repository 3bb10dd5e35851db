package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/errata/errata/internal/metrics"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// contentSecurityPolicy allows nothing but our own stylesheet and images:
// no script may run, even if some text escaped its escaping.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// secure sets the headers every response carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code for the request counter.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// counted records each request under its route pattern, never its raw
// path, so label cardinality stays bounded.
func (s *Server) counted(next http.Handler) http.Handler {
	m := s.cfg.Metrics
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		m.HTTPRequests.WithLabelValues(route, strconv.Itoa(status/100)+"xx").Inc()
		m.HTTPSeconds.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}

func metricsHandler(m *metrics.Set) http.Handler {
	return promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
}
