package main

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/errata/errata/internal/store"
)

var migrateCmd = &command{
	name:    "migrate",
	args:    "--to postgres://…",
	summary: "copy the embedded store (--data) into PostgreSQL, verified",
	help: `Copies every outlet, source, article, capture, version and check from the
SQLite store in --data into an empty PostgreSQL database, keeping ids, then
prints each table's row count and digest on both sides; they must match.
Running it again after a completed copy changes nothing. Afterwards run
errata with --db pointing at the same URL.`,
	example: "errata migrate --data ./errata-data --to postgres://errata@db.example/errata",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.to, "to", "", "PostgreSQL URL to copy into")
	},
	run: runMigrate,
}

func runMigrate(ctx context.Context, e *env, _ []string) error {
	target := &env{db: e.to}
	if !target.postgres() {
		return usageError{"--to: want a postgres:// URL"}
	}
	src := filepath.Join(e.data, "errata.db")
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("migrate: no errata store to copy in %s: %w", e.data, err)
	}
	from, err := store.Open(ctx, src)
	if err != nil {
		return err
	}
	defer from.Close()
	to, err := target.openStore(ctx)
	if err != nil {
		return err
	}
	defer to.Close()
	stats, err := store.Copy(ctx, from, to)
	if err != nil {
		return fmt.Errorf("migrate to %s: %w", redact(e.to), err)
	}
	got, err := to.Digest(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%-10s %-72s %s\n", "table", "source (rows sha256)", "target")
	for _, t := range slices.Sorted(maps.Keys(stats.Digest)) {
		mark := "ok"
		if got[t] != stats.Digest[t] {
			mark = "MISMATCH " + got[t]
		}
		fmt.Fprintf(e.stdout, "%-10s %-72s %s\n", t, stats.Digest[t], mark)
	}
	fmt.Fprintf(e.stdout, "copied into %s in %s; use --db with that URL from now on\n", redact(e.to), plural(stats.Batches, "batch", "batches"))
	return nil
}
