package web

import (
	"log/slog"
	"net/http"

	"github.com/errata/errata/internal/metrics"
	"github.com/errata/errata/internal/store"
)

// OpsHandler serves only /healthz and /metrics, for a process that serves
// no pages (a worker) but must still be watched. m may be nil: no
// /metrics.
func OpsHandler(st *store.Store, m *metrics.Set, log *slog.Logger) http.Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: Config{Store: st, Metrics: m}, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.handleHealth)
	if m != nil {
		mux.Handle("GET /metrics", metricsHandler(m))
	}
	mux.HandleFunc("/", http.NotFound)
	return secure(mux)
}
