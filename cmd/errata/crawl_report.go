package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

// Bounds of the crawl's report.
const (
	// maxListed is how many failures (and gone articles) the summary
	// names; the rest are counted.
	maxListed = 20
	// progressTick is how often the progress view is refreshed when no
	// event came, so the time shown moves during a slow fetch.
	progressTick = time.Second
)

// crawlReport follows a crawl through the engine's events: it keeps the
// counts and the failures for the summary and feeds a progress view.
type crawlReport struct {
	now   func() time.Time
	start time.Time

	mu     sync.Mutex
	c      crawlCounts
	failed []failure // sources and checks that failed, in order
	gone   []failure
	view   progressView
}

// crawlCounts is the progress of a crawl at one moment.
type crawlCounts struct {
	sourcesPlanned, sourcesDone, sourcesFailed     int
	checksPlanned, checksDone, newVersions, errors int
	elapsed                                        time.Duration
}

// failure is one URL that failed, with the reason in a few words.
type failure struct{ url, reason string }

// progressView shows a crawl's progress as it goes.
type progressView interface {
	update(c crawlCounts)
	close()
}

func newCrawlReport(now func() time.Time) *crawlReport {
	return &crawlReport{now: now, start: now()}
}

// show feeds view from now on, also every progressTick, until the
// returned stop is called.
func (r *crawlReport) show(view progressView) (stop func()) {
	r.mu.Lock()
	r.view = view
	r.mu.Unlock()
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(progressTick)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				r.refresh()
			}
		}
	})
	return func() {
		close(done)
		wg.Wait()
		r.mu.Lock()
		defer r.mu.Unlock()
		r.view.close()
		r.view = nil
	}
}

func (r *crawlReport) refresh() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.view != nil {
		r.view.update(r.counts())
	}
}

// counts snapshots the progress; the caller holds r.mu.
func (r *crawlReport) counts() crawlCounts {
	c := r.c
	c.elapsed = r.now().Sub(r.start)
	return c
}

// event takes one step of the crawl (jobs.Engine.OnCrawl).
func (r *crawlReport) event(ev jobs.CrawlEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.c.sourcesPlanned += ev.PlannedSources
	r.c.checksPlanned += ev.PlannedChecks
	switch {
	case ev.Source != "":
		r.polled(ev)
	case ev.Article != "":
		r.checked(ev)
	}
	if r.view != nil {
		r.view.update(r.counts())
	}
}

func (r *crawlReport) polled(ev jobs.CrawlEvent) {
	if errors.Is(ev.Err, context.Canceled) {
		return // stopped, not failed
	}
	r.c.sourcesDone++
	if ev.Err != nil {
		r.c.sourcesFailed++
		r.failed = append(r.failed, failure{ev.Source, reason(ev.Source, ev.Err)})
	}
}

func (r *crawlReport) checked(ev jobs.CrawlEvent) {
	switch {
	case errors.Is(ev.Err, context.Canceled):
		return
	case errors.Is(ev.Err, store.ErrStale):
		// Recorded by another process, or merged into another article
		// meanwhile: not a check of this pass.
		r.c.checksPlanned--
		return
	case ev.Err != nil:
		r.c.checksDone++
		r.c.errors++
		r.failed = append(r.failed, failure{ev.Article, "not recorded: " + reason(ev.Article, ev.Err)})
		return
	}
	r.c.checksDone++
	switch res := ev.Check; res.Outcome {
	case model.OutcomeNewVersion:
		r.c.newVersions++
	case model.OutcomeError:
		r.c.errors++
		r.failed = append(r.failed, failure{ev.Article, reason(ev.Article, res.Err)})
	case model.OutcomeGone:
		why := "gone"
		switch {
		case res.Err != nil:
			why = reason(ev.Article, res.Err)
		case res.Status != 0:
			why = fmt.Sprintf("HTTP %d", res.Status)
		}
		r.gone = append(r.gone, failure{ev.Article, why})
	}
}

// reason is an error's message for a line that already names url: without
// package prefixes, nor a leading "fetch URL: " or "poll URL: ".
func reason(url string, err error) string {
	if err == nil {
		return "failed"
	}
	msg := userMessage(err)
	if i := strings.Index(msg, url+": "); i >= 0 && !strings.Contains(msg[:i], ": ") {
		msg = msg[i+len(url)+2:]
	}
	return msg
}

// summary writes what the crawl did: its duration, the count of each
// outcome, and each failure and gone article with its reason.
func (r *crawlReport) summary(w io.Writer, stats jobs.CrawlStats, interrupted bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	took := roundDuration(r.now().Sub(r.start))
	if interrupted {
		fmt.Fprintf(w, "crawl interrupted after %s; done until then:\n", took)
	} else {
		fmt.Fprintf(w, "crawl finished in %s\n", took)
	}
	o := stats.Outcomes
	fmt.Fprintf(w, "  %s polled, %d failed; %s\n", plural(stats.Sources, "source", "sources"), stats.SourceErrs,
		plural(stats.NewArticles, "new article", "new articles"))
	fmt.Fprintf(w, "  %s: %s, %d unchanged, %d not modified, %s, %d gone, %s; %s, %d refused as churn, %d held for the next check\n",
		plural(stats.Checks, "check", "checks"),
		plural(o[model.OutcomeNewVersion], "new version", "new versions"),
		o[model.OutcomeUnchanged]+o[model.OutcomeSameBytes], o[model.OutcomeNotModified],
		plural(o[model.OutcomeFlipFlop], "flip-flop", "flip-flops"), o[model.OutcomeGone],
		plural(o[model.OutcomeError], "error", "errors"),
		plural(o[model.OutcomeConfirming], "second fetch", "second fetches"), o[model.OutcomeChurn],
		o[model.OutcomeLargeLoss]+o[model.OutcomeLargeChange]+o[model.OutcomeNumbersOnly])
	if stats.Skipped > 0 {
		fmt.Fprintf(w, "  %s, checked meanwhile by another errata process\n", plural(stats.Skipped, "check skipped", "checks skipped"))
	}
	listFailures(w, "failed", r.failed)
	listFailures(w, "gone", r.gone)
}

func listFailures(w io.Writer, what string, fs []failure) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(w, "  %d %s:\n", len(fs), what)
	for i, f := range fs {
		if i == maxListed {
			fmt.Fprintf(w, "    and %d more\n", len(fs)-maxListed)
			break
		}
		fmt.Fprintf(w, "    %s: %s\n", termsafe.Line(f.url), termsafe.Line(f.reason))
	}
}

// verdict fails a crawl in which every source, or every check, failed.
func (r *crawlReport) verdict(stats jobs.CrawlStats) error {
	sources := stats.Sources > 0 && stats.SourceErrs == stats.Sources
	checks := stats.Checks > 0 && stats.Outcomes[model.OutcomeError] == stats.Checks
	switch {
	case sources && checks:
		return errors.New("crawl: every source and every check failed")
	case sources:
		return fmt.Errorf("crawl: every source failed (%d of %d)", stats.SourceErrs, stats.Sources)
	case checks:
		return fmt.Errorf("crawl: every check failed (%d of %d)", stats.Checks, stats.Checks)
	}
	return nil
}

// roundDuration keeps a duration readable: milliseconds under a second,
// tenths of a second under a minute, whole seconds above.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d < time.Second:
		return d.Round(time.Millisecond)
	case d < time.Minute:
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Second)
}
