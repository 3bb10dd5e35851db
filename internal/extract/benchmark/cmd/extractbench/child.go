package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/extract/benchmark/corpus"
	"github.com/errata/errata/internal/model"
	readability "github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// extractFunc returns the article body of one page.
type extractFunc func(pageURL string, page []byte) string

// goExtractors are the extractors that run inside this binary, each in a
// child process of its own so its peak memory is its own.
var goExtractors = map[string]extractFunc{
	"errata":         errataBody,
	"go-trafilatura": trafilaturaBody,
	"go-readability": readabilityBody,
}

func errataBody(pageURL string, page []byte) string {
	a, _ := extract.Extract(pageURL, page, model.Rules{})
	return a.Text
}

// trafilaturaBody is go-trafilatura as a library with default options.
func trafilaturaBody(pageURL string, page []byte) string {
	opts := trafilatura.Options{}
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil || res == nil {
		return ""
	}
	return res.ContentText
}

func readabilityBody(pageURL string, page []byte) string {
	u, _ := url.Parse(pageURL)
	a, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil {
		return ""
	}
	return a.TextContent
}

// stats is what a child reports on stdout: only extraction is timed,
// reading and decompressing the pages is not.
type stats struct {
	Pages   int     `json:"pages"`
	Bytes   int64   `json:"bytes"`
	Seconds float64 `json:"seconds"`
}

// runChild extracts every page with one Go extractor, writes the output
// file and prints its stats.
func runChild(name, dataDir, outFile string, stdout io.Writer) error {
	fn, ok := goExtractors[name]
	if !ok {
		return fmt.Errorf("extractbench: unknown extractor %q", name)
	}
	c, err := corpus.Open(dataDir)
	if err != nil {
		return err
	}
	bodies := make(map[string]string, len(c.IDs))
	var st stats
	var spent time.Duration
	for _, id := range c.IDs {
		page, err := c.Page(id)
		if err != nil {
			return err
		}
		start := time.Now()
		bodies[id] = fn(c.Truth[id].URL, page)
		spent += time.Since(start)
		st.Pages++
		st.Bytes += int64(len(page))
	}
	st.Seconds = spent.Seconds()
	f, err := os.Create(outFile)
	if err != nil {
		return fmt.Errorf("extractbench: %w", err)
	}
	if err := corpus.EncodeOutput(f, bodies); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("extractbench: %w", err)
	}
	return json.NewEncoder(stdout).Encode(st)
}
