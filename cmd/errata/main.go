// Command errata watches news outlets and records every change they make
// to their articles. This package only parses flags and wires the stages;
// the work lives in internal/.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses of the CLI contract.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, rest, err := splitCommand(args)
	if err != nil {
		fmt.Fprintf(stderr, "errata: %v\n", err)
		fmt.Fprintln(stderr, "Run 'errata help' for usage.")
		return exitUsage
	}
	if name == "" || name == "help" {
		return runHelp(rest, stdout, stderr)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "errata: unknown command %q\nRun 'errata help' for usage.\n", name)
		return exitUsage
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := newFlagSet(cmd, env)
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, errHelp) {
		printCommandHelp(stdout, cmd)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "errata %s: %v\n", name, err)
		fmt.Fprintf(stderr, "Run 'errata %s -h' for usage.\n", name)
		return exitUsage
	}
	if err := cmd.checkArgs(pos); err != nil {
		fmt.Fprintf(stderr, "errata %s: %v\n", name, err)
		fmt.Fprintf(stderr, "Run 'errata %s -h' for usage.\n", name)
		return exitUsage
	}
	if err := env.loadEnvDefaults(fs); err != nil {
		fmt.Fprintf(stderr, "errata: %v\n", err)
		return exitUsage
	}
	if err := cmd.run(ctx, env, pos); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "errata %s: %v\n", name, err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "errata: %v\n", err)
		return exitError
	}
	return exitOK
}

// usageError marks an error caused by how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
