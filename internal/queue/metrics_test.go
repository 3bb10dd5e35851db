package queue

import (
	"context"
	"testing"

	"github.com/errata/errata/internal/metrics"
)

func TestQueue_ChecksAndDepthReachTheMetrics(t *testing.T) {
	ctx := context.Background()
	e := newQueueEngine(t)
	m := metrics.New()
	e.Metrics = m
	g := newGate(t)
	added, err := e.AddURL(ctx, g.srv.URL+"/story", "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := e.Store.ArticleByURL(ctx, added.URL)
	if err != nil {
		t.Fatal(err)
	}
	q := newQueue(t, e, Config{Metrics: m})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "a check by the queue", func() bool { return countChecks(t, e, a) >= 2 })
	if err := q.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	got := gather(t, m)
	tests := []struct {
		series string
		min    float64
	}{
		{"errata_versions_total", 1}, // the one add recorded
		{"errata_checks_total{outcome=new_version}", 1},
		{"errata_fetch_seconds", 2}, // observations
		{"errata_queue_depth{kind=" + KindCheck + "}", 0},
		{"errata_queue_depth{kind=" + KindScheduler + "}", 0},
	}
	for _, tc := range tests {
		v, ok := got[tc.series]
		if !ok || v < tc.min {
			t.Errorf("%s: %v (present %v), want at least %v", tc.series, v, ok, tc.min)
		}
	}
	if got["errata_checks_total{outcome=unchanged}"]+got["errata_checks_total{outcome=same_bytes}"] < 1 {
		t.Errorf("the queue's check of an unchanged page was not counted: %v", got)
	}
}

// gather reads every series of a Set as name{label=value} → value; a
// histogram's value is its observation count.
func gather(t *testing.T, m *metrics.Set) map[string]float64 {
	t.Helper()
	fams, err := m.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fams {
		for _, s := range f.GetMetric() {
			key := f.GetName()
			for _, l := range s.GetLabel() {
				key += "{" + l.GetName() + "=" + l.GetValue() + "}"
			}
			switch {
			case s.Counter != nil:
				out[key] = s.GetCounter().GetValue()
			case s.Gauge != nil:
				out[key] = s.GetGauge().GetValue()
			case s.Histogram != nil:
				out[key] = float64(s.GetHistogram().GetSampleCount())
			}
		}
	}
	return out
}
