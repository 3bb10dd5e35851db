package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var exportCmd = &command{
	name:    "export",
	args:    "[--format jsonl] [--out FILE]",
	summary: "write every article and its versions as JSON Lines",
	help: `Writes one JSON object a line per tracked article:
{"url","outlet","first_seen","checks","versions":[{"seq","fetched_at","title",
"byline","published","text","hash"}]}, versions oldest first, seq from 0, times
RFC 3339 in UTC. Without --out it writes to standard output.`,
	example: "errata export --format jsonl --out errata.jsonl",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.format, "format", "jsonl", "export format: jsonl")
		fs.StringVar(&e.out, "out", "", "write to FILE (replaced once the export is complete) instead of standard output; - is standard output")
	},
	run: runExport,
}

func runExport(ctx context.Context, e *env, _ []string) error {
	switch e.format {
	case "jsonl":
	case "warc":
		return errors.New("export --format warc is not available yet; use --format jsonl")
	default:
		return usageError{fmt.Sprintf("--format %q: want jsonl", e.format)}
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if e.out == "" || e.out == "-" {
		_, err := exportJSONL(ctx, st, e.stdout)
		return err
	}
	f, err := createOut(e.out)
	if err != nil {
		return err
	}
	n, err := exportJSONL(ctx, st, f)
	if err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s to %s\n", plural(n, "article", "articles"), termsafe.Line(e.out))
	return nil
}

// exportJSONL writes the export with the characters a terminal acts on
// escaped, since standard output is often one; every value stays the same,
// and a file gets the same bytes as standard output.
func exportJSONL(ctx context.Context, st *store.Store, w io.Writer) (int, error) {
	tw := termsafe.NewJSONWriter(w)
	n, err := export.JSONL(ctx, st, tw)
	if err != nil {
		return n, err
	}
	return n, tw.Flush()
}
