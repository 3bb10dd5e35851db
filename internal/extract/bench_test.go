package extract

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/model"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// benchCorpus is the shared article-extraction benchmark (read-only, gzipped).
const benchCorpus = "/work/shared/data/article-extraction-benchmark/html"

// benchCorpusPages is how many corpus pages join the local fixtures.
const benchCorpusPages = 3

type benchPage struct {
	name string
	url  string
	html []byte
}

// benchPages returns the bigger local fixtures plus a few corpus pages when
// the corpus is present.
func benchPages(b *testing.B) []benchPage {
	b.Helper()
	var pages []benchPage
	for _, name := range []string{"wordpress-jsonld", "live-blog-furniture", "churn-a"} {
		page, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{name, "https://news.example.com/" + name, page})
	}
	paths, _ := filepath.Glob(filepath.Join(benchCorpus, "*.html.gz"))
	for _, p := range paths[:min(benchCorpusPages, len(paths))] {
		page, err := gunzipFile(p)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, benchPage{filepath.Base(p)[:12], "https://news.example.com/a", page})
	}
	return pages
}

func gunzipFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// BenchmarkExtract is the full pipeline; compare with
// BenchmarkTrafilaturaAlone on the same pages.
func BenchmarkExtract(b *testing.B) {
	for _, p := range benchPages(b) {
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.html)))
			for b.Loop() {
				_, _ = Extract(p.url, p.html, model.Rules{})
			}
		})
	}
}

// BenchmarkTrafilaturaAlone is go-trafilatura with default options, the
// baseline Extract must stay within about 10% of.
func BenchmarkTrafilaturaAlone(b *testing.B) {
	for _, p := range benchPages(b) {
		u, _ := url.Parse(p.url)
		b.Run(p.name, func(b *testing.B) {
			b.SetBytes(int64(len(p.html)))
			for b.Loop() {
				_, _ = trafilatura.Extract(bytes.NewReader(p.html), trafilatura.Options{OriginalURL: u})
			}
		})
	}
}

// BenchmarkTrafilaturaFallback shows what EnableFallback (readability and
// dom-distiller as extra candidates) would cost.
func BenchmarkTrafilaturaFallback(b *testing.B) {
	for _, p := range benchPages(b) {
		u, _ := url.Parse(p.url)
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				_, _ = trafilatura.Extract(bytes.NewReader(p.html),
					trafilatura.Options{OriginalURL: u, EnableFallback: true})
			}
		})
	}
}
