package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var exportCmd = &command{
	name:    "export",
	args:    "[--format jsonl|warc|newsedits|parquet] [--article URL] [--since T] [--out FILE] [--checkpoint FILE]",
	summary: "write every article and its versions as JSON Lines, or the captures as WARC",
	help: `Writes one JSON object a line per tracked article:
{"id","url","outlet","first_seen","last_checked","state","checks",
"check_outcomes","versions":[{"seq","fetched_at","title","byline","published",
"text","hash","capture_hash","extractor","classes","added","removed","edits"}],
"events":[...]}, versions oldest first, seq from 0, times RFC 3339 in UTC.
Without --out it writes to standard output.

--format warc writes a WARC/1.1 archive (.warc.gz, each record gzipped on its
own): a warcinfo record, then for each capture in the order fetched a response
record (original status, headers and decoded body; Content-Encoding,
Transfer-Encoding and Content-Length kept as X-Errata-Orig-*, with a
Content-Length counting the body written), its request record, and one
metadata record (application/json) per version read from it. --article keeps
one article's captures, --since the captures fetched from a date or time on.

--format newsedits writes a SQLite database (--out FILE, required) in the
layout of the NewsEdits corpus: entryversion (a row per version: source is
the outlet, entry_id the article id, version its seq), split_sentences (a
row per sentence of each version) and matched_sentences (each sentence of
two consecutive versions aligned once: added, deleted, edited, moved or
unchanged, with both indexes and texts).

--format parquet writes one Parquet table (zstd), a row per version with its
article's id, URL and outlet, times as timestamps, classes, word counts and
its sentence edits as a list, for pandas, DuckDB or Spark.

Every export is taken at a signed checkpoint of the evidence log: it holds
exactly the versions (and captures) recorded up to it, each with its
log_leaf, so each can be proven to be in that tree. The checkpoint is
written beside --out FILE as FILE.checkpoint (or to --checkpoint FILE), for
'errata verify --checkpoint'; WARC, NewsEdits and Parquet also carry it
inside (a metadata record, the errata_checkpoint table, the file metadata
key errata.log_checkpoint).`,
	example: "errata export --format jsonl --out errata.jsonl",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.format, "format", "jsonl", "export format: jsonl, warc, newsedits or parquet")
		fs.StringVar(&e.url, "article", "", "warc: only the captures of the article at URL")
		fs.StringVar(&e.since, "since", "", "warc: only captures fetched at or after T (2026-01-31 or RFC 3339)")
		fs.StringVar(&e.out, "out", "", "write to FILE (replaced once the export is complete) instead of standard output; - is standard output")
		fs.StringVar(&e.checkpoint, "checkpoint", "", "write the log checkpoint the export is taken at to FILE (default: FILE.checkpoint beside --out FILE)")
	},
	run: runExport,
}

func runExport(ctx context.Context, e *env, _ []string) error {
	switch e.format {
	case "jsonl":
		if e.url != "" || e.since != "" {
			return usageError{"--article and --since select captures: use them with --format warc"}
		}
	case "warc":
		return runExportWARC(ctx, e)
	case "newsedits":
		return runExportNewsEdits(ctx, e)
	case "parquet":
		return runExportParquet(ctx, e)
	default:
		return usageError{fmt.Sprintf("--format %q: want jsonl, warc, newsedits or parquet", e.format)}
	}
	st, err := e.openExport(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := e.exportSnapshot(ctx, st)
	if err != nil {
		return err
	}
	if e.out == "" || e.out == "-" {
		if _, err := export.JSONL(ctx, st, e.stdout, snap); err != nil {
			return err
		}
		return e.keepCheckpoint(snap)
	}
	f, err := createOut(e.out)
	if err != nil {
		return err
	}
	n, err := export.JSONL(ctx, st, f, snap)
	if err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s to %s\n", plural(n, "article", "articles"), termsafe.Line(e.out))
	return e.keepCheckpoint(snap)
}

// exportSnapshot signs the evidence log's checkpoint the export is taken
// at, creating the signing key on first use as serve would.
func (e *env) exportSnapshot(ctx context.Context, st *store.Store) (*export.Snapshot, error) {
	signer, err := logSigner(ctx, e.logKeyPath(), st)
	if err != nil {
		return nil, err
	}
	return export.TakeSnapshot(ctx, st, signer)
}

// keepCheckpoint writes the checkpoint an export was taken at to
// --checkpoint FILE, else beside --out FILE; an export to standard output
// without --checkpoint only names it.
func (e *env) keepCheckpoint(snap *export.Snapshot) error {
	path := e.checkpoint
	if path == "" && e.out != "" && e.out != "-" {
		path = e.out + ".checkpoint"
	}
	if path == "" {
		fmt.Fprintf(e.stderr, "taken at the log checkpoint of %s (--checkpoint FILE keeps it)\n", plural(int(snap.Size), "leaf", "leaves"))
		return nil
	}
	f, err := createOut(path)
	if err != nil {
		return err
	}
	if _, err := f.Write(snap.Note); err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "taken at the log checkpoint of %s, kept in %s\n", plural(int(snap.Size), "leaf", "leaves"), termsafe.Line(path))
	return nil
}

// exportToFile runs an export that needs a file of its own (--out FILE,
// never standard output): write fills the temporary file beside the
// target, which takes its place once write has succeeded, and returns the
// summary line for stderr.
func exportToFile(ctx context.Context, e *env, what string, write func(*store.Store, *outFile, *export.Snapshot) (string, error)) error {
	if e.url != "" || e.since != "" {
		return usageError{"--article and --since select captures: use them with --format warc"}
	}
	if e.out == "" || e.out == "-" {
		return usageError{fmt.Sprintf("--format %s writes %s: give --out FILE", e.format, what)}
	}
	st, err := e.openExport(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, err := e.exportSnapshot(ctx, st)
	if err != nil {
		return err
	}
	f, err := createOut(e.out)
	if err != nil {
		return err
	}
	summary, err := write(st, f, snap)
	if err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s to %s\n", summary, termsafe.Line(e.out))
	return e.keepCheckpoint(snap)
}

// runExportNewsEdits writes the NewsEdits layout into a new SQLite file.
func runExportNewsEdits(ctx context.Context, e *env) error {
	return exportToFile(ctx, e, "a SQLite database", func(st *store.Store, f *outFile, snap *export.Snapshot) (string, error) {
		// SQLite fills the temporary file by name.
		if err := f.Close(); err != nil {
			return "", err
		}
		stats, err := export.NewsEdits(ctx, st, f.Name(), snap)
		return fmt.Sprintf("%s, %s, %s and %s aligned", plural(stats.Articles, "article", "articles"),
			plural(stats.Versions, "version", "versions"), plural(stats.Sentences, "sentence", "sentences"),
			plural(stats.Matches, "sentence pair", "sentence pairs")), err
	})
}

// runExportParquet writes the versions as one Parquet table.
func runExportParquet(ctx context.Context, e *env) error {
	return exportToFile(ctx, e, "a binary file", func(st *store.Store, f *outFile, snap *export.Snapshot) (string, error) {
		n, err := export.Parquet(ctx, st, f, snap)
		return plural(n, "version", "versions"), err
	})
}
