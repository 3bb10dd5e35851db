package main

import (
	"context"
	"fmt"
)

var verifyCmd = &command{
	name:    "verify",
	args:    "",
	summary: "check that the database is sound",
	help: `Checks the database for damage (a torn write, a bad disk, a copy taken while
errata wrote). On the SQLite store in --data it runs SQLite's full integrity
check: every page, index and constraint of errata.db, which reads the whole file
and takes a while on a large store. It prints "ok", or each problem found and
exits 1. PostgreSQL checks its own pages (data checksums, pg_amcheck); there
verify says so and exits 0.

Commands that write (add, import, crawl, serve, demo) run a quicker check when
they open the SQLite file and refuse a damaged one.`,
	example: "errata verify --data ./errata-data",
	maxArgs: 0,
	run:     runVerify,
}

func runVerify(ctx context.Context, e *env, _ []string) error {
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.CheckIntegrity(ctx)
	if err != nil {
		return err
	}
	if !res.Checked {
		fmt.Fprintf(e.stdout, "database %s: PostgreSQL checks its own pages; nothing for errata to check\n", st.Path())
		return nil
	}
	if len(res.Problems) == 0 {
		fmt.Fprintf(e.stdout, "database %s: ok\n", st.Path())
		return nil
	}
	for _, p := range res.Problems {
		fmt.Fprintf(e.stdout, "%s\n", p)
	}
	return fmt.Errorf("verify: %s is damaged: %d problems listed above; restore it from a backup", st.Path(), len(res.Problems))
}
