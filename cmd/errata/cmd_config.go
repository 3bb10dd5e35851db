package main

import (
	"context"
	"flag"
	"fmt"
)

var configCmd = &command{
	name:    "config",
	args:    "[show]",
	summary: "print the settings in force and where each came from",
	help: `Prints every setting errata would use, as a TOML config file, each with where
its value came from: the default, the config file (--config FILE or
ERRATA_CONFIG), an ERRATA_* environment variable or a flag, in that order of
precedence. Secrets (the admin token, a database password) are not printed.
The settings are checked first, as every command checks them: a mistake exits
2 with one line naming it. contrib/errata.toml is a commented example file.`,
	example: "errata config --config /etc/errata/errata.toml",
	maxArgs: 1,
	// Every flag that is a setting, so the output shows what serve or demo
	// would use with the same command line.
	flags: func(fs *flag.FlagSet, e *env) {
		serveCmd.flags(fs, e)
		durationVar(fs, &e.step, "step", defaultDemoStep, "time between two revisions of the demo's newsroom")
	},
	run: runConfig,
}

func runConfig(_ context.Context, e *env, args []string) error {
	if len(args) == 1 && args[0] != "show" {
		return usageError{fmt.Sprintf("config: unknown argument %q: want show or nothing", args[0])}
	}
	return e.cfg.Write(e.stdout)
}
