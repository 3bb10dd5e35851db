package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
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
		if name == "h" || name == "help" {
			return "help", nil, nil
		}
		if globalValueFlags[name] {
			i++ // the flag's value
		} else if k, _, ok := strings.Cut(name, "="); !ok && !isGlobalBool(k) {
			return "", nil, fmt.Errorf("unknown flag %s before the command", a)
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
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	return append(pos, tail...), nil
}

// loadEnvDefaults fills global options not given as flags from ERRATA_*
// environment variables.
func (e *env) loadEnvDefaults(fs *flag.FlagSet) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if v := os.Getenv("ERRATA_DATA"); v != "" && !set["data"] {
		e.data = v
	}
	if v := os.Getenv("ERRATA_DB"); v != "" && !set["db"] {
		e.db = v
	}
	if v := os.Getenv("ERRATA_ALLOW_PRIVATE"); v != "" && !set["allow-private"] {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("ERRATA_ALLOW_PRIVATE=%q: want 1 or 0", v)
		}
		e.allowPrivate = b
	}
	if v := os.Getenv("ERRATA_HOST_INTERVAL"); v != "" && !set["host-interval"] {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("ERRATA_HOST_INTERVAL=%q: want a duration such as 1s", v)
		}
		e.hostInterval = d
	}
	if e.hostInterval < 0 {
		return fmt.Errorf("--host-interval must not be negative")
	}
	return nil
}
