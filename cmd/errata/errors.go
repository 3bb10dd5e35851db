package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/errata/errata/internal/termsafe"
)

// Exit statuses of the CLI contract.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	// exitInterrupted is the shell's status for a command ended by SIGINT
	// (128 + 2); SIGTERM gives 128 + 15.
	exitInterrupted = 128 + int(syscall.SIGINT)
)

// usageError marks an error in how the command was called: an unknown
// flag, a missing argument, a value that is not of the form the flag or
// argument wants. Errors found only by doing the work (a URL not
// tracked, a fetch refused, no data) are runtime errors, exit status 1.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// interruption is the cause given to the command's context when a signal
// stops it.
type interruption struct{ sig syscall.Signal }

func (i interruption) Error() string { return "interrupted" }

// exitStatus maps what a command returned to its exit status, and writes
// the error's one line.
func exitStatus(ctx context.Context, stderr io.Writer, err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		// Whatever the command was doing failed because it was stopped.
		printError(stderr, errors.New("interrupted"))
		var in interruption
		if errors.As(context.Cause(ctx), &in) {
			return 128 + int(in.sig)
		}
		return exitInterrupted
	case errors.As(err, &ue):
		printError(stderr, err)
		return exitUsage
	}
	printError(stderr, err)
	return exitError
}

// printError writes the one line of an error. Errors quote URLs, outlet
// names and page text, so the line is made safe for a terminal first.
func printError(w io.Writer, err error) {
	msg := userMessage(err)
	var ue usageError
	if errors.As(err, &ue) {
		msg = ue.msg
	}
	fmt.Fprintf(w, "errata: %s\n", termsafe.Line(msg))
}

// packagePrefix matches the "store: ", "fetch: " ... with which errata's
// packages start their errors (one per directory under internal/; a test
// keeps the list whole). The wrapping keeps them for logs; a user needs
// what happened, not where.
var packagePrefix = regexp.MustCompile(`(^|: )(archive|browsertest|card|changehtml|config|diff|discover|export|extract|fetch|furniture|identity|jobs|loadbench|metrics|model|newsroom|notify|pgtest|queue|render|revise|schedule|stories|store|termsafe|tlog|warc|web): `)

// userMessage is an error's message without the package prefixes. A
// usage error is the CLI's own words, which may start with a command named
// like a package ("diff: ..."), and printError keeps it whole.
func userMessage(err error) string {
	msg := err.Error()
	for {
		next := packagePrefix.ReplaceAllString(msg, "$1")
		if next == msg {
			return msg
		}
		msg = next
	}
}

// flagError restates an error of the flag package in the CLI's words:
// "--host-interval: "abc" is not a duration (e.g. 2s, 500ms)" rather than
// `invalid value "abc" for flag -host-interval: parse error`.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return usageError{"unknown flag " + dashes(name)}
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return usageError{dashes(name) + " needs a value"}
	}
	for _, intro := range []string{"invalid value ", "invalid boolean value "} {
		rest, ok := strings.CutPrefix(msg, intro)
		if !ok {
			continue
		}
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			break
		}
		value, _ := strconv.Unquote(quoted)
		rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(quoted):], " for flag "), " for ")
		name, cause, _ := strings.Cut(rest, ": ")
		f := fs.Lookup(strings.TrimLeft(name, "-"))
		if f == nil {
			break
		}
		return usageError{dashes(name) + ": " + valueProblem(f, value, cause)}
	}
	return usageError{msg}
}

// valueProblem says why value does not fit flag f, by the flag's type;
// cause is the flag package's explanation, kept for flags of our own types.
func valueProblem(f *flag.Flag, value, cause string) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return fmt.Sprintf("%q: %s", value, cause)
	}
	switch g.Get().(type) {
	case time.Duration:
		return fmt.Sprintf("%q is not a duration (e.g. 2s, 500ms)", value)
	case int, int64, uint, uint64:
		return fmt.Sprintf("%q is not a whole number", value)
	case bool:
		return fmt.Sprintf("%q is not true or false (1 or 0)", value)
	}
	return fmt.Sprintf("%q: %s", value, cause)
}

// dashes writes a flag name as the help shows it: --name, or -v for a
// one-letter flag.
func dashes(name string) string {
	name = strings.TrimLeft(name, "-")
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// plural writes n with the noun in the right number: "1 feed", "2 feeds".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
