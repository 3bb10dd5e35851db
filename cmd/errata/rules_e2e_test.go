package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// crawlsAfterRule is how many passes follow the new rule.
const crawlsAfterRule = 3

// A new rule never makes a version by itself: the latest version's
// capture is re-extracted with the current rules before comparing. The
// page's bytes differ on every fetch, so each check does extract and
// compare rather than stop at "same bytes as last time".
func TestCrawl_NewDropRuleMakesNoVersion(t *testing.T) {
	page := readFixture(t)
	var served atomic.Int64
	srv := pageServer(t, func() []byte {
		return bytes.Replace(page, []byte("</body>"), fmt.Appendf(nil, "<!-- served %d --></body>", served.Add(1)), 1)
	})
	data := t.TempDir()
	url := srv.URL + "/2026/11/20/ferry"
	cli(t, data, "add", url, "--outlet", "Daily Planet")
	if out := cli(t, data, "crawl", "--all"); !strings.Contains(out, "0 new versions") {
		t.Fatalf("crawl before the rule: %s", out)
	}
	cli(t, data, "outlet", "Daily Planet", "--drop", ".background")
	// Several crawls, so a change waiting to be confirmed by a second
	// fetch would have been recorded.
	for i := range crawlsAfterRule {
		if out := cli(t, data, "crawl", "--all"); !strings.Contains(out, " 0 new versions") {
			t.Errorf("crawl %d after the rule: %s", i+1, out)
		}
	}
	if out := cli(t, data, "history", url); !strings.Contains(out, "changes       0") || strings.Contains(out, "v1 ") {
		t.Errorf("history after the rule shows more than one version:\n%s", out)
	}
	if served.Load() < 2+crawlsAfterRule {
		t.Errorf("the page was fetched %d times; want a fetch for each check", served.Load())
	}
}
