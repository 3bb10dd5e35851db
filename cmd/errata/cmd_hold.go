package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattn/go-isatty"

	"github.com/errata/errata/internal/discover"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var pauseCmd = &command{
	name:    "pause",
	args:    "URL...",
	summary: "stop polling a source or checking an article until resumed",
	help: `URL is a source (feed or sitemap) as 'errata sources' lists it, or a tracked
article, written as you would give it to 'errata add' (tracking parameters and a
trailing slash do not matter). A paused source is not polled and a paused
article is not checked, by crawl or serve, until 'errata resume URL'.`,
	example: "errata pause https://example.com/feed.xml",
	minArgs: 1, maxArgs: -1,
	run: func(ctx context.Context, e *env, args []string) error { return eachTarget(ctx, e, args, pauseTarget) },
}

var resumeCmd = &command{
	name:    "resume",
	args:    "URL...",
	summary: "poll a paused source or check a paused article again",
	help: `Undoes 'errata pause' (or, for an article, 'errata remove' without --purge): the
source is polled and the article checked again from the next crawl, on its
schedule.`,
	example: "errata resume https://example.com/feed.xml",
	minArgs: 1, maxArgs: -1,
	run: func(ctx context.Context, e *env, args []string) error { return eachTarget(ctx, e, args, resumeTarget) },
}

var removeCmd = &command{
	name:    "remove",
	args:    "URL... [--purge [--yes]]",
	summary: "stop tracking a source or an article, keeping what was recorded",
	help: `Removing a source deletes it: it is not polled again, and the articles it found
are no longer checked. Removing an article stops its checks. Either way every
version recorded so far is kept and stays on the pages, the API and exports;
'errata add URL' tracks a removed article again.

--purge also deletes the recorded versions, checks and raw captures: of the
article, or of every article the source found. It asks for confirmation on a
terminal; elsewhere (scripts) it needs --yes. A purge cannot be undone.`,
	example: "errata remove https://example.com/feed.xml",
	minArgs: 1, maxArgs: -1,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.BoolVar(&e.purge, "purge", false, "also delete the recorded versions (asks first)")
		fs.BoolVar(&e.yes, "yes", false, "with --purge: delete without asking")
	},
	run: func(ctx context.Context, e *env, args []string) error {
		if e.yes && !e.purge {
			return usageError{"--yes only confirms --purge"}
		}
		return eachTarget(ctx, e, args, removeTarget)
	},
}

// target is what a URL given to pause, resume or remove names.
type target struct {
	source  *model.Source
	article *model.Article
}

func (t target) url() string {
	if t.source != nil {
		return t.source.URL
	}
	return t.article.URL
}

func (t target) kind() string {
	if t.source != nil {
		return string(t.source.Kind)
	}
	return "article"
}

// eachTarget runs act on what each URL names, stopping at the first error.
func eachTarget(ctx context.Context, e *env, args []string, act func(context.Context, *env, *store.Store, target) error) error {
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, raw := range args {
		t, err := findTarget(ctx, st, raw)
		if err != nil {
			return err
		}
		if err := act(ctx, e, st, t); err != nil {
			return err
		}
	}
	return nil
}

// findTarget finds the source or article a URL names, normalising it as
// add does: its canonical form, then its trailing-slash twin, then the
// addresses an article is known by.
func findTarget(ctx context.Context, st *store.Store, raw string) (target, error) {
	urls, err := discover.LookupURLs(raw)
	if err != nil {
		return target{}, usageError{fmt.Sprintf("%q is not an http or https URL", raw)}
	}
	for _, u := range urls {
		src, err := st.SourceByURL(ctx, u)
		if err == nil {
			return target{source: &src}, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return target{}, err
		}
	}
	a, err := st.ArticleByURLs(ctx, urls)
	if errors.Is(err, store.ErrNotFound) {
		return target{}, fmt.Errorf("%s is neither a tracked source nor a tracked article; 'errata sources' lists the sources", urls[0])
	}
	if err != nil {
		return target{}, err
	}
	return target{article: &a}, nil
}

