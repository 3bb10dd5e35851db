package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// BrowserMemory is the memory of the browser's processes (the browser and
// every process under it), in bytes: the sum of their proportional set
// sizes, so that pages they share count once; 0 when no browser runs or
// /proc cannot tell.
func (r *Renderer) BrowserMemory() int64 {
	r.mu.Lock()
	b := r.b
	r.mu.Unlock()
	if b == nil {
		return 0
	}
	root := b.pid()
	if root == 0 {
		return 0
	}
	parent := parents()
	var total int64
	for pid := range parent {
		if descends(pid, root, parent) {
			total += pss(pid)
		}
	}
	return total
}

// parents maps each process to its parent, from /proc.
func parents() map[int]int {
	out := map[int]int{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, p := range stats {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		// The command name, in parentheses, may hold spaces: the fields
		// that follow start after its last ')'.
		i := bytes.LastIndexByte(b, ')')
		if i < 0 {
			continue
		}
		f := strings.Fields(string(b[i+1:]))
		if len(f) < 2 {
			continue
		}
		pid, err1 := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		ppid, err2 := strconv.Atoi(f[1])
		if err1 == nil && err2 == nil {
			out[pid] = ppid
		}
	}
	return out
}

func descends(pid, root int, parent map[int]int) bool {
	for range len(parent) {
		if pid == root {
			return true
		}
		next, ok := parent[pid]
		if !ok || next == 0 || next == pid {
			return false
		}
		pid = next
	}
	return false
}

// pss reads a process's proportional set size, in bytes.
func pss(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/smaps_rollup")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "Pss:"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
