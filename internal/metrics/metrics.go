// Package metrics defines errata's Prometheus metrics in one place, so the
// workers that record them and the web server that exposes them agree on
// names. It holds no global registry: each process builds one Set.
package metrics

import "github.com/prometheus/client_golang/prometheus"

// Set is every metric errata exports, registered on its own registry.
type Set struct {
	Registry *prometheus.Registry

	Checks       *prometheus.CounterVec   // checks by outcome
	Versions     prometheus.Counter       // new versions recorded
	Polls        *prometheus.CounterVec   // source polls by result (ok, error)
	FetchSeconds prometheus.Histogram     // time of one fetch, politeness waits excluded
	QueueDepth   *prometheus.GaugeVec     // jobs waiting, by kind
	Errors       *prometheus.CounterVec   // errors by stage (fetch, extract, store, queue)
	HTTPRequests *prometheus.CounterVec   // web requests by route and status class
	HTTPSeconds  *prometheus.HistogramVec // web request latency by route
}

// New builds and registers a Set, with the Go and process collectors.
func New() *Set {
	r := prometheus.NewRegistry()
	s := &Set{
		Registry: r,
		Checks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errata_checks_total", Help: "Article checks by outcome.",
		}, []string{"outcome"}),
		Versions: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "errata_versions_total", Help: "New versions recorded.",
		}),
		Polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errata_source_polls_total", Help: "Source polls by result.",
		}, []string{"result"}),
		FetchSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "errata_fetch_seconds", Help: "Time of one fetch, politeness waits excluded.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}),
		QueueDepth: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "errata_queue_depth", Help: "Jobs waiting to run, by kind.",
		}, []string{"kind"}),
		Errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errata_errors_total", Help: "Errors by stage.",
		}, []string{"stage"}),
		HTTPRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "errata_http_requests_total", Help: "Web requests by route and status class.",
		}, []string{"route", "code"}),
		HTTPSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "errata_http_request_seconds", Help: "Web request latency by route.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
		}, []string{"route"}),
	}
	r.MustRegister(s.Checks, s.Versions, s.Polls, s.FetchSeconds, s.QueueDepth, s.Errors,
		s.HTTPRequests, s.HTTPSeconds,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return s
}
