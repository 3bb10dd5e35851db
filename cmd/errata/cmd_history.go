package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/schedule"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var historyCmd = &command{
	name:    "history",
	args:    "URL",
	summary: "show an article's versions and checking status",
	help: `Shows what errata knows of one tracked article: outlet, first seen, published,
last changed, how often it was checked, whether it is still checked, and every
version with its change classes and words added and removed.`,
	example: "errata history https://example.com/2026/11/23/story",
	minArgs: 1, maxArgs: 1,
	run: runHistory,
}

var diffCmd = &command{
	name:    "diff",
	args:    "URL [A B]",
	summary: "show the word-level diff between two versions",
	help: `Shows what changed between versions A and B of an article (numbered from 0, as
'errata history' lists them); without A and B, between the last two versions.
Headline and byline changes come first, then the text, then the stats.`,
	example: "errata diff https://example.com/2026/11/23/story 0 2",
	minArgs: 1, maxArgs: 3,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.color, "color", "auto", "colour the diff: auto, always or never")
	},
	run: runDiff,
}

// findArticle looks an article up by any URL that leads to it, normalised
// as add normalises it; a trailing slash more or less is the same page.
func findArticle(ctx context.Context, st *store.Store, raw string) (model.Article, error) {
	urls, err := discover.LookupURLs(raw)
	if err != nil {
		return model.Article{}, err
	}
	a, err := st.ArticleByURLs(ctx, urls)
	if errors.Is(err, store.ErrNotFound) {
		return a, fmt.Errorf("%s is not tracked; add it with 'errata add %s'", urls[0], urls[0])
	}
	return a, err
}

// openArticle opens the store and finds the article a URL leads to; the
// caller closes the store. cmd names the command, for errors.
func openArticle(ctx context.Context, e *env, cmd, raw string) (*store.Store, model.Article, error) {
	if err := checkURLArg(cmd, raw); err != nil {
		return nil, model.Article{}, err
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return nil, model.Article{}, err
	}
	a, err := findArticle(ctx, st, raw)
	if err != nil {
		st.Close()
		return nil, model.Article{}, err
	}
	return st, a, nil
}

func runHistory(ctx context.Context, e *env, args []string) error {
	st, a, err := openArticle(ctx, e, "history", args[0])
	if err != nil {
		return err
	}
	defer st.Close()
	o, err := st.Outlet(ctx, a.OutletID)
	if err != nil {
		return err
	}
	vs, err := st.Versions(ctx, a.ID)
	if err != nil {
		return err
	}
	outcomes, err := st.CheckOutcomes(ctx, a.ID)
	if err != nil {
		return err
	}
	evs, err := st.ArticleEvents(ctx, a.ID)
	if err != nil {
		return err
	}
	checks := 0
	for _, n := range outcomes {
		checks += n
	}
	w := e.stdout
	fmt.Fprintf(w, "%s\n", termsafe.Line(a.URL))
	fmt.Fprintf(w, "  outlet        %s\n", termsafe.Line(o.Name))
	fmt.Fprintf(w, "  first seen    %s\n", stamp(a.FirstSeen))
	fmt.Fprintf(w, "  published     %s\n", stamp(a.Published))
	fmt.Fprintf(w, "  last changed  %s\n", stamp(a.LastChanged))
	fmt.Fprintf(w, "  last checked  %s (%s)\n", stamp(a.LastChecked), plural(checks, "check", "checks"))
	fmt.Fprintf(w, "  changes       %d\n", max(len(vs)-1, 0))
	if r := refused(outcomes); r != "" {
		fmt.Fprintf(w, "  refused       %s\n", r)
	}
	h := schedule.HistoryOf(a)
	for _, ev := range evs {
		if ev.Kind == model.EventGone {
			h.GoneSince = ev.At
		}
	}
	status := e.policy().Describe(h, time.Now())
	if h := holdWords(a); h != "" {
		status = h
	}
	fmt.Fprintf(w, "  status        %s\n", status)
	fmt.Fprintln(w)
	for _, v := range vs {
		for len(evs) > 0 && evs[0].At.Before(v.FetchedAt) {
			printEvent(w, evs[0])
			evs = evs[1:]
		}
		classes := "first version"
		if v.Seq > 0 {
			classes = strings.Join(v.Classes, ", ")
		}
		fmt.Fprintf(w, "  v%-3d %s  +%d −%d  %-28s %s\n", v.Seq, stamp(v.FetchedAt), v.Added, v.Removed, classes, termsafe.Line(v.Title))
	}
	for _, ev := range evs {
		printEvent(w, ev)
	}
	return nil
}

