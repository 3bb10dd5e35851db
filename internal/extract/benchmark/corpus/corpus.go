// Package corpus reads the article-extraction-benchmark data: the ground
// truth, the gzipped pages and the published outputs of other extractors.
// It only reads; the data folder is shared and read-only.
package corpus

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// maxPageSize bounds one decompressed page; the corpus pages are far smaller.
const maxPageSize = 64 << 20

// ErrMissing means the corpus folder is not there (CI without shared data).
var ErrMissing = errors.New("corpus: benchmark data not found")

// Entry is one page's ground truth.
type Entry struct {
	Body string `json:"articleBody"`
	URL  string `json:"url"`
}

// Corpus is the benchmark folder with its ground truth loaded.
type Corpus struct {
	Dir   string
	Truth map[string]Entry
	IDs   []string // sorted
}

// Open loads dir/ground-truth.json; ErrMissing when dir does not exist.
func Open(dir string) (*Corpus, error) {
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMissing, dir)
	}
	c := &Corpus{Dir: dir}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &c.Truth); err != nil {
		return nil, err
	}
	for id := range c.Truth {
		c.IDs = append(c.IDs, id)
	}
	sort.Strings(c.IDs)
	return c, nil
}

// Page returns the decompressed HTML of one page.
func (c *Corpus) Page(id string) ([]byte, error) {
	return readGzip(filepath.Join(c.Dir, "html", id+".html.gz"))
}

// Bodies returns the ground truth as id → article body.
func (c *Corpus) Bodies() map[string]string {
	out := make(map[string]string, len(c.Truth))
	for id, e := range c.Truth {
		out[id] = e.Body
	}
	return out
}

// Published lists the names of the published outputs (output/NAME.json.gz).
func (c *Corpus) Published() ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(c.Dir, "output", "*.json.gz"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var names []string
	for _, p := range paths {
		names = append(names, strings.TrimSuffix(filepath.Base(p), ".json.gz"))
	}
	sort.Strings(names)
	return names, nil
}

// PublishedOutput reads output/NAME.json.gz as id → article body.
func (c *Corpus) PublishedOutput(name string) (map[string]string, error) {
	b, err := readGzip(filepath.Join(c.Dir, "output", name+".json.gz"))
	if err != nil {
		return nil, err
	}
	return DecodeOutput(b)
}

// DecodeOutput reads an extractor's output: {id: {"articleBody": text}},
// optionally wrapped as {"version": v, "output": {...}} like evaluate.py allows.
func DecodeOutput(b []byte) (map[string]string, error) {
	var wrapped struct {
		Version any                        `json:"version"`
		Output  map[string]json.RawMessage `json:"output"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("corpus: decode output: %w", err)
	}
	if _, ok := raw["output"]; ok && len(raw) == 2 {
		if err := json.Unmarshal(b, &wrapped); err == nil && wrapped.Output != nil {
			raw = wrapped.Output
		}
	}
	out := make(map[string]string, len(raw))
	for id, v := range raw {
		var e Entry
		if err := json.Unmarshal(v, &e); err != nil {
			return nil, fmt.Errorf("corpus: decode output %s: %w", id, err)
		}
		out[id] = e.Body
	}
	return out, nil
}

// EncodeOutput writes bodies in the benchmark's output format.
func EncodeOutput(w io.Writer, bodies map[string]string) error {
	out := make(map[string]Entry, len(bodies))
	for id, b := range bodies {
		out[id] = Entry{Body: b}
	}
	enc := json.NewEncoder(w)
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("corpus: encode output: %w", err)
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("corpus: %s: %w", path, err)
	}
	return nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	b, err := io.ReadAll(io.LimitReader(z, maxPageSize))
	if err != nil {
		return nil, fmt.Errorf("corpus: %s: %w", path, err)
	}
	return b, nil
}
