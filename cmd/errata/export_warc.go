package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/errata/errata/internal/export"
	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/jobs"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

// runExportWARC writes the archive to --out or standard output; a file is
// replaced only once the archive is complete.
func runExportWARC(ctx context.Context, e *env) error {
	since, err := parseSince(e.since)
	if err != nil {
		return err
	}
	st, err := e.openExport(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := export.WARCOptions{
		Since: since, Software: "errata/" + moduleVersion(), Now: time.Now().UTC(),
		Request: fetch.RequestHeader(e.cfg.Fetch().UserAgent),
	}
	if e.url != "" {
		a, err := st.ArticleByURL(ctx, e.url)
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("export: no article at %s (errata history lists the URLs tracked)", termsafe.Line(e.url))
		}
		if err != nil {
			return err
		}
		opt.ArticleID = a.ID
	}
	if opt.Snapshot, err = e.exportSnapshot(ctx, st); err != nil {
		return err
	}
	if e.out == "" || e.out == "-" {
		if _, err := export.WARC(ctx, st, e.stdout, opt); err != nil {
			return err
		}
		return e.keepCheckpoint(opt.Snapshot)
	}
	opt.Filename = filepath.Base(e.out)
	f, err := createOut(e.out)
	if err != nil {
		return err
	}
	stats, err := export.WARC(ctx, st, f, opt)
	if err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %s and %s to %s\n", nouns(stats.Captures, "capture"),
		nouns(stats.Versions, "version"), termsafe.Line(e.out))
	return e.keepCheckpoint(opt.Snapshot)
}

// parseSince reads --since: an RFC 3339 time or a date (midnight UTC).
func parseSince(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, usageError{fmt.Sprintf("--since %q: want a date (2026-01-31) or an RFC 3339 time (2026-01-31T08:00:00Z)", s)}
}

// runImportWARC imports an archive and says what it took and skipped.
func runImportWARC(ctx context.Context, e *env, path string) error {
	var in io.Reader = e.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	eng, st, err := e.engine(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := eng.ImportWARC(ctx, in)
	if err != nil {
		return fmt.Errorf("import %s: %w (kept the %s and %s read before it)", termsafe.Line(path), err,
			nouns(res.Captures, "new capture"), nouns(res.Versions, "new version"))
	}
	fmt.Fprintf(e.stdout, "imported %s and %s from %s (%s read)", nouns(res.Captures, "new capture"),
		nouns(res.Versions, "new version"), termsafe.Line(path), nouns(res.Records, "record"))
	if len(res.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "; skipped %s", skippedList(res))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// skippedList reads "2 wrong digest, 1 not an HTML page", in the order of
// jobs' reasons.
func skippedList(res jobs.WARCImported) string {
	var parts []string
	for _, r := range jobs.SkipReasons {
		if n := res.Skipped[r]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, r))
		}
	}
	return strings.Join(parts, ", ")
}

// moduleVersion is the version the build recorded, as errata version
// prints it.
func moduleVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
