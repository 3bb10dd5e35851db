package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/errata/errata/internal/model"
)

var addCmd = &command{
	name:    "add",
	args:    "URL...",
	summary: "track a feed, a sitemap or a single article",
	help: `Fetches each URL once and finds out what it is: an RSS, Atom, RDF or JSON feed
or a sitemap becomes a source whose articles are discovered on every crawl; any
other page is tracked as one article and its first version is recorded now.
Only http and https URLs are accepted.`,
	example: "errata add https://example.com/feed.xml --outlet \"Example News\"",
	minArgs: 1, maxArgs: -1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.outlet, "outlet", "", "outlet name (default: the feed's title or the host)")
	},
	run: runAdd,
}

func runAdd(ctx context.Context, e *env, args []string) error {
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	for _, u := range args {
		added, err := eng.AddURL(ctx, u, e.outlet)
		if err != nil && len(args) == 1 {
			return err
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "errata: %v\n", err)
			failed++
			continue
		}
		state := "added"
		if !added.Created {
			state = "already tracked"
		}
		fmt.Fprintf(e.stdout, "%s %s %s (outlet %q)", state, added.Kind, added.URL, added.Outlet)
		if c := added.Check; c != nil {
			fmt.Fprintf(e.stdout, ": %s", c.Outcome)
			if c.Err != nil {
				fmt.Fprintf(e.stdout, " (%v)", c.Err)
			}
		}
		fmt.Fprintln(e.stdout)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d URLs not added", failed, len(args))
	}
	return nil
}

var importCmd = &command{
	name:    "import",
	args:    "FILE.opml",
	summary: "track every feed listed in an OPML file",
	help: `Reads an OPML file (as exported by feed readers) and adds each feed it lists
as a source, under the outlet named by its outline. Feeds are not fetched until
the next crawl.`,
	example: "errata import subscriptions.opml",
	minArgs: 1, maxArgs: 1,
	run: runImport,
}

func runImport(ctx context.Context, e *env, args []string) error {
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	total, created, err := eng.ImportOPML(ctx, f)
	if err != nil {
		return fmt.Errorf("import %s: %w", args[0], err)
	}
	fmt.Fprintf(e.stdout, "imported %d feeds (%d new) from %s\n", total, created, args[0])
	return nil
}

var crawlCmd = &command{
	name:    "crawl",
	args:    "[--all]",
	summary: "poll due sources and check due articles once, then exit",
	help: `Makes one pass: polls the sources that are due, then checks the articles that
are due, including those just discovered, and records every change. With --all,
every source is polled and every tracked article that is not stopped or gone is
checked now, whatever the schedule says.`,
	example: "errata crawl --all --host-interval 2s",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.BoolVar(&e.all, "all", false, "ignore the schedule: poll every source, check every active article")
	},
	run: runCrawl,
}

func runCrawl(ctx context.Context, e *env, _ []string) error {
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := eng.Crawl(ctx, e.all, 0)
	o := stats.Outcomes
	fmt.Fprintf(e.stdout, "polled %d sources (%d failed), %d new articles; %d checks: %d new versions, %d unchanged, %d not modified, %d flip-flops, %d gone, %d errors; %d second fetches, %d refused as churn, %d held for the next check",
		stats.Sources, stats.SourceErrs, stats.NewArticles, stats.Checks,
		o[model.OutcomeNewVersion], o[model.OutcomeUnchanged]+o[model.OutcomeSameBytes],
		o[model.OutcomeNotModified], o[model.OutcomeFlipFlop], o[model.OutcomeGone], o[model.OutcomeError],
		o[model.OutcomeConfirming], o[model.OutcomeChurn],
		o[model.OutcomeLargeLoss]+o[model.OutcomeLargeChange]+o[model.OutcomeNumbersOnly])
	if stats.Skipped > 0 {
		fmt.Fprintf(e.stdout, "; %d skipped, checked meanwhile by another errata process", stats.Skipped)
	}
	fmt.Fprintln(e.stdout)
	return err
}
