package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
)

// barThrottle bounds how often the bar is redrawn.
const barThrottle = 100 * time.Millisecond

// barView draws a crawl's progress as one bar on a terminal: polls and
// checks done out of those planned, new versions, errors, the time spent
// and the time left.
type barView struct {
	bar   *progressbar.ProgressBar
	drawn bool
	last  time.Duration // elapsed time of the last redraw
}

func newBarView(w io.Writer) *barView {
	// The bar redraws on each change; update throttles the changes, so
	// that the counts, the total and the description are drawn together.
	return &barView{bar: progressbar.NewOptions(1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("crawl: starting"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionFullWidth(),
		progressbar.OptionThrottle(0),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
	)}
}

func (b *barView) update(c crawlCounts) {
	if b.drawn && c.elapsed-b.last < barThrottle {
		return
	}
	b.drawn, b.last = true, c.elapsed
	// One unit more than planned, for the pass itself: the bar must not
	// finish between two phases of the crawl, when all that was planned so
	// far is done and the next phase has not yet said what it plans.
	b.bar.ChangeMax(c.planned() + 1)
	_ = b.bar.Set(c.done())
	b.bar.Describe(c.brief())
}

func (b *barView) close() { _ = b.bar.Finish() }

// lineView writes a line of counts every so often, for a crawl whose
// stderr is a log rather than a terminal.
type lineView struct {
	w     io.Writer
	every time.Duration
	last  time.Duration // elapsed time of the last line
}

func (l *lineView) update(c crawlCounts) {
	if c.elapsed-l.last < l.every {
		return
	}
	l.last = c.elapsed
	fmt.Fprintln(l.w, c.line())
}

func (l *lineView) close() {}

// planned and done count polls and checks together: both take a fetch.
func (c crawlCounts) planned() int { return max(c.sourcesPlanned+c.checksPlanned, c.done()) }
func (c crawlCounts) done() int    { return c.sourcesDone + c.checksDone }

// brief is the bar's description.
func (c crawlCounts) brief() string {
	if c.sourcesDone < c.sourcesPlanned {
		return fmt.Sprintf("crawl: %d/%d sources", c.sourcesDone, c.sourcesPlanned)
	}
	return fmt.Sprintf("crawl: %d/%d checks, %s, %s", c.checksDone, c.checksPlanned,
		plural(c.newVersions, "new version", "new versions"), plural(c.errors+c.sourcesFailed, "error", "errors"))
}

// line is the periodic progress line.
func (c crawlCounts) line() string {
	var b strings.Builder
	fmt.Fprintf(&b, "crawl: %d/%d checks, %s, %s; %d/%d sources polled, %d failed; %s elapsed",
		c.checksDone, max(c.checksPlanned, c.checksDone), plural(c.newVersions, "new version", "new versions"),
		plural(c.errors, "error", "errors"), c.sourcesDone, c.sourcesPlanned, c.sourcesFailed,
		c.elapsed.Round(time.Second))
	if left, ok := c.left(); ok {
		fmt.Fprintf(&b, ", about %s left", left)
	}
	return b.String()
}

// left estimates the time left at the pace so far.
func (c crawlCounts) left() (time.Duration, bool) {
	done, planned := c.done(), c.planned()
	if done == 0 || planned <= done {
		return 0, false
	}
	return (c.elapsed * time.Duration(planned-done) / time.Duration(done)).Round(time.Second), true
}
