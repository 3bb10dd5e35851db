package corpus

import (
	"fmt"
	"hash/fnv"
	"net/url"
	"strings"
)

// The corpus is split in two halves by site, so that rules tuned while
// looking at one half can be checked on pages of sites never looked at: a
// rule fitted to one outlet's template shows up as a gain on dev only.
const (
	SplitDev  = "dev"
	SplitTest = "test"
	SplitAll  = "all"
)

// Half returns the half a page belongs to: FNV-1a (32 bit) of its URL's
// lower-cased host without a leading "www.", even for dev, odd for test.
// A URL without a host falls in dev.
func Half(pageURL string) string {
	host := ""
	if u, err := url.Parse(pageURL); err == nil {
		host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	h := fnv.New32a()
	h.Write([]byte(host))
	if h.Sum32()%2 == 0 {
		return SplitDev
	}
	return SplitTest
}

// ValidSplit reports an error for a split name other than dev, test or all.
func ValidSplit(split string) error {
	switch split {
	case SplitDev, SplitTest, SplitAll:
		return nil
	}
	return fmt.Errorf("corpus: unknown split %q (want dev, test or all)", split)
}

// InSplit reports whether page id belongs to split ("all" holds every page).
func (c *Corpus) InSplit(id, split string) bool {
	return split == SplitAll || Half(c.Truth[id].URL) == split
}

// Restrict returns the entries of m whose page id is in split.
func (c *Corpus) Restrict(m map[string]string, split string) map[string]string {
	out := make(map[string]string, len(m))
	for id, v := range m {
		if c.InSplit(id, split) {
			out[id] = v
		}
	}
	return out
}
