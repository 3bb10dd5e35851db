package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// feedparserScript parses one feed file with Python's feedparser and
// prints what a reader would take from it.
const feedparserScript = `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,
    "title": d.feed.get("title", ""),
    "entries": [{"id": e.get("id", ""), "title": e.get("title", ""), "link": e.get("link", ""),
                 "html": (e.content[0].value if e.get("content") else e.get("summary", ""))} for e in d.entries],
}))
`

// requireFeedparser is set by CI, which installs Debian's
// python3-feedparser: there the test must run, not skip.
const requireFeedparser = "ERRATA_REQUIRE_FEEDPARSER"

// A second, independent parser reads the Atom and RSS feeds as errata
// means them: well formed, every entry with its id, link and the diff as
// HTML.
func TestFeeds_FeedparserReadsAtomAndRSS(t *testing.T) {
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import feedparser").Run(); err != nil {
		if os.Getenv(requireFeedparser) != "" {
			t.Fatalf("python3-feedparser missing: %v", err)
		}
		t.Skip("python3-feedparser not installed (apt-get install python3-feedparser)")
	}
	f := newFixture(t, Config{BaseURL: "https://errata.example/"})
	dir := t.TempDir()
	for _, ext := range []string{"atom", "rss"} {
		path := fmt.Sprintf("/articles/%d/changes.%s", f.mayor.ID, ext)
		resp, body := f.do(t, http.MethodGet, path, nil, http.Header{"Accept-Encoding": {"identity"}})
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		file := filepath.Join(dir, "feed."+ext)
		if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(python, "-c", feedparserScript, file).Output()
		if err != nil {
			t.Fatalf("feedparser on %s: %v", ext, err)
		}
		var got struct {
			Bozo    bool   `json:"bozo"`
			Error   string `json:"error"`
			Version string `json:"version"`
			Entries []struct{ ID, Title, Link, HTML string }
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("feedparser output: %v\n%s", err, out)
		}
		if got.Bozo || !strings.HasPrefix(got.Version, ext) || len(got.Entries) != 2 {
			t.Fatalf("%s: bozo %v (%s), version %q, %d entries", ext, got.Bozo, got.Error, got.Version, len(got.Entries))
		}
		for _, e := range got.Entries {
			if !strings.HasPrefix(e.ID, "tag:errata.invalid,") || !strings.HasPrefix(e.Link, "https://errata.example/articles/") {
				t.Errorf("%s: entry id %q link %q", ext, e.ID, e.Link)
			}
		}
		mustContain(t, ext+" newest entry as feedparser reads it", got.Entries[0].HTML,
			"<ins> and Bo Writer</ins>", "<del>7</del><ins>6</ins>")
	}
}
