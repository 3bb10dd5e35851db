package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/tlog"
)

// logKeyFile is the checkpoint signing key's file in the data directory,
// for a PostgreSQL store too.
const logKeyFile = "log.key"

var logCmd = &command{
	name:    "log",
	args:    "key|checkpoint",
	summary: "print the evidence log's verifier key or its signed checkpoint",
	help: `Every version and capture errata records is appended to a tamper-evident log
(a Merkle tree, RFC 6962) whose checkpoints are signed with the key in
--log-key FILE (default log.key in --data), created on first use. A
PostgreSQL deployment with no data directory of its own should name a
file it keeps with --log-key (or log_key, ERRATA_LOG_KEY).

'errata log key' prints the verifier key: publish it, so anyone can check a
checkpoint and the proofs errata serves. 'errata log checkpoint' prints the
signed checkpoint of the log as it stands: keep it, and 'errata verify
--checkpoint FILE' later proves the log still extends it.`,
	example: "errata log key --data ./errata-data",
	minArgs: 1, maxArgs: 1,
	run: runLog,
}

func runLog(ctx context.Context, e *env, args []string) error {
	if args[0] != "key" && args[0] != "checkpoint" {
		return usageError{fmt.Sprintf("log: unknown %q: want key or checkpoint", args[0])}
	}
	st, err := e.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	signer, err := logSigner(ctx, e.logKeyPath(), st)
	if err != nil {
		return err
	}
	if args[0] == "key" {
		fmt.Fprintln(e.stdout, signer.VerifierKey())
		return nil
	}
	note, _, err := st.Checkpoint(ctx, signer)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(note)
	return err
}

// logKeyPath is the signing key's file: --log-key, else log.key in the
// data directory.
func (e *env) logKeyPath() string {
	if e.logKey != "" {
		return e.logKey
	}
	return filepath.Join(e.data, logKeyFile)
}

// logSigner loads the signing key at path, creating it on first use, named
// after the store's instance so checkpoints of two errata never mix.
func logSigner(ctx context.Context, path string, st *store.Store) (*tlog.Signer, error) {
	in, err := st.Instance(ctx)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("log key directory: %w", err)
	}
	return tlog.LoadOrCreateKey(path, "errata-"+in.ID)
}
