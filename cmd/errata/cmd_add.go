package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/termsafe"
)

var addCmd = &command{
	name:    "add",
	args:    "URL...",
	summary: "track a feed, a sitemap, a site or a single article",
	help: `Fetches each URL once and finds out what it is: an RSS, Atom, RDF or JSON feed
or a sitemap becomes a source whose articles are discovered on every crawl; any
other page is tracked as one article and its first version is recorded now.

A site's front page (https://site/) is tracked through the feeds it advertises
(<link rel="alternate">), else through the news sitemap its robots.txt lists,
and only else as one article; add says which it did. So is a page holding no
article text. Only http and https URLs are accepted.

Without --outlet, a URL joins the outlet already tracking its site, else one
named after the feed's title or the host. --outlet names the outlet to use; a
new name for a site another outlet already tracks is refused (rename or merge
outlets with 'errata outlets'). Adding an article removed with 'errata remove'
tracks it again.`,
	example: "errata add https://example.com/ --outlet \"Example News\"",
	minArgs: 1, maxArgs: -1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.outlet, "outlet", "", "outlet name (default: the outlet of the URL's site, else the feed's title or the host)")
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
	// The articles added are placed into stories once all are in, as a
	// crawl places them after its pass.
	placed := jobs.NewPlaceCollector(jobs.NewPlacer(st, eng.Log))
	eng.OnVersion = placed.Recorded
	err = addAll(ctx, e, eng, args)
	if _, perr := placed.PlaceAll(context.WithoutCancel(ctx)); err == nil {
		err = perr
	}
	return err
}

func addAll(ctx context.Context, e *env, eng *jobs.Engine, args []string) error {
	failed := 0
	for _, u := range args {
		res, err := eng.AddURL(ctx, u, e.outlet)
		if err != nil && (len(args) == 1 || ctx.Err() != nil) {
			return err
		}
		if err != nil {
			printError(e.stderr, err)
			failed++
			continue
		}
		for _, line := range addReport(res) {
			fmt.Fprintln(e.stdout, line)
		}
		for _, sk := range res.Skipped {
			fmt.Fprintf(e.stderr, "errata: skipped %s: %s\n", termsafe.Line(sk.URL), termsafe.Line(sk.Reason))
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %s not added", failed, plural(len(args), "URL", "URLs"))
	}
	return nil
}

// addReport says what an add did, one line each: how the URL was
// understood when it was not taken as given, then each thing tracked.
func addReport(res jobs.AddResult) []string {
	var lines []string
	if how := resolutionLine(res); how != "" {
		lines = append(lines, how)
	}
	for _, a := range res.All {
		lines = append(lines, addedLine(a))
	}
	return lines
}

func resolutionLine(res jobs.AddResult) string {
	page := termsafe.Line(res.Page)
	what := page + " is the site's front page"
	if !res.Front {
		what = page + " holds no article"
	}
	switch res.Via {
	case jobs.ViaFeeds:
		return what + "; tracking the feeds it advertises:"
	case jobs.ViaSitemap:
		return what + " and advertises no feed; tracking the news sitemap its robots.txt lists:"
	case jobs.AsArticle:
		return what + ", advertises no feed and lists no news sitemap; tracking it as one article:"
	}
	return ""
}

func addedLine(a jobs.Added) string {
	state := "added"
	switch {
	case a.Restored:
		state = "tracking again"
	case !a.Created:
		state = "already tracked"
	}
	line := fmt.Sprintf("%s %s %s (outlet \"%s\")", state, a.Kind, termsafe.Line(a.URL), termsafe.Line(a.Outlet))
	if a.State != "" && a.State != string(model.StateActive) && a.State != model.SourceActive {
		line += ", " + a.State
	}
	if c := a.Check; c != nil {
		line += ": " + string(c.Outcome)
		if c.Err != nil {
			line += " (" + termsafe.Line(userMessage(c.Err)) + ")"
		}
	}
	return line
}

var importCmd = &command{
	name:    "import",
	args:    "[--format opml|warc] FILE",
	summary: "track every feed listed in an OPML file, or read a WARC archive's pages",
	help: `Reads an OPML file (as exported by feed readers) and adds each feed it lists
as a source, under the outlet already tracking its site, else the outlet named
by its outline. Feeds are not fetched until the next crawl. Each outline whose
URL cannot be followed (empty, javascript:, file:, relative) is reported on
stderr with the reason.

--format warc reads a WARC archive (errata's export or a crawler's; - is
standard input): each HTML page's response becomes a capture; a version errata's
metadata record describes is recreated as it was, and other pages are read with
errata's extraction, each URL's distinct texts becoming versions in date order.
Importing an archive again adds nothing; records with a wrong digest, too large
or not HTTP are skipped and counted.`,
	example: "errata import subscriptions.opml",
	minArgs: 1, maxArgs: 1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.format, "format", "opml", "what FILE is: opml or warc")
	},
	run: runImport,
}

func runImport(ctx context.Context, e *env, args []string) error {
	switch e.format {
	case "opml":
	case "warc":
		return runImportWARC(ctx, e, args[0])
	default:
		return usageError{fmt.Sprintf("--format %q: want opml or warc", e.format)}
	}
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
	res, err := eng.ImportOPML(ctx, f)
	if err != nil {
		return fmt.Errorf("import %s: %w", args[0], err)
	}
	for _, sk := range res.Skipped {
		name := sk.Title
		if name == "" {
			name = "(untitled)"
		}
		fmt.Fprintf(e.stderr, "errata: skipped outline %q (%s): %s\n", termsafe.Line(name), termsafe.Line(sk.URL), sk.Reason)
	}
	fmt.Fprintf(e.stdout, "imported %s (%d new) from %s", plural(res.Feeds, "feed", "feeds"), res.New, termsafe.Line(args[0]))
	if n := len(res.Skipped); n > 0 {
		fmt.Fprintf(e.stdout, "; skipped %s", nouns(n, "outline"))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// nouns counts things in words: "1 version", "3 versions", for nouns
// whose plural takes an s.
func nouns(n int, noun string) string {
	return plural(n, noun, noun+"s")
}