func pauseTarget(ctx context.Context, e *env, st *store.Store, t target) error {
	u := termsafe.Line(t.url())
	switch {
	case t.source != nil && t.source.Paused, t.article != nil && t.article.Hold == model.HoldPaused:
		fmt.Fprintf(e.stdout, "%s %s is already paused\n", t.kind(), u)
		return nil
	case t.article != nil && t.article.Hold == model.HoldRemoved:
		return fmt.Errorf("article %s was removed; 'errata resume %s' tracks it again", u, u)
	case t.source != nil:
		if err := st.SetSourcePaused(ctx, t.source.ID, true); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "paused %s %s: not polled until 'errata resume %s'\n", t.kind(), u, u)
	default:
		if err := st.SetArticleHold(ctx, t.article.ID, model.HoldPaused); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "paused article %s: not checked until 'errata resume %s'\n", u, u)
	}
	return nil
}

func resumeTarget(ctx context.Context, e *env, st *store.Store, t target) error {
	u := termsafe.Line(t.url())
	switch {
	case t.source != nil && !t.source.Paused, t.article != nil && t.article.Hold == model.HoldNone:
		fmt.Fprintf(e.stdout, "%s %s is not paused\n", t.kind(), u)
		return nil
	case t.source != nil:
		if err := st.SetSourcePaused(ctx, t.source.ID, false); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "resumed %s %s: polled again from the next crawl\n", t.kind(), u)
	default:
		if err := st.SetArticleHold(ctx, t.article.ID, model.HoldNone); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "resumed article %s: checked again from the next crawl\n", u)
	}
	return nil
}

func removeTarget(ctx context.Context, e *env, st *store.Store, t target) error {
	if e.purge {
		return purgeTarget(ctx, e, st, t)
	}
	u := termsafe.Line(t.url())
	if t.source != nil {
		n, err := st.RemoveSource(ctx, t.source.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "removed %s %s; %s it found no longer checked; their versions are kept\n", t.kind(), u, nouns(n, "article"))
		return nil
	}
	if err := st.SetArticleHold(ctx, t.article.ID, model.HoldRemoved); err != nil {
		return err
	}
	n, err := st.CountVersions(ctx, t.article.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed article %s; it is no longer checked; its %s kept\n", u, nouns(n, "version"))
	return nil
}

// purgeTarget deletes a source and everything recorded of the articles it
// found, or one article and everything recorded of it, once confirmed.
func purgeTarget(ctx context.Context, e *env, st *store.Store, t target) error {
	u := termsafe.Line(t.url())
	articles, versions, err := purgeScope(ctx, st, t)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s %s and %s of %s", t.kind(), u, nouns(versions, "version"), nouns(articles, "article"))
	if t.article != nil {
		what = fmt.Sprintf("article %s and its %s", u, nouns(versions, "version"))
	}
	if err := e.confirm("This deletes " + what + " for good."); err != nil {
		return err
	}
	var ids []int64
	if t.source != nil {
		if ids, err = st.SourceArticleIDs(ctx, t.source.ID); err != nil {
			return err
		}
		// The source goes first, so no poll finds its articles again
		// while they are deleted.
		if _, err := st.RemoveSource(ctx, t.source.ID); err != nil {
			return err
		}
	} else {
		ids = []int64{t.article.ID}
	}
	var total store.Purged
	for _, id := range ids {
		p, err := st.PurgeArticle(ctx, id)
		if err != nil {
			return err
		}
		total.Articles, total.Versions, total.Captures = total.Articles+p.Articles, total.Versions+p.Versions, total.Captures+p.Captures
	}
	fmt.Fprintf(e.stdout, "purged %s %s: %s, %s and %s deleted\n", t.kind(), u,
		nouns(total.Articles, "article"), nouns(total.Versions, "version"), nouns(total.Captures, "raw capture"))
	return nil
}

func purgeScope(ctx context.Context, st *store.Store, t target) (articles, versions int, err error) {
	if t.source != nil {
		return st.SourceTracks(ctx, t.source.ID)
	}
	versions, err = st.CountVersions(ctx, t.article.ID)
	return 1, versions, err
}

// errNotConfirmed is the answer to a purge nobody confirmed.
var errNotConfirmed = errors.New("nothing deleted")

// confirm asks before a deletion: --yes answers for scripts; a terminal
// is asked y/N; with neither, the deletion is refused.
func (e *env) confirm(what string) error {
	if e.yes {
		return nil
	}
	if !isTerminal(e.stdin) {
		return usageError{what + " Confirm with --yes (there is no terminal to ask on)."}
	}
	fmt.Fprintf(e.stderr, "%s Delete? [y/N] ", what)
	answer, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return nil
	}
	return errNotConfirmed
}

// isTerminal reports whether r is an interactive terminal. A character
// device is not enough: /dev/null is one, and a script's stdin often is.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
