package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/termsafe"
)

var backupCmd = &command{
	name:    "backup",
	args:    "--out FILE",
	summary: "copy the SQLite store into one file, safely while errata runs, and verify it",
	help: `Copies errata.db from --data into FILE with SQLite's VACUUM INTO: one
consistent snapshot, taken while serve or a crawl go on working, compacted into
a single file. The copy is then reopened and must pass SQLite's full integrity
check and be an errata database of this version; only then does it replace
FILE. To restore, stop errata, remove errata.db-wal and errata.db-shm if
present, and put the copy in place as errata.db.

A PostgreSQL database (--db) is backed up with PostgreSQL's own tool:
pg_dump --format=custom --file=errata.dump postgres://…`,
	example: "errata backup --data /var/lib/errata --out /var/backups/errata-$(date +%F).db",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.out, "out", "", "file to write the copy to (replaced once the copy is verified)")
	},
	run: runBackup,
}

func runBackup(ctx context.Context, e *env, _ []string) error {
	switch {
	case e.db != "":
		return usageError{fmt.Sprintf("backup: %s is PostgreSQL: use pg_dump (pg_dump --format=custom --file=errata.dump URL)", e.option("db"))}
	case e.out == "" || e.out == "-":
		return usageError{"backup: --out FILE is required: the copy is a database file, not a stream"}
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := createOut(e.out)
	if err != nil {
		return err
	}
	// VACUUM INTO fills the empty file created beside the target.
	if err := f.Close(); err != nil {
		f.Abort()
		return f.Named(err)
	}
	if err := st.Backup(ctx, f.Name()); err != nil {
		f.Abort()
		return fmt.Errorf("backup to %s: %w", e.out, f.Named(err))
	}
	stats, err := store.VerifyBackup(ctx, f.Name())
	if err != nil {
		f.Abort()
		return fmt.Errorf("backup to %s: the copy failed its check: %w", e.out, err)
	}
	if err := f.Commit(); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(e.out); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(e.stdout, "backed up %s, %s and %s to %s (%.1f MB); the copy reopens and passes SQLite's integrity check\n",
		plural(stats.Articles, "article", "articles"), plural(stats.Versions, "version", "versions"),
		plural(stats.Captures, "capture", "captures"), termsafe.Line(e.out), float64(size)/(1<<20))
	return nil
}
