package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// ruleTakesEffectBound is how long a running worker checking every
// second may take to record an edit made after a rule change.
const ruleTakesEffectBound = 30 * time.Second

// A rule saved by the CLI while serve runs applies to serve's next checks,
// without a restart: the version recorded for a later edit of the page
// lacks the dropped block.
func TestServe_RuleChangedByTheCLIAppliesWithoutRestart(t *testing.T) {
	page := readFixture(t)
	const edit = "Fares stay the same, the authority confirmed on Friday"
	var served atomic.Int64
	var edited atomic.Bool
	srv := pageServer(t, func() []byte {
		p := bytes.Replace(page, []byte("</body>"), fmt.Appendf(nil, "<!-- served %d --></body>", served.Add(1)), 1)
		if edited.Load() {
			p = bytes.Replace(p, []byte("Fares stay the same"), []byte(edit), 1)
		}
		return p
	})
	data := t.TempDir()
	// Through the feed, so the worker's schedule, not add's, checks it.
	cli(t, data, "add", srv.URL+"/feed.xml", "--outlet", "Daily Planet")
	worker, _ := startServe(t, data, roleWorker, "--check-every", "1s", "--tick", "1s")
	waitForText(t, data, "the first version", func(text string) bool { return text != "" })
	cli(t, data, "outlet", "Daily Planet", "--drop", ".background")
	edited.Store(true)
	text := waitForText(t, data, "a version with the edit", func(text string) bool { return strings.Contains(text, edit) })
	if strings.Contains(text, "first crossed the harbour") {
		t.Errorf("the version recorded after the rule change kept the dropped block:\n%s", text)
	}
	if code := interrupt(t, worker); code != 0 {
		t.Errorf("serve exited %d", code)
	}
}

// waitForText waits until the latest version's text satisfies ok, and
// returns it.
func waitForText(t *testing.T, data, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(ruleTakesEffectBound)
	for {
		if text := latestText(t, data); ok(text) {
			return text
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %s", what, ruleTakesEffectBound)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// latestText exports the store and returns the text of its one article's
// latest version, or "" before there is one.
func latestText(t *testing.T, data string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.jsonl")
	cli(t, data, "export", "--out", out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return ""
	}
	var a struct {
		Versions []struct {
			Text string `json:"text"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(bytes.TrimSpace(raw), &a); err != nil {
		t.Fatalf("export: %v\n%s", err, raw)
	}
	if len(a.Versions) == 0 {
		return ""
	}
	return a.Versions[len(a.Versions)-1].Text
}
