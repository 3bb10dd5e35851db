package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fixturePage is an article whose .background box the generic extractor
// keeps as part of the body.
const fixturePage = "testdata/article-with-background-box.html"

// feedXML lists the one article of pageServer.
const feedXML = `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Planet</title>
<link>/</link><description>News</description>
<item><title>Harbour ferry timetable changes from Monday</title><link>/2026/11/20/ferry</link></item>
</channel></rss>`

// pageServer serves a feed at /feed.xml and body at every other path but
// robots.txt.
func pageServer(t *testing.T, body func() []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(feedXML))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(body())
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func readFixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(fixturePage)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// trackedOutlet makes a data directory where "Daily Planet" has a feed and
// one article.
func trackedOutlet(t *testing.T) string {
	t.Helper()
	page := readFixture(t)
	srv := pageServer(t, func() []byte { return page })
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/feed.xml", srv.URL+"/2026/11/20/ferry", "--outlet", "Daily Planet")
	return data
}

type cliStep struct {
	name    string
	args    []string
	code    int
	want    []string // substrings of stdout (exit 0) or stderr
	notWant []string
}

func runSteps(t *testing.T, data string, steps []cliStep) {
	t.Helper()
	for _, s := range steps {
		out, errOut, code := cliStatus(t, data, s.args...)
		if code != s.code {
			t.Fatalf("%s: errata %s: exit %d, want %d\nstdout: %s\nstderr: %s", s.name, strings.Join(s.args, " "), code, s.code, out, errOut)
		}
		text := out
		if code != exitOK {
			text = errOut
			if n := strings.Count(strings.TrimSpace(errOut), "\n"); n > 0 {
				t.Errorf("%s: want one line on stderr, got:\n%s", s.name, errOut)
			}
		}
		for _, w := range s.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: output lacks %q:\n%s", s.name, w, text)
			}
		}
		for _, w := range s.notWant {
			if strings.Contains(text, w) {
				t.Errorf("%s: output has %q:\n%s", s.name, w, text)
			}
		}
	}
}

func TestOutlet_RulesRoundTrip(t *testing.T) {
	data := trackedOutlet(t)
	runSteps(t, data, []cliStep{
		{"list", []string{"outlet"}, exitOK, []string{"NAME", "Daily Planet", "127.0.0.1"}, nil},
		{"show in any case", []string{"outlet", "daily PLANET"}, exitOK,
			[]string{"Daily Planet\n", "articles  1", "sources   1", "feed     http://127.0.0.1", "rules     0"}, nil},
		{"add rules, flags before the name", []string{"outlet", "--drop", ".background", "--drop", "aside.promo", "daily planet", "--keep", " .story-body "},
			exitOK, []string{"rules     3", "drop     .background", "drop     aside.promo", "keep     .story-body"}, nil},
		{"repeated add is one rule", []string{"outlet", "Daily Planet", "--drop", ".background"}, exitOK, []string{"rules     3"}, nil},
		{"list counts rules", []string{"outlet"}, exitOK, []string{"Daily Planet", "1         3"}, nil},
		{"remove one", []string{"outlet", "Daily Planet", "--remove", "aside.promo"}, exitOK,
			[]string{"rules     2", "drop     .background"}, []string{"aside.promo"}},
		{"remove a missing rule", []string{"outlet", "Daily Planet", "--remove", ".nope"}, exitError,
			[]string{`has no rule ".nope"`}, nil},
		{"bad selector", []string{"outlet", "Daily Planet", "--drop", "div["}, exitUsage,
			[]string{`--drop "div[" is not a CSS selector`}, nil},
		{"bad selector changed nothing", []string{"outlet", "Daily Planet"}, exitOK, []string{"rules     2"}, []string{"div["}},
		{"empty selector", []string{"outlet", "Daily Planet", "--keep", ""}, exitUsage, []string{"not a CSS selector"}, nil},
		{"clear", []string{"outlet", "Daily Planet", "--clear"}, exitOK, []string{"rules     0"}, []string{".background"}},
		{"unknown outlet names the known ones", []string{"outlet", "Weekly Bugle"}, exitError,
			[]string{`no outlet "Weekly Bugle"`, `"Daily Planet"`}, nil},
		{"rules without a name", []string{"outlet", "--drop", ".ad"}, exitUsage, []string{"name the outlet"}, nil},
	})
}

