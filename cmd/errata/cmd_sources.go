package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

// maxErrorColumn bounds the last error in the sources table; --json has
// it whole.
const maxErrorColumn = 60

var sourcesCmd = &command{
	name:    "sources",
	args:    "[--json]",
	summary: "list the feeds and sitemaps errata polls, with their state and last error",
	help: `Lists every source (feed or sitemap) with its outlet, kind, URL, state (active,
failing: its last poll failed, or paused), when it was last polled, why its last
poll failed, how many articles it found and when it is polled next. Times are
UTC. With --json, one JSON object {"sources": [...]} with every field whole.

Articles added one by one are not sources: look them up with 'errata history
URL'. Pause, resume or remove either with 'errata pause|resume|remove URL'.`,
	example: "errata sources --json",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.BoolVar(&e.jsonOut, "json", false, "print JSON instead of a table")
	},
	run: runSources,
}

// sourceJSON is one source as --json prints it; the API's
// /api/v1/sources uses the same names.
type sourceJSON struct {
	ID        int64  `json:"id"`
	Outlet    string `json:"outlet"`
	Kind      string `json:"kind"`
	URL       string `json:"url"`
	State     string `json:"state"`
	LastPoll  string `json:"last_poll"`
	LastError string `json:"last_error"`
	Errors    int    `json:"errors"`
	Articles  int    `json:"articles"`
	NextPoll  string `json:"next_poll"`
}

func runSources(ctx context.Context, e *env, _ []string) error {
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	srcs, err := allSources(ctx, st)
	if err != nil {
		return err
	}
	if e.jsonOut {
		return writeSourcesJSON(e.stdout, srcs)
	}
	if len(srcs) == 0 {
		fmt.Fprintln(e.stdout, "no sources yet; 'errata add URL' adds a feed, a sitemap or a site")
		return nil
	}
	return writeSourcesTable(e.stdout, srcs)
}

// allSources reads every source, a page at a time.
func allSources(ctx context.Context, st *store.Store) ([]store.SourceSummary, error) {
	var all []store.SourceSummary
	q := store.SourceQuery{Limit: store.MaxPage}
	for {
		page, err := st.SourceSummaries(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if len(page) < q.Limit {
			return all, nil
		}
		q.AfterID = page[len(page)-1].ID
	}
}

func writeSourcesTable(w io.Writer, srcs []store.SourceSummary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "OUTLET\tKIND\tURL\tSTATE\tLAST POLL\tLAST ERROR\tARTICLES\tNEXT POLL")
	for _, s := range srcs {
		next := minute(s.NextPoll)
		if s.Paused {
			next = "-"
		}
		lastErr := "-"
		if s.LastError != "" {
			lastErr = termsafe.Line(clipRunes(withoutURL(s.LastError, s.URL), maxErrorColumn))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", termsafe.Line(s.OutletName), s.Kind, termsafe.Line(s.URL),
			s.State(), minute(s.LastPolled), lastErr, s.Articles, next)
	}
	return tw.Flush()
}

func writeSourcesJSON(w io.Writer, srcs []store.SourceSummary) error {
	out := struct {
		Sources []sourceJSON `json:"sources"`
	}{Sources: make([]sourceJSON, len(srcs))}
	for i, s := range srcs {
		next := rfc3339(s.NextPoll)
		if s.Paused {
			next = ""
		}
		out.Sources[i] = sourceJSON{ID: s.ID, Outlet: s.OutletName, Kind: string(s.Kind), URL: s.URL,
			State: s.State(), LastPoll: rfc3339(s.LastPolled), LastError: s.LastError, Errors: s.Errors,
			Articles: s.Articles, NextPoll: next}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// withoutURL drops what an error says up to the source's own URL, which
// the row already shows, so a narrow column keeps the reason:
// "fetch https://…/feed.xml: server answered HTTP 500" becomes "server
// answered HTTP 500".
func withoutURL(msg, url string) string {
	if _, after, ok := strings.Cut(msg, url); ok && strings.TrimLeft(after, ": ") != "" {
		return strings.TrimLeft(after, ": ")
	}
	return msg
}

// minute shows a time to the minute, UTC; "never" for the zero time.
func minute(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// clipRunes shortens s to at most n runes, marking the cut.
func clipRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
