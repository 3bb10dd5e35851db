// Command extractbench measures errata's extractor against its peers on the
// article-extraction-benchmark corpus and prints one table: F1, precision,
// recall and accuracy (the corpus authors' scorer, ported to Go), pages/s,
// MB/s and the peak RSS of the process that ran each extractor. Published
// outputs shipped with the corpus are scored too, with speed "n/a".
//
// Each extractor runs in its own process: the Go ones as children of this
// binary (-run NAME), Mozilla Readability under node, readability-lxml under
// Debian's python3. A peer that cannot run here is listed with the reason.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/errata/errata/internal/extract/benchmark"
	"github.com/errata/errata/internal/extract/benchmark/corpus"
)

// config is what the parent needs to start every peer.
type config struct {
	data        string // corpus folder
	nodeModules string // node_modules holding linkedom and @mozilla/readability
	python      string // interpreter that has readability-lxml
	peers       string // folder of the node and python scripts
	only        map[string]bool
	keep        string // folder to keep every output in, "" for none
	split       string // corpus half scored: dev, test or all
}

func main() {
	if err := realMain(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func realMain(args []string) error {
	fs := flag.NewFlagSet("extractbench", flag.ContinueOnError)
	root := benchmark.RepoRoot()
	var cfg config
	var child, out, only string
	fs.StringVar(&cfg.data, "data", benchmark.FindData(), "benchmark corpus folder")
	fs.StringVar(&cfg.nodeModules, "node-modules", "", "node_modules folder with linkedom and @mozilla/readability")
	fs.StringVar(&cfg.python, "python", "/usr/bin/python3", "python3 that has readability-lxml (Debian python3-readability)")
	fs.StringVar(&cfg.peers, "peers", filepath.Join(root, "internal/extract/benchmark/peers"), "folder of the peer scripts")
	fs.StringVar(&cfg.keep, "keep", "", "folder to keep every extractor's output in")
	fs.StringVar(&only, "only", "", "comma-separated extractors to run (default all)")
	fs.StringVar(&cfg.split, "split", corpus.SplitAll, "pages scored: dev or test (the corpus halved by site: FNV-1a of the URL's host without www., even is dev) or all (then each half is also printed)")
	fs.StringVar(&child, "run", "", "child mode: run this Go extractor")
	fs.StringVar(&out, "out", "", "child mode: output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := corpus.ValidSplit(cfg.split); err != nil {
		return err
	}
	if child != "" {
		return runChild(child, cfg.data, out, os.Stdout)
	}
	if only != "" {
		cfg.only = map[string]bool{}
		for _, n := range strings.Split(only, ",") {
			cfg.only[strings.TrimSpace(n)] = true
		}
	}
	c, err := corpus.Open(cfg.data)
	if errors.Is(err, corpus.ErrMissing) {
		fmt.Printf("extractbench: skipped: %v\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	rows, err := collect(c, cfg)
	if err != nil {
		return err
	}
	fmt.Printf("article-extraction-benchmark: %d pages, %.1f MB of HTML; scored: %s (%d pages)\n\n",
		len(c.IDs), float64(corpusBytes(rows))/1e6, cfg.split, len(c.Restrict(c.Bodies(), cfg.split)))
	printTable(os.Stdout, rows)
	if cfg.split == corpus.SplitAll {
		fmt.Println()
		printHalves(os.Stdout, c, rows)
	}
	return nil
}

// collect measures every peer, then scores the published outputs.
func collect(c *corpus.Corpus, cfg config) ([]row, error) {
	tmp, err := os.MkdirTemp("", "extractbench-")
	if err != nil {
		return nil, fmt.Errorf("extractbench: %w", err)
	}
	defer os.RemoveAll(tmp)
	truth := c.Restrict(c.Bodies(), cfg.split)
	var rows []row
	for _, p := range peers() {
		if cfg.only != nil && !cfg.only[p.name] {
			continue
		}
		fmt.Fprintf(os.Stderr, "extractbench: running %s\n", p.name)
		r, err := measure(p, cfg, tmp)
		if err == nil && cfg.keep != "" {
			err = keepOutput(cfg.keep, p.name, r.output)
		}
		r.output = c.Restrict(r.output, cfg.split)
		rows = append(rows, scoreRow(p.name, truth, r, err))
	}
	names, err := c.Published()
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if cfg.only != nil && !cfg.only["published"] && !cfg.only[name] {
			continue
		}
		out, err := c.PublishedOutput(name)
		out = c.Restrict(out, cfg.split)
		rows = append(rows, scoreRow(name+" (published)", truth, run{output: out}, err))
	}
	return rows, nil
}

func keepOutput(dir, name string, bodies map[string]string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("extractbench: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, name+".json"))
	if err != nil {
		return fmt.Errorf("extractbench: %w", err)
	}
	defer f.Close()
	return corpus.EncodeOutput(f, bodies)
}

func decodeOutput(b []byte) (map[string]string, error) { return corpus.DecodeOutput(b) }
