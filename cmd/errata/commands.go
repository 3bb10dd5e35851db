package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

// command is one subcommand of the CLI.
type command struct {
	name    string
	args    string // positional arguments, for the usage line
	summary string
	help    string
	example string
	minArgs int
	maxArgs int // -1: no limit
	flags   func(fs *flag.FlagSet, e *env)
	run     func(ctx context.Context, e *env, args []string) error
}

func (c *command) checkArgs(args []string) error {
	switch {
	case len(args) < c.minArgs:
		return usageError{fmt.Sprintf("%s: missing argument: want %s", c.name, c.args)}
	case c.maxArgs >= 0 && len(args) > c.maxArgs:
		return usageError{fmt.Sprintf("%s: too many arguments: %s", c.name, strings.Join(args[c.maxArgs:], " "))}
	}
	return nil
}

// commands lists the subcommands in the order help shows them.
func commands() []*command {
	return []*command{demoCmd, serveCmd, addCmd, importCmd, crawlCmd, sourcesCmd, pauseCmd, resumeCmd, removeCmd,
		extractCmd, outletCmd, outletsCmd, historyCmd, diffCmd, storiesCmd, exportCmd, backupCmd, notifyCmd, verifyCmd, logCmd, migrateCmd, configCmd, versionCmd}
}

func lookup(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

const globalHelp = `Global flags (before or after the command):
  --data DIR           data directory holding the errata.db database (default ./errata-data, env ERRATA_DATA)
  --db URL             database URL; postgres://… selects PostgreSQL (env ERRATA_DB)
  --allow-private      let fetches reach loopback and private addresses (env ERRATA_ALLOW_PRIVATE=1)
  --host-interval D    least time between two requests to one host (default 1s, env ERRATA_HOST_INTERVAL)
  --contact URL|EMAIL  contact sent in the User-Agent, for sites to reach you (env ERRATA_CONTACT)
  --log-level L        debug, info, warn or error (default info, env ERRATA_LOG_LEVEL)
  --log-format F       text or json (default text, env ERRATA_LOG_FORMAT)
  --config FILE        TOML config file (env ERRATA_CONFIG); 'errata config' shows the settings in force
  -v, --verbose        log each step to stderr
Precedence: defaults < config file < environment < flags.
`

const exitHelp = `Exit status: 0 done; 1 failed (one line on stderr says why); 2 bad usage (an
unknown command or flag, a missing argument, a value of the wrong form);
130 interrupted by Ctrl-C (143 by SIGTERM). serve and demo stop on Ctrl-C or
SIGTERM with 0. crawl exits 1 when every source or every check failed.
`

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c := lookup(args[0]); c != nil {
			printCommandHelp(stdout, c)
			return exitOK
		}
		fmt.Fprintf(stderr, "errata: help: unknown command %q\n", args[0])
		return exitUsage
	}
	printUsage(stdout)
	return exitOK
}

// printUsage writes the commands, the global flags and the exit statuses.
func printUsage(w io.Writer) {
	fmt.Fprint(w, "errata watches news outlets and records every change they make to their articles.\n\n")
	fmt.Fprint(w, "Usage: errata [global flags] COMMAND [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\n"+globalHelp)
	fmt.Fprint(w, "\n"+exitHelp)
	fmt.Fprint(w, "\nRun 'errata help COMMAND' or 'errata COMMAND -h' for a command's flags and an example.\n")
}

func printCommandHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", strings.TrimSpace("errata "+c.name+" "+c.args), c.help)
	if c.flags != nil {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs, &env{})
		fmt.Fprint(w, "\nFlags:\n")
		fs.VisitAll(func(f *flag.Flag) {
			fmt.Fprintf(w, "  --%-14s %s", f.Name, f.Usage)
			if f.DefValue != "" && f.DefValue != "false" {
				fmt.Fprintf(w, " (default %s)", f.DefValue)
			}
			fmt.Fprintln(w)
		})
	}
	fmt.Fprint(w, "\n"+globalHelp)
	fmt.Fprintf(w, "\nExample:\n  %s\n", c.example)
}
