package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

// TestLineView_WritesTheCountsEveryInterval: without a terminal, progress
// is one plain line every interval, with checks done and planned, new
// versions, errors, sources and the time left at the pace so far.
func TestLineView_WritesTheCountsEveryInterval(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	var out bytes.Buffer
	rep := newCrawlReport(clock.now)
	stop := rep.show(&lineView{w: &out, every: 10 * time.Second})
	rep.event(jobs.CrawlEvent{PlannedSources: 1})
	rep.event(jobs.CrawlEvent{Source: "https://a.example/feed", Err: errors.New("jobs: poll https://a.example/feed: HTTP status 500")})
	rep.event(jobs.CrawlEvent{PlannedChecks: 5})
	clock.t = clock.t.Add(5 * time.Second)
	rep.event(jobs.CrawlEvent{Article: "https://a.example/1", Check: jobs.CheckResult{Outcome: model.OutcomeNewVersion}})
	if out.Len() != 0 {
		t.Fatalf("a line before the interval: %q", out.String())
	}
	clock.t = clock.t.Add(5 * time.Second)
	rep.event(jobs.CrawlEvent{Article: "https://a.example/2", Check: jobs.CheckResult{Outcome: model.OutcomeError, Err: errors.New("fetch https://a.example/2: timed out")}})
	stop()
	want := "crawl: 2/5 checks, 1 new version, 1 error; 1/1 sources polled, 1 failed; 10s elapsed, about 10s left\n"
	if out.String() != want {
		t.Errorf("lines:\n%q\nwant\n%q", out.String(), want)
	}
}

// TestCrawlReport_SkipsChecksRecordedElsewhere: a check another process
// recorded first, or of an article merged meanwhile, leaves the plan and
// is no failure.
func TestCrawlReport_SkipsChecksRecordedElsewhere(t *testing.T) {
	rep := newCrawlReport(time.Now)
	rep.event(jobs.CrawlEvent{PlannedChecks: 2})
	rep.event(jobs.CrawlEvent{Article: "https://a.example/1", Err: store.ErrStale})
	if c := rep.counts(); c.checksPlanned != 1 || c.checksDone != 0 || len(rep.failed) != 0 {
		t.Errorf("counts %+v, failures %v", c, rep.failed)
	}
}

func TestCrawlReport_ListsAtMostTwentyFailures(t *testing.T) {
	rep := newCrawlReport(time.Now)
	for i := range 23 {
		rep.event(jobs.CrawlEvent{Article: "https://a.example/" + strings.Repeat("x", i+1),
			Check: jobs.CheckResult{Outcome: model.OutcomeError, Err: errors.New("fetch https://a.example/: refused")}})
	}
	var out bytes.Buffer
	rep.summary(&out, jobs.CrawlStats{Outcomes: map[model.Outcome]int{}}, false)
	if !strings.Contains(out.String(), "  23 failed:\n") || !strings.HasSuffix(out.String(), "    and 3 more\n") ||
		strings.Count(out.String(), "\n    https://") != 20 {
		t.Errorf("summary:\n%s", out.String())
	}
}

// TestBarView_ShowsChecksNewVersionsAndErrors renders the bar into a
// buffer, as it would on a terminal.
func TestBarView_ShowsChecksNewVersionsAndErrors(t *testing.T) {
	var out bytes.Buffer
	bar := newBarView(&out)
	bar.update(crawlCounts{checksPlanned: 4, checksDone: 2, newVersions: 1, errors: 1, elapsed: 2 * time.Second})
	bar.update(crawlCounts{checksPlanned: 4, checksDone: 3, newVersions: 1, errors: 1, elapsed: 3 * time.Second})
	got := out.String()
	if !strings.Contains(got, "crawl: 3/4 checks, 1 new version, 1 error  60% |") {
		t.Errorf("bar:\n%q", got)
	}
	bar.close()
	if out.String() == got || !strings.HasSuffix(out.String(), "\r") {
		t.Errorf("the finished bar is not cleared:\n%q", out.String())
	}
}

func TestCrawlReport_SummaryCountsChecksSkipped(t *testing.T) {
	var out bytes.Buffer
	newCrawlReport(time.Now).summary(&out, jobs.CrawlStats{Outcomes: map[model.Outcome]int{}, Skipped: 1}, false)
	if !strings.Contains(out.String(), "\n  1 check skipped, checked meanwhile by another errata process\n") {
		t.Errorf("summary:\n%s", out.String())
	}
}
