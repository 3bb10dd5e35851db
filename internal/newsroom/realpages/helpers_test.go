package realpages

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/errata/errata/internal/extract/benchmark"
	"golang.org/x/net/html"
)

// testArticles keeps unit tests quick; the subset still covers every
// outlet and kind.
const testArticles = 24

var (
	loadOnce sync.Once
	loaded   located
	loadErr  error
)

// newTestNewsroom builds a started newsroom over the shared corpus, or
// skips when the corpus is absent. Locating runs once per test binary.
func newTestNewsroom(t *testing.T, seed uint64) *Newsroom {
	t.Helper()
	dir := benchmark.FindData()
	loadOnce.Do(func() { loaded, loadErr = locateAll(dir) })
	if errors.Is(loadErr, ErrMissing) {
		t.Skipf("realpages: benchmark data not found at %s; skipping", dir)
	}
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	n := &Newsroom{cfg: Config{Seed: seed}, located: len(loaded.pages), total: loaded.total}
	for i, p := range choose(loaded.pages, testArticles) {
		n.articles = append(n.articles, newArticle(i, p, seed))
	}
	n.Start()
	t.Cleanup(n.Close)
	return n
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	return string(b)
}

// pageText is the visible text of a served page.
func pageText(t *testing.T, body string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return textOf(doc)
}
