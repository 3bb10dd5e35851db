package realpages

import (
	"errors"
	"net/url"
	"regexp"
	"strings"

	"github.com/errata/errata/internal/extract/benchmark/corpus"
)

// ErrMissing means the benchmark folder is absent; callers skip.
var ErrMissing = corpus.ErrMissing

// located is every page whose article could be found, in corpus order.
type located struct {
	pages []*page
	total int
}

// locateAll reads the corpus and keeps the pages whose article is located
// reliably.
func locateAll(dir string) (located, error) {
	c, err := corpus.Open(dir)
	if err != nil {
		return located{}, err
	}
	out := located{total: len(c.IDs)}
	for _, id := range c.IDs {
		raw, err := c.Page(id)
		if err != nil {
			return located{}, err
		}
		p, err := locate(id, c.Truth[id].URL, raw, c.Truth[id].Body)
		if errors.Is(err, errUnreliable) {
			continue
		}
		if err != nil {
			return located{}, err
		}
		out.pages = append(out.pages, p)
	}
	return out, nil
}

// choose takes n pages spread over the corpus, one site before any site's
// second page, so a subset is as varied as the whole.
func choose(pages []*page, n int) []*page {
	if n <= 0 || n >= len(pages) {
		return pages
	}
	seen := map[string]bool{}
	var first, rest []*page
	for _, p := range pages {
		if h := host(p.sourceURL); !seen[h] {
			seen[h] = true
			first = append(first, p)
		} else {
			rest = append(rest, p)
		}
	}
	if len(first) >= n {
		return spaced(first, n)
	}
	return append(first, spaced(rest, n-len(first))...)
}

// spaced takes n evenly spaced items of list.
func spaced(list []*page, n int) []*page {
	var out []*page
	for i := range n {
		out = append(out, list[i*len(list)/n])
	}
	return out
}

func host(u string) string {
	if p, err := url.Parse(u); err == nil {
		return strings.TrimPrefix(p.Hostname(), "www.")
	}
	return u
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// slug makes a path segment from a headline, with the page id for
// uniqueness.
func slug(title, id string) string {
	words := strings.Fields(nonWord.ReplaceAllString(strings.ToLower(title), " "))
	words = append(words[:min(len(words), 8)], id[:6])
	return strings.Join(words, "-")
}
