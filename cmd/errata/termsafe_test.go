package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// hostileText holds what a page can send a terminal: an OSC that retitles
// the window (ended by BEL), a CSI that clears the screen, the one-byte C1
// CSI and a right-to-left override.
const hostileText = "\x1b]0;pwned\x07 \x1b[2J \u009b31m \u202eevil"

// hostileFeed names its outlet with hostileText; JSON, unlike XML, can
// carry every control character.
const hostileFeed = `{"version":"https://jsonfeed.org/version/1.1","title":"Wire \u001b]0;pwned\u0007 \u202eNews \u009b2J",
"items":[{"id":"1","url":"/2026/11/20/budget","title":"Budget"}]}`

// hostilePage is an article whose headline, byline and text carry
// hostileText; the comment keeps control characters a small share of the
// page, as in a real one.
func hostilePage(title, extra string) []byte {
	return []byte(`<!doctype html><html><head><!-- ` + strings.Repeat("padding ", 400) + ` -->
<title>` + title + ` | The Ledger</title>
<meta name="author" content="Jane ` + hostileText + ` Doe"><meta property="article:published_time" content="2026-11-20T09:30:00Z">
</head><body><article><h1>` + title + `</h1>
<p>The city council approved the budget on Tuesday ` + hostileText + ` after a long debate about roads, schools and parks.</p>
<p>The mayor said she was pleased with the outcome and thanked the finance committee for its work.</p>
<p>Opponents said the plan left too little for the library service, which has been cut three years running.</p>
` + extra + `</article></body></html>`)
}

// errataColours are the escape sequences errata writes itself.
var errataColours = strings.NewReplacer("\x1b[31;9m", "", "\x1b[32m", "", "\x1b[0m", "")

// assertTerminalSafe fails if out holds a character a terminal acts on
// rather than shows, errata's own colours aside.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	bare := errataColours.Replace(out)
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e", "\r"} {
		if strings.Contains(bare, bad) {
			t.Errorf("%s: %q reaches the terminal:\n%q", what, bad, out)
		}
	}
}

// Every command that prints what outlets and pages wrote shows their
// control characters as visible escapes, with and without colour.
func TestTerminal_PageControlsAreShownEscaped(t *testing.T) {
	v0 := hostilePage("Council "+hostileText+" budget", "")
	v1 := hostilePage("Council "+hostileText+" budget passes", "<p>Update: the vote was 7 to 2 "+hostileText+", the clerk said.</p>")
	var page atomic.Pointer[[]byte]
	page.Store(&v0)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.json":
			w.Header().Set("Content-Type", "application/feed+json")
			w.Write([]byte(hostileFeed))
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(*page.Load())
		}
	}))
	defer srv.Close()
	data := t.TempDir()
	article := srv.URL + "/2026/11/20/budget"

	assertTerminalSafe(t, "add", cli(t, data, "add", srv.URL+"/feed.json"))
	assertTerminalSafe(t, "crawl", cli(t, data, "crawl", "--all"))
	page.Store(&v1)
	assertTerminalSafe(t, "crawl", cli(t, data, "crawl", "--all"))

	history := cli(t, data, "history", article)
	assertTerminalSafe(t, "history", history)
	mustShow(t, "history", history, `Wire \x1b]0;pwned\x07 \u202eNews \u009b2J`, `Council \x1b]0;pwned\x07 \x1b[2J \u009b31m evil budget passes`)
	if !strings.Contains(history, "  v1 ") {
		t.Fatalf("no second version recorded:\n%s", history)
	}
	for _, color := range []string{"never", "always"} {
		out := cli(t, data, "diff", article, "--color", color)
		assertTerminalSafe(t, "diff --color "+color, out)
		mustShow(t, "diff --color "+color, errataColours.Replace(out), `\x1b]0;pwned\x07 \x1b[2J \u009b31m evil`, "Update: the vote was 7 to 2")
		if color == "always" && !strings.Contains(out, "\x1b[32m") {
			t.Errorf("diff --color always lost its colours:\n%q", out)
		}
	}
	assertTerminalSafe(t, "outlet", cli(t, data, "outlet"))
	assertTerminalSafe(t, "outlet NAME", cli(t, data, "outlet", "Wire \x1b]0;pwned\x07 \u202eNews \u009b2J"))
	assertTerminalSafe(t, "extract", cli(t, data, "extract", article))
	assertTerminalSafe(t, "export", cli(t, data, "export"))
	// An error that lists the known outlets quotes their names.
	_, stderr, code := cliStatus(t, data, "outlet", "Nope")
	if code != exitError || !strings.Contains(stderr, "known outlets") {
		t.Fatalf("outlet Nope: exit %d\n%s", code, stderr)
	}
	assertTerminalSafe(t, "error", stderr)
}

func mustShow(t *testing.T, what, out string, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(out, s) {
			t.Errorf("%s does not show %q:\n%s", what, s, out)
		}
	}
}
