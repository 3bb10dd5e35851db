package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var outletCmd = &command{
	name:    "outlet",
	args:    "[NAME]",
	summary: "list outlets, or show and change one outlet's extraction rules and fetch mode",
	help: `Without NAME, lists every outlet with its host, articles and number of rules.
With NAME (in any case), shows the outlet's host, sources and rules.

Rules are CSS selectors that fix extraction for one outlet: --drop SEL removes
what SEL matches before the article is extracted (a box errata keeps by
mistake); --keep SEL takes what SEL matches as the article body. Both may be
repeated. --remove SEL deletes one rule, --clear deletes them all; the outlet
is then shown. A change applies from the next check of each article, also
under a running 'errata serve'. Try rules on a page first, without saving:
'errata extract URL --outlet NAME --drop SEL'.

--render browser loads the outlet's articles in a headless browser (Debian's
chromium, or render.chromium) so that text their scripts insert is recorded;
--render http goes back to plain fetches, the default. Every request the
browser makes passes errata's own checks. The outlet page suggests the
browser mode when plain fetches yield far less text than the pages promise;
errata never switches by itself.`,
	example: `errata outlet "Daily Planet" --drop .newsletter-signup --drop "aside.most-read"`,
	maxArgs: 1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.Var(&e.drop, "drop", "add a rule removing what this CSS selector matches (repeatable)")
		fs.Var(&e.keep, "keep", "add a rule taking what this CSS selector matches as the body (repeatable)")
		fs.Var(&e.remove, "remove", "delete the rule with this selector (repeatable)")
		fs.BoolVar(&e.clear, "clear", false, "delete every rule of the outlet")
		fs.StringVar(&e.renderMode, "render", "", "fetch the outlet's articles with a plain HTTP request (http) or in a headless browser (browser)")
	},
	run: runOutlet,
}

func runOutlet(ctx context.Context, e *env, args []string) error {
	edit := e.ruleEdit()
	if len(args) == 0 && (!edit.empty() || e.renderMode != "") {
		return usageError{"name the outlet to change: errata outlet NAME --drop SELECTOR"}
	}
	mode, ok := model.ParseFetchMode(e.renderMode)
	if e.renderMode != "" && !ok {
		return usageError{fmt.Sprintf("--render %q: use http or browser", e.renderMode)}
	}
	if err := edit.check(); err != nil {
		return err
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if len(args) == 0 {
		return listOutlets(ctx, e.stdout, st)
	}
	o, err := findOutlet(ctx, st, args[0])
	if err != nil {
		return err
	}
	if !edit.empty() {
		if err := edit.missing(o); err != nil {
			return err
		}
		if o.Rules, err = st.EditOutletRules(ctx, o.ID, edit.apply); err != nil {
			return err
		}
	}
	if e.renderMode != "" {
		if err := st.SetOutletFetch(ctx, o.ID, mode); err != nil {
			return err
		}
		if o, err = st.Outlet(ctx, o.ID); err != nil {
			return err
		}
	}
	return showOutlet(ctx, e.stdout, st, o)
}

func listOutlets(ctx context.Context, w io.Writer, st *store.Store) error {
	os, err := st.OutletSummaries(ctx)
	if err != nil {
		return err
	}
	if len(os) == 0 {
		fmt.Fprintln(w, "no outlets yet; 'errata add URL --outlet NAME' creates one")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tHOST\tARTICLES\tRULES")
	for _, o := range os {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", termsafe.Line(o.Name), termsafe.Line(o.Host), o.Articles, o.Rules.Len())
	}
	return tw.Flush()
}

func showOutlet(ctx context.Context, w io.Writer, st *store.Store, o model.Outlet) error {
	srcs, err := st.OutletSources(ctx, o.ID)
	if err != nil {
		return err
	}
	articles, err := outletArticles(ctx, st, o.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s\n", termsafe.Line(o.Name))
	fmt.Fprintf(w, "  host      %s\n", termsafe.Line(o.Host))
	fmt.Fprintf(w, "  articles  %d\n", articles)
	showFetch(w, o)
	fmt.Fprintf(w, "  sources   %d\n", len(srcs))
	for _, src := range srcs {
		fmt.Fprintf(w, "    %-8s %s\n", src.Kind, termsafe.Line(src.URL))
	}
	fmt.Fprintf(w, "  rules     %d\n", o.Rules.Len())
	for _, sel := range o.Rules.Drop {
		fmt.Fprintf(w, "    %-8s %s\n", model.RuleDrop, termsafe.Line(sel))
	}
	for _, sel := range o.Rules.Keep {
		fmt.Fprintf(w, "    %-8s %s\n", model.RuleKeep, termsafe.Line(sel))
	}
	learned, err := st.OutletFurniture(ctx, o.ID)
	if err != nil {
		return err
	}
	showLearned(w, learned)
	return nil
}

// showLearned lists the furniture learned for the whole outlet and counts
// what was learned for single articles. The newest item's id is the
// outlet's furniture revision.
func showLearned(w io.Writer, learned []model.Furniture) {
	var outlet []model.Furniture
	for _, f := range learned {
		if f.ArticleID == 0 {
			outlet = append(outlet, f)
		}
	}
	rev := int64(0)
	if len(learned) > 0 {
		rev = learned[len(learned)-1].ID
	}
	fmt.Fprintf(w, "  learned   %d for the outlet, %d for single articles (revision %d)\n",
		len(outlet), len(learned)-len(outlet), rev)
	for _, f := range outlet {
		fmt.Fprintf(w, "    %-8s %-5s %s\n", f.Origin, f.Kind, termsafe.Line(f.Key))
	}
}

func outletArticles(ctx context.Context, st *store.Store, id int64) (int, error) {
	os, err := st.OutletSummaries(ctx)
	if err != nil {
		return 0, err
	}
	for _, o := range os {
		if o.ID == id {
			return o.Articles, nil
		}
	}
	return 0, nil
}

// showFetch prints the outlet's fetch mode and, when plain fetches fell
// short of what its pages promise, the suggestion to render them.
func showFetch(w io.Writer, o model.Outlet) {
	mode := o.Fetch
	if mode == "" {
		mode = model.FetchHTTP
	}
	fmt.Fprintf(w, "  fetch     %s\n", mode)
	if o.SuggestBrowser() {
		fmt.Fprintf(w, "    %d plain fetches yielded far less text than promised (latest: %d of %d words, %s);\n",
			o.Short.Count, o.Short.Words, o.Short.Promised, termsafe.Line(o.Short.URL))
		fmt.Fprintf(w, "    its pages may need scripts: errata outlet %q --render browser\n", o.Name)
	}
}