func TestOutlet_NoDataSaysHowToStart(t *testing.T) {
	data := filepath.Join(t.TempDir(), "errata-data")
	runSteps(t, data, []cliStep{
		{"list", []string{"outlet"}, exitError, []string{"no errata data in " + data, "run errata add first"}, nil},
		{"unknown", []string{"outlet", "Daily"}, exitError, []string{"no errata data in " + data}, nil},
	})
	if _, err := os.Stat(data); err == nil {
		t.Errorf("outlet created %s", data)
	}
}

func extractText(t *testing.T, data string, args ...string) string {
	t.Helper()
	out := cli(t, data, append([]string{"extract", fixturePage, "--url", "https://planet.example/2026/11/20/ferry"}, args...)...)
	var e extraction
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("extract output is not JSON: %v\n%s", err, out)
	}
	return e.Text
}

func TestExtract_TriesRulesWithoutSavingThem(t *testing.T) {
	data := trackedOutlet(t)
	cli(t, data, "outlet", "Daily Planet", "--drop", ".background")
	const story, background, lead = "Two extra boats", "first crossed the harbour in 1911", "every twenty minutes"
	tests := []struct {
		name       string
		args       []string
		has, lacks []string
	}{
		{"no rules", nil, []string{story, background, lead}, nil},
		{"drop", []string{"--drop", ".background"}, []string{story, lead}, []string{background}},
		{"keep", []string{"--keep", ".story-body"}, []string{story, lead}, []string{background}},
		{"stored outlet rules", []string{"--outlet", "daily planet"}, []string{story, lead}, []string{background}},
		{"outlet rules and a tried one", []string{"--outlet", "Daily Planet", "--drop", ".story-body p:first-child"},
			[]string{story}, []string{background, lead}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := extractText(t, data, tt.args...)
			for _, s := range tt.has {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tt.lacks {
				if strings.Contains(text, s) {
					t.Errorf("text still has %q:\n%s", s, text)
				}
			}
		})
	}
	// Tried rules are not saved.
	if out := cli(t, data, "outlet", "Daily Planet"); strings.Contains(out, "story-body") || !strings.Contains(out, "rules     1") {
		t.Errorf("extract changed the stored rules:\n%s", out)
	}
	runSteps(t, data, []cliStep{
		{"bad selector", []string{"extract", fixturePage, "--keep", "p >"}, exitUsage, []string{`--keep "p >" is not a CSS selector`}, nil},
		{"unknown outlet", []string{"extract", fixturePage, "--outlet", "Weekly"}, exitError, []string{`no outlet "Weekly"`, "Daily Planet"}, nil},
	})
}

// After a drop rule, the next real edit is recorded under the rule: with
// the edit and without the dropped box. (rules_e2e_test.go shows the rule
// alone makes no version.)
func TestOutlet_EditAfterARuleIsRecordedUnderIt(t *testing.T) {
	var page atomic.Pointer[[]byte]
	b := readFixture(t)
	page.Store(&b)
	srv := pageServer(t, func() []byte { return *page.Load() })
	data := t.TempDir()
	url := srv.URL + "/2026/11/20/ferry"
	cli(t, data, "add", url, "--outlet", "Daily Planet")
	cli(t, data, "outlet", "Daily Planet", "--drop", ".background")
	cli(t, data, "crawl", "--all")
	edited := []byte(strings.Replace(string(b), "</article>", "<p>Update: the ferry will also stop at Pier 4 from December.</p></article>", 1))
	page.Store(&edited)
	cli(t, data, "crawl", "--all")
	var got struct {
		Versions []struct{ Text string } `json:"versions"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(cli(t, data, "export"), "\n", 2)[0]), &got); err != nil {
		t.Fatal(err)
	}
	if n := len(got.Versions); n != 2 {
		t.Fatalf("%d versions after a real edit, want 2", n)
	}
	if show := cli(t, data, "outlet", "Daily Planet"); !strings.Contains(show, "learned   ") {
		t.Errorf("outlet does not say what it learned:\n%s", show)
	}
	if last := got.Versions[1].Text; !strings.Contains(last, "Pier 4") || strings.Contains(last, "first crossed the harbour") {
		t.Errorf("want the edit and not the dropped box in the new version:\n%s", last)
	}
}
