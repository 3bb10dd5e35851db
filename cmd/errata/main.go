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

	"github.com/errata/errata/internal/termsafe"
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
		printError(stderr, "errata", err)
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
		printError(stderr, "errata "+name, err)
		fmt.Fprintf(stderr, "Run 'errata %s -h' for usage.\n", name)
		return exitUsage
	}
	if err := cmd.checkArgs(pos); err != nil {
		printError(stderr, "errata "+name, err)
		fmt.Fprintf(stderr, "Run 'errata %s -h' for usage.\n", name)
		return exitUsage
	}
	if err := env.loadEnvDefaults(fs); err != nil {
		printError(stderr, "errata", err)
		return exitUsage
	}
	if err := cmd.run(ctx, env, pos); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			printError(stderr, "errata "+name, err)
			return exitUsage
		}
		printError(stderr, "errata", err)
		return exitError
	}
	return exitOK
}

// printError writes the one line of an error. Errors quote URLs, outlet
// names and page text, so the line is made safe for a terminal first.
func printError(w io.Writer, prefix string, err error) {
	fmt.Fprintf(w, "%s: %s\n", prefix, termsafe.Line(err.Error()))
}

// usageError marks an error caused by how the command was called.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }
