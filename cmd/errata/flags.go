package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

var errHelp = flag.ErrHelp

// env is everything a command may use: the global options, the command's
// own options and the standard streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	// Global options.
	data         string
	db           string
	allowPrivate bool
	hostInterval time.Duration
	verbose      bool

	// Command options; each command registers the ones it takes.
	outlet string
	all    bool
	format string
	out    string
	url    string
	since  string
	addr   string
	color  string

	// serve and demo options.
	role       string
	adminToken string
	baseURL    string
	step       time.Duration
	workers    int
	tick       time.Duration
	rescue     time.Duration
	checkEvery time.Duration
	hostLease  time.Duration

	// migrate options.
	to string

	// Source and article management: sources lists, remove deletes.
	jsonOut bool
	purge   bool
	yes     bool

	// notify add options.
	notify notifyOpts

	// fromEnv maps the flags set from the environment to their variables.
	fromEnv map[string]string

	// Outlet rules: outlet edits them, extract tries them.
	drop, keep, remove stringList
	clear              bool
}

// stringList is a flag that may be given several times; each use adds one
// value, in order.
type stringList []string

func (l *stringList) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ", ")
}

func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// globalValueFlags are the global flags that take a value, needed to find
// the command name among arguments that may precede it.
var globalValueFlags = map[string]bool{"data": true, "db": true, "host-interval": true}

// splitCommand finds the command name, which may follow global flags, and
// returns it with every other argument.
func splitCommand(args []string) (string, []string, error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest := append(append([]string{}, args[:i]...), args[i+1:]...)
			return a, rest, nil
		}
		name := strings.TrimLeft(a, "-")
		switch name {
		case "h", "help":
			return "help", nil, nil
		case "version":
			return "version", nil, nil
		}
		if globalValueFlags[name] {
			i++ // the flag's value
		} else if k, _, ok := strings.Cut(name, "="); !ok && !isGlobalBool(k) {
			return "", nil, usageError{fmt.Sprintf("unknown flag %s before the command", a)}
		}
	}
	return "", args, nil
}

func isGlobalBool(name string) bool {
	return name == "allow-private" || name == "v" || name == "verbose"
}

// newFlagSet builds the flag set of one command: the global flags plus its own.
func newFlagSet(cmd *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.StringVar(&e.data, "data", "./errata-data", "data directory holding the errata.db database (env ERRATA_DATA)")
	fs.StringVar(&e.db, "db", "", "database URL; postgres://… selects PostgreSQL (env ERRATA_DB)")
	fs.BoolVar(&e.allowPrivate, "allow-private", false, "let fetches reach loopback and private addresses (env ERRATA_ALLOW_PRIVATE=1)")
	fs.DurationVar(&e.hostInterval, "host-interval", time.Second, "least time between two requests to one host (env ERRATA_HOST_INTERVAL)")
	fs.BoolVar(&e.verbose, "v", false, "log each step to stderr")
	fs.BoolVar(&e.verbose, "verbose", false, "log each step to stderr")
	if cmd.flags != nil {
		cmd.flags(fs, e)
	}
	return fs
}

// parseInterspersed parses flags wherever they stand among the arguments
// and returns the positional arguments in order. After "--" everything is
// positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, errHelp) {
			return nil, err
		} else if err != nil {
			return nil, flagError(fs, err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return append(pos, tail...), nil
}

// envBinding ties a flag to the environment variable that sets it when the
// flag is not given.
type envBinding struct{ flag, env string }

// globalEnv binds the global flags.
var globalEnv = []envBinding{
	{"data", "ERRATA_DATA"},
	{"db", "ERRATA_DB"},
	{"allow-private", "ERRATA_ALLOW_PRIVATE"},
	{"host-interval", "ERRATA_HOST_INTERVAL"},
}

// loadEnv sets the flags not given on the command line from their
// environment variables, the global ones and the command's own. A value
// that does not fit is reported under the variable's name, where the user
// must fix it.
func (e *env) loadEnv(fs *flag.FlagSet, cmd *command) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	e.fromEnv = map[string]string{}
	for _, b := range append(append([]envBinding{}, globalEnv...), cmd.env...) {
		v := os.Getenv(b.env)
		f := fs.Lookup(b.flag)
		if v == "" || set[b.flag] || f == nil {
			continue
		}
		if err := fs.Set(b.flag, v); err != nil {
			return usageError{b.env + ": " + valueProblem(f, v, err.Error())}
		}
		e.fromEnv[b.flag] = b.env
	}
	if e.hostInterval < 0 {
		return usageError{e.option("host-interval") + " must not be negative"}
	}
	return nil
}

// option names where an option's value came from, for an error about it:
// the environment variable that set it, or the flag.
func (e *env) option(flag string) string {
	if v, ok := e.fromEnv[flag]; ok {
		return v
	}
	return dashes(flag)
}
