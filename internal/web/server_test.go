package web

import (
	"strings"
	"testing"

	"github.com/errata/errata/internal/metrics"
)

func TestNew_NeedsAStore(t *testing.T) {
	if _, err := New(Config{}); err == nil || !strings.HasPrefix(err.Error(), "web: ") {
		t.Errorf("New without store = %v", err)
	}
}

func TestMetrics_ServedAndCountedByRoute(t *testing.T) {
	f := newFixture(t, Config{Metrics: metrics.New()})
	f.get(t, "/")
	f.get(t, "/articles/999")
	resp, body := f.get(t, "/metrics")
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics = %d", resp.StatusCode)
	}
	mustContain(t, "/metrics", body, `errata_http_requests_total{code="2xx",route="GET /{$}"} 1`,
		`errata_http_requests_total{code="4xx",route="GET /articles/{id}"} 1`, "errata_http_request_seconds")
}

func TestMetrics_AbsentWithoutSet(t *testing.T) {
	f := newFixture(t, Config{})
	if resp, _ := f.get(t, "/metrics"); resp.StatusCode != 404 {
		t.Errorf("/metrics = %d, want 404", resp.StatusCode)
	}
}

func TestHealthz_FailsWhenStoreIsGone(t *testing.T) {
	f := newFixture(t, Config{})
	if resp, _ := f.get(t, "/healthz"); resp.StatusCode != 200 {
		t.Fatalf("healthz = %d", resp.StatusCode)
	}
	_ = f.store.Close()
	if resp, _ := f.get(t, "/healthz"); resp.StatusCode != 503 {
		t.Errorf("healthz with a closed store = %d, want 503", resp.StatusCode)
	}
}
