package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
)

// peer is one extractor run in its own process.
type peer struct {
	name string
	// command builds the process that writes outFile, or says why the peer
	// cannot run here.
	command func(cfg config, outFile string) (*exec.Cmd, error)
}

// run is one measured run of a peer.
type run struct {
	stats
	maxRSS int64 // bytes, from getrusage of the child
	output map[string]string
}

func peers() []peer {
	var out []peer
	for _, name := range []string{"errata", "go-trafilatura", "go-readability"} {
		out = append(out, peer{name: name, command: selfCommand(name)})
	}
	return append(out,
		peer{name: "readability.js", command: nodeCommand},
		peer{name: "readability-lxml", command: lxmlCommand},
	)
}

// selfCommand runs a Go extractor as a child of this very binary.
func selfCommand(name string) func(config, string) (*exec.Cmd, error) {
	return func(cfg config, outFile string) (*exec.Cmd, error) {
		self, err := os.Executable()
		if err != nil {
			return nil, fmt.Errorf("extractbench: %w", err)
		}
		return exec.Command(self, "-run", name, "-data", cfg.data, "-out", outFile), nil
	}
}

func nodeCommand(cfg config, outFile string) (*exec.Cmd, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("node is not installed")
	}
	for _, pkg := range []string{"linkedom", "@mozilla/readability"} {
		if _, err := os.Stat(filepath.Join(cfg.nodeModules, pkg, "package.json")); err != nil {
			return nil, fmt.Errorf("npm package %s not found in %s (make bench-extract installs it)", pkg, cfg.nodeModules)
		}
	}
	return exec.Command(node, filepath.Join(cfg.peers, "readability.cjs"), cfg.nodeModules, cfg.data, outFile), nil
}

func lxmlCommand(cfg config, outFile string) (*exec.Cmd, error) {
	check := exec.Command(cfg.python, "-c", "import readability, lxml.html")
	if err := check.Run(); err != nil {
		return nil, fmt.Errorf("%s cannot import readability (apt-get install python3-readability)", cfg.python)
	}
	return exec.Command(cfg.python, filepath.Join(cfg.peers, "readability_lxml.py"), cfg.data, outFile), nil
}

// measure runs the peer's process, then reads its output, its stats line
// and its peak resident memory.
func measure(p peer, cfg config, tmp string) (run, error) {
	outFile := filepath.Join(tmp, p.name+".json")
	cmd, err := p.command(cfg, outFile)
	if err != nil {
		return run{}, err
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return run{}, fmt.Errorf("%w: %s", err, lastLine(stderr.Bytes()))
	}
	var r run
	if err := json.Unmarshal(stdout.Bytes(), &r.stats); err != nil {
		return run{}, fmt.Errorf("bad stats line %q: %w", lastLine(stdout.Bytes()), err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = int64(ru.Maxrss) * 1024 // Linux reports KiB
	}
	b, err := os.ReadFile(outFile)
	if err != nil {
		return run{}, fmt.Errorf("extractbench: %w", err)
	}
	r.output, err = decodeOutput(b)
	return r, err
}

func lastLine(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.LastIndexByte(b, '\n'); i >= 0 {
		b = b[i+1:]
	}
	return string(b)
}