// printEvent writes a lifecycle event as a line of the history, between
// the versions it happened between.
func printEvent(w io.Writer, ev model.Event) {
	line := ev.Describe()
	if ev.Kind == model.EventMoved {
		line += ": " + ev.OldURL + " → " + ev.NewURL
	}
	fmt.Fprintf(w, "  ·    %s  %s\n", stamp(ev.At), termsafe.Line(line))
}

// refused says how many differences were not recorded as versions, and
// why.
func refused(outcomes map[model.Outcome]int) string {
	var parts []string
	for _, o := range []model.Outcome{model.OutcomeChurn, model.OutcomeFlipFlop, model.OutcomeLargeLoss, model.OutcomeLargeChange, model.OutcomeNumbersOnly} {
		if n := outcomes[o]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d × %s", n, o.Describe()))
		}
	}
	return strings.Join(parts, "; ")
}

// holdWords says what a person decided about the article, if anything.
func holdWords(a model.Article) string {
	switch a.Hold {
	case model.HoldPaused:
		return "paused by hand: not checked until 'errata resume URL'"
	case model.HoldRemoved:
		return "removed by hand: no longer checked; versions kept ('errata add URL' tracks it again)"
	}
	return ""
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

func runDiff(ctx context.Context, e *env, args []string) error {
	pick, err := versionArgs(args[1:])
	if err != nil {
		return err
	}
	st, a, err := openArticle(ctx, e, "diff", args[0])
	if err != nil {
		return err
	}
	defer st.Close()
	vs, err := st.Versions(ctx, a.ID)
	if err != nil {
		return err
	}
	from, to, err := diffRange(pick, len(vs))
	if err != nil {
		return err
	}
	old, cur := vs[from], vs[to]
	fmt.Fprintf(e.stdout, "%s\nv%d (%s) → v%d (%s)\n\n", termsafe.Line(a.URL), old.Seq, stamp(old.FetchedAt), cur.Seq, stamp(cur.FetchedAt))
	r := diff.Compare(diff.Doc{Title: old.Title, Byline: old.Byline, Text: old.Text, Modified: old.Modified},
		diff.Doc{Title: cur.Title, Byline: cur.Byline, Text: cur.Text, Modified: cur.Modified})
	return diff.WriteTerminal(e.stdout, r, e.useColor())
}

// versionArgs reads the versions A and B, if given: none or two numbers.
func versionArgs(args []string) ([]int, error) {
	if len(args) == 0 {
		return nil, nil
	}
	if len(args) == 2 {
		a, errA := strconv.Atoi(args[0])
		b, errB := strconv.Atoi(args[1])
		if errA == nil && errB == nil && a >= 0 && b >= 0 {
			return []int{a, b}, nil
		}
	}
	return nil, usageError{"diff: give two version numbers A and B, as 'errata history' lists them, or none"}
}

// diffRange picks the two versions to compare: those asked for, or the
// last two. An article without such versions is not a usage error.
func diffRange(pick []int, n int) (int, int, error) {
	if pick != nil {
		if m := max(pick[0], pick[1]); m >= n {
			return 0, 0, fmt.Errorf("no version %d: the article has %s (0 to %d)", m, plural(n, "version", "versions"), n-1)
		}
		return pick[0], pick[1], nil
	}
	switch n {
	case 0:
		return 0, 0, errors.New("no version recorded yet")
	case 1:
		return 0, 0, errors.New("only one version recorded; nothing to compare")
	}
	return n - 2, n - 1, nil
}

func (e *env) useColor() bool {
	switch e.color {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" || e.stdout != os.Stdout {
		return false
	}
	fi, err := os.Stdout.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
