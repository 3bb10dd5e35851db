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

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-sigs
		// A second signal ends the process at once, the default way.
		signal.Stop(sigs)
		if s, ok := sig.(syscall.Signal); ok {
			cancel(interruption{s})
		} else {
			cancel(interruption{syscall.SIGINT})
		}
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	cancel(nil)
	os.Exit(code)
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	name, rest, err := splitCommand(args)
	if err != nil {
		printError(stderr, err)
		fmt.Fprintln(stderr, "Run 'errata help' for usage.")
		return exitUsage
	}
	switch name {
	case "":
		// Nothing asked: the usage, as an error, since nothing was done.
		printUsage(stderr)
		return exitUsage
	case "help":
		return runHelp(rest, stdout, stderr)
	}
	cmd := lookup(name)
	if cmd == nil {
		fmt.Fprintf(stderr, "errata: unknown command %q\nRun 'errata help' for usage.\n", termsafe.Line(name))
		return exitUsage
	}
	env := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := newFlagSet(cmd, env)
	pos, err := parseInterspersed(fs, rest)
	if errors.Is(err, errHelp) {
		printCommandHelp(stdout, cmd)
		return exitOK
	}
	if err == nil {
		err = cmd.checkArgs(pos)
	}
	if err != nil {
		printError(stderr, err)
		fmt.Fprintf(stderr, "Run 'errata %s -h' for usage.\n", name)
		return exitUsage
	}
	if err := env.configure(fs); err != nil {
		return exitStatus(ctx, stderr, err)
	}
	defer env.release()
	return exitStatus(ctx, stderr, cmd.run(ctx, env, pos))
}
