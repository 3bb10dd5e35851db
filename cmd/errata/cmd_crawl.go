package main

import (
	"context"
	"flag"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
)

var crawlCmd = &command{
	name:    "crawl",
	args:    "[--all]",
	summary: "poll due sources and check due articles once, then exit",
	help: `Makes one pass: polls the sources that are due, then checks the articles that
are due, including those just discovered, and records every change. With --all,
every source is polled and every tracked article that is not stopped or gone is
checked now, whatever the schedule says.

On a terminal a progress bar shows the checks done and planned, new versions,
errors and the time left; otherwise a line with the same counts is written to
stderr every 10 seconds. At the end a summary gives the duration, the count of
each outcome and every failure with its reason. The exit status is 1 when every
source or every check failed. Ctrl-C stops the pass; the summary then covers
what was done, and the exit status is 130.`,
	example: "errata crawl --all --host-interval 2s",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.BoolVar(&e.all, "all", false, "ignore the schedule: poll every source, check every active article")
		renderFlags(fs, e)
	},
	run: runCrawl,
}

// crawlLineEvery is how often a crawl not watched on a terminal writes a
// progress line.
const crawlLineEvery = 10 * time.Second

func runCrawl(ctx context.Context, e *env, _ []string) error {
	st, err := e.openExistingWriter(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	eng := e.engineOn(st)
	notes := jobs.NewCollector(e.deliverer(eng, st))
	placed := jobs.NewPlaceCollector(jobs.NewPlacer(st, eng.Log))
	eng.OnVersion = func(ctx context.Context, a model.Article, v model.Version) {
		notes.Recorded(ctx, a, v)
		placed.Recorded(ctx, a, v)
	}
	eng.OnEvent = notes.Event
	rep := newCrawlReport(time.Now)
	eng.OnCrawl = rep.event
	stop := rep.show(e.progressView())
	stats, err := eng.Crawl(ctx, e.all, e.cfg.Workers)
	stop()
	rep.summary(e.stdout, stats, ctx.Err() != nil)
	if err != nil {
		return err
	}
	if err := deliverAfterCrawl(ctx, e, notes); err != nil {
		return err
	}
	if _, err := placed.PlaceAll(ctx); err != nil {
		return err
	}
	return rep.verdict(stats)
}

// progressView picks how a crawl shows its progress on stderr: a bar on a
// terminal, unless -v logs each step there; lines otherwise.
func (e *env) progressView() progressView {
	if f, ok := e.stderr.(*os.File); ok && !e.verbose && term.IsTerminal(int(f.Fd())) {
		return newBarView(f)
	}
	return &lineView{w: e.stderr, every: crawlLineEvery}
}
