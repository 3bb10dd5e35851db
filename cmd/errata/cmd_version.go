package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

var versionCmd = &command{
	name:    "version",
	summary: "print errata's version, commit and Go version (also --version)",
	help: `Prints one line: the module version, the commit the binary was built from
(with "modified" when the tree had uncommitted changes) and its time, the Go
version, and the system it runs on, as the build recorded them. A binary built
outside a git checkout, or with -buildvcs=false, knows no commit.`,
	example: "errata version",
	maxArgs: 0,
	run: func(_ context.Context, e *env, _ []string) error {
		fmt.Fprintln(e.stdout, versionLine())
		return nil
	},
}

// versionLine describes the running binary from its build information.
func versionLine() string {
	version, commit, at, modified := "(devel)", "unknown", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				at = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if modified {
		commit += " (modified)"
	}
	if at != "" {
		commit += " of " + at
	}
	return fmt.Sprintf("errata %s, commit %s, %s %s/%s", version, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
