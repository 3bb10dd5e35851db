package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/errata/errata/internal/store"
)

var verifyCmd = &command{
	name:    "verify",
	args:    "[--checkpoint FILE]",
	summary: "check that the database is sound and matches its evidence log",
	help: `Checks the database for damage (a torn write, a bad disk, a copy taken while
errata wrote). On the SQLite store in --data it runs SQLite's full integrity
check: every page, index and constraint of errata.db, which reads the whole file
and takes a while on a large store. PostgreSQL checks its own pages (data
checksums, pg_amcheck); there verify says so.

Then, on either database, it checks the evidence log: every leaf is recomputed
from the version or capture it records (capture bodies re-hashed against their
SHA-256), the tree is rebuilt and compared with the stored hashes and the newest
signed checkpoint. Each row changed, removed, missing from the log or logged out
of its article's order is printed on one line naming the table and the row.
--checkpoint FILE checks a checkpoint kept from earlier ('errata log checkpoint'
or /log/checkpoint): its signature, then a consistency proof that the log still
extends it. verify prints "ok" or each problem and exits 1.

Commands that write (add, import, crawl, serve, demo) run a quicker check when
they open the SQLite file and refuse a damaged one.`,
	example: "errata verify --data ./errata-data --checkpoint checkpoint-2026-11.txt",
	maxArgs: 0,
	flags: func(fs *flag.FlagSet, e *env) {
		fs.StringVar(&e.checkpoint, "checkpoint", "", "a signed checkpoint kept earlier, to check the log extends it")
	},
	run: runVerify,
}

func runVerify(ctx context.Context, e *env, _ []string) error {
	var old []byte
	if e.checkpoint != "" {
		var err error
		if old, err = os.ReadFile(e.checkpoint); err != nil {
			return fmt.Errorf("--checkpoint: %w", err)
		}
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	problems, err := verifyPages(ctx, e, st)
	if err != nil {
		return err
	}
	n, err := verifyLog(ctx, e, st, old)
	if err != nil {
		return err
	}
	if problems+n == 0 {
		return nil
	}
	if problems > 0 {
		return fmt.Errorf("verify: %s is damaged: %d problems listed above; restore it from a backup", st.Path(), problems+n)
	}
	return fmt.Errorf("verify: %s does not match its evidence log: %d problems listed above", st.Path(), n)
}

// verifyPages runs the database's integrity check and prints what it found.
func verifyPages(ctx context.Context, e *env, st *store.Store) (int, error) {
	res, err := st.CheckIntegrity(ctx)
	if err != nil {
		return 0, err
	}
	if !res.Checked {
		fmt.Fprintf(e.stdout, "database %s: PostgreSQL checks its own pages; nothing for errata to check\n", st.Path())
		return 0, nil
	}
	if len(res.Problems) == 0 {
		fmt.Fprintf(e.stdout, "database %s: ok\n", st.Path())
		return 0, nil
	}
	for _, p := range res.Problems {
		fmt.Fprintf(e.stdout, "%s\n", p)
	}
	return len(res.Problems), nil
}

// verifyLog checks the evidence log, and a kept checkpoint when old is
// set, printing each finding; it returns how many there were.
func verifyLog(ctx context.Context, e *env, st *store.Store, old []byte) (int, error) {
	vkey, err := logVerifierKey(ctx, e.logKeyPath(), st)
	if err != nil {
		return 0, err
	}
	rep, err := st.VerifyLog(ctx, vkey)
	if err != nil {
		return 0, err
	}
	for _, f := range rep.Findings {
		fmt.Fprintln(e.stdout, f)
	}
	n := len(rep.Findings)
	if old != nil {
		c, err := st.CheckOlderCheckpoint(ctx, old, vkey)
		if err != nil {
			fmt.Fprintf(e.stdout, "checkpoint %s: %v\n", e.checkpoint, err)
			n++
		} else {
			fmt.Fprintf(e.stdout, "checkpoint %s: the log extends its %d leaves\n", e.checkpoint, c.Size)
		}
	}
	if n == 0 {
		fmt.Fprintf(e.stdout, "log: %d leaves, newest checkpoint %d: ok\n", rep.Leaves, rep.Checkpoint)
	}
	return n, nil
}

// logVerifierKey is the verifier key of the signing key at path; empty
// when there is none, so any checkpoint kept fails its signature check.
// verify never creates a key.
func logVerifierKey(ctx context.Context, path string, st *store.Store) (string, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	signer, err := logSigner(ctx, path, st)
	if err != nil {
		return "", err
	}
	return signer.VerifierKey(), nil
}
