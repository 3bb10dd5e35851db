package jobs

import (
	"time"

	"github.com/errata/errata/internal/model"
)

// Error stages, as the errors metric labels them.
const (
	stageFetch   = "fetch"
	stageExtract = "extract"
	stageStore   = "store"
	stageQueue   = "queue"
)

// Poll results, as the polls metric labels them.
const (
	pollOK    = "ok"
	pollError = "error"
)

// observeCheck counts a recorded check. A check with an error outcome
// failed at fetching when no response arrived, else at extracting.
func (e *Engine) observeCheck(res CheckResult, fetched time.Duration, fetchFailed bool) {
	m := e.Metrics
	if m == nil {
		return
	}
	m.Checks.WithLabelValues(string(res.Outcome)).Inc()
	if res.Version != nil {
		m.Versions.Inc()
	}
	e.observeFetch(fetched)
	if res.Outcome == model.OutcomeError {
		if fetchFailed {
			e.countError(stageFetch)
		} else {
			e.countError(stageExtract)
		}
	}
}

// observeFetch records the time of one fetch that got a response.
func (e *Engine) observeFetch(d time.Duration) {
	if e.Metrics != nil && d > 0 {
		e.Metrics.FetchSeconds.Observe(d.Seconds())
	}
}

// observePoll counts one poll by result.
func (e *Engine) observePoll(err error) {
	m := e.Metrics
	if m == nil {
		return
	}
	if err != nil {
		m.Polls.WithLabelValues(pollError).Inc()
		e.countError(stageFetch)
		return
	}
	m.Polls.WithLabelValues(pollOK).Inc()
}

func (e *Engine) countError(stage string) {
	if e.Metrics != nil {
		e.Metrics.Errors.WithLabelValues(stage).Inc()
	}
}
