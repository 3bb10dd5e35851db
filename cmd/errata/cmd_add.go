package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/errata/errata/internal/termsafe"
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
	for _, u := range args {
		if err := checkURLArg("add", u); err != nil {
			return err
		}
	}
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := 0
	for _, u := range args {
		added, err := eng.AddURL(ctx, u, e.outlet)
		if err != nil && (len(args) == 1 || ctx.Err() != nil) {
			return err
		}
		if err != nil {
			printError(e.stderr, err)
			failed++
			continue
		}
		state := "added"
		if !added.Created {
			state = "already tracked"
		}
		fmt.Fprintf(e.stdout, "%s %s %s (outlet \"%s\")", state, added.Kind, termsafe.Line(added.URL), termsafe.Line(added.Outlet))
		if c := added.Check; c != nil {
			fmt.Fprintf(e.stdout, ": %s", c.Outcome)
			if c.Err != nil {
				fmt.Fprintf(e.stdout, " (%s)", termsafe.Line(userMessage(c.Err)))
			}
		}
		fmt.Fprintln(e.stdout)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s not added", failed, plural(len(args), "URL", "URLs"))
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
	fmt.Fprintf(e.stdout, "imported %s (%d new) from %s\n", plural(total, "feed", "feeds"), created, termsafe.Line(args[0]))
	return nil
}
