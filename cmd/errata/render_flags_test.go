package main

import (
	"strings"
	"testing"
)

// TestCrawl_RenderFlagsAreSettings: --render-tabs is render.tabs, checked
// like any setting before the crawl does anything.
func TestCrawl_RenderFlagsAreSettings(t *testing.T) {
	data := trackedOutlet(t)
	cli(t, data, "crawl", "--chromium", "/usr/bin/chromium", "--render-tabs", "2")
	_, errOut, code := cliStatus(t, data, "crawl", "--render-tabs", "0")
	if code != exitUsage || !strings.Contains(errOut, "--render-tabs") {
		t.Errorf("crawl --render-tabs 0: exit %d, stderr %q; want 2 naming the flag", code, errOut)
	}
}
