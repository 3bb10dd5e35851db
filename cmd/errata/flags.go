package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/errata/errata/internal/render"
	"io"
	"os"
	"strings"
	"time"

	"github.com/errata/errata/internal/config"
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
	logKey       string
	allowPrivate bool
	hostInterval time.Duration
	verbose      bool
	configFile   string

	// cfg is every setting, settled from the defaults, the config file,
	// the environment and the flags; the fields above and below that are
	// settings hold the same values.
	cfg config.Config

	// renderer renders the pages of browser outlets; made with the first
	// engine, its browser started by the first such check, stopped by
	// release when the command ends.
	renderer *render.Renderer
	// chromium and renderTabs are --chromium and --render-tabs of the
	// commands that check articles (render.chromium, render.tabs).
	chromium   string
	renderTabs int

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
	role        string
	adminToken  string
	baseURL     string
	metricsAddr string
	step        time.Duration
	workers     int
	tick        time.Duration
	rescue      time.Duration
	checkEvery  time.Duration
	hostLease   time.Duration

	// migrate options.
	to string

	// verify options.
	checkpoint string

	// Source and article management: sources lists, remove deletes.
	jsonOut bool
	purge   bool
	yes     bool

	// notify add options.
	notify notifyOpts

	// Outlet rules: outlet edits them, extract tries them.
	renderMode         string
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
var globalValueFlags = map[string]bool{"data": true, "db": true, "log-key": true, "host-interval": true,
	"config": true, "contact": true, "log-level": true, "log-format": true}

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
	fs.StringVar(&e.logKey, "log-key", "", "file holding the evidence log's signing key; default log.key in --data (env ERRATA_LOG_KEY)")
	fs.BoolVar(&e.allowPrivate, "allow-private", false, "let fetches reach loopback and private addresses (env ERRATA_ALLOW_PRIVATE=1)")
	durationVar(fs, &e.hostInterval, "host-interval", time.Second, "least time between two requests to one host (env ERRATA_HOST_INTERVAL)")
	fs.BoolVar(&e.verbose, "v", false, "log each step to stderr")
	fs.BoolVar(&e.verbose, "verbose", false, "log each step to stderr")
	fs.StringVar(&e.configFile, "config", "", "TOML config file (env ERRATA_CONFIG)")
	fs.StringVar(&e.cfg.Contact, "contact", "", "URL or email address sent in the User-Agent (env ERRATA_CONTACT)")
	fs.StringVar(&e.cfg.LogLevel, "log-level", config.DefaultLogLevel, "debug, info, warn or error (env ERRATA_LOG_LEVEL)")
	fs.StringVar(&e.cfg.LogFormat, "log-format", config.DefaultLogFormat, "text or json (env ERRATA_LOG_FORMAT)")
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

// configure settles every setting: the defaults, then the config file
// (--config or ERRATA_CONFIG), the environment (ERRATA_*) and last the
// flags given on the command line. It validates them all before the
// command does anything, and sets the command's flags that were not given
// to the settled values.
func (e *env) configure(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	cfg := config.Default()
	path := e.configFile
	if path == "" {
		path = os.Getenv("ERRATA_CONFIG")
	}
	if path != "" {
		if err := cfg.LoadFile(path); err != nil {
			return usageError{err.Error()}
		}
	}
	if err := cfg.LoadEnv(os.Getenv); err != nil {
		return usageError{err.Error()}
	}
	for name := range given {
		if key := config.KeyOfFlag(name); key != "" {
			if err := cfg.Set(key, fs.Lookup(name).Value.String(), config.Origin{Kind: "flag", Name: dashes(name)}); err != nil {
				return usageError{dashes(name) + ": " + err.Error()}
			}
		}
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err.Error()}
	}
	for _, s := range config.Settings() {
		f := fs.Lookup(s.Flag)
		if s.Flag == "" || f == nil || given[s.Flag] || cfg.Origin(s.Key).Kind == "default" {
			continue
		}
		if err := fs.Set(s.Flag, cfg.Value(s.Key)); err != nil {
			return usageError{cfg.Named(s.Key) + ": " + valueProblem(f, cfg.Value(s.Key), err.Error())}
		}
	}
	e.cfg = cfg
	return nil
}

// option names where an option's value came from, for an error about it:
// the environment variable or the config file that set it, or the flag.
func (e *env) option(flag string) string {
	if key := config.KeyOfFlag(flag); key != "" {
		return e.cfg.Named(key)
	}
	return dashes(flag)
}

// durationValue is a duration flag that also takes days and weeks ("40d"),
// as the config file does.
type durationValue time.Duration

func durationVar(fs *flag.FlagSet, p *time.Duration, name string, value time.Duration, usage string) {
	*p = value
	fs.Var((*durationValue)(p), name, usage)
}

func (d *durationValue) Set(s string) error {
	v, err := config.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = durationValue(v)
	return nil
}

func (d *durationValue) String() string {
	if d == nil {
		return "0s"
	}
	return config.FormatDuration(time.Duration(*d))
}

func (d *durationValue) Get() any { return time.Duration(*d) }
