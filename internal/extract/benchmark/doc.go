// Package benchmark holds errata's extraction benchmark: the corpus reader,
// a Go port of the article-extraction-benchmark scorer, and the extractbench
// command that runs errata and its peers side by side.
//
// The corpus is the shared, read-only article-extraction-benchmark data
// (../shared/data relative to the repository root); everything here skips
// cleanly when it is absent. Nothing in the service imports this tree.
package benchmark

import (
	"os"
	"path/filepath"
)

// DataDir is the corpus location relative to the repository root.
const DataDir = "../shared/data/article-extraction-benchmark"

// DataEnv overrides where the corpus is looked for.
const DataEnv = "ERRATA_BENCH_DATA"

// FindData returns the corpus folder: $ERRATA_BENCH_DATA if set, else
// DataDir resolved against the repository root found above the working
// directory (the folder holding go.mod). The folder may not exist.
func FindData() string {
	if d := os.Getenv(DataEnv); d != "" {
		return d
	}
	return filepath.Join(RepoRoot(), DataDir)
}

// RepoRoot returns the nearest folder at or above the working directory
// that holds go.mod, or "." when there is none.
func RepoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "."
		}
		dir = parent
	}
}
