package discover

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// testMaxBytes is what the tests let a gzipped document inflate to: the
// fetcher's default body cap, which errata passes in.
const testMaxBytes = 10 << 20

// fixture reads testdata/name or fails the test.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// addFixtures seeds a fuzz target with the named fixtures.
func addFixtures(f *testing.F, names ...string) {
	for _, n := range names {
		f.Add(fixture(f, n))
	}
}

func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatal(err)
	}
	return t.UTC()
}

func urls(links []Link) []string {
	out := make([]string, len(links))
	for i, l := range links {
		out[i] = l.URL
	}
	return out
}
