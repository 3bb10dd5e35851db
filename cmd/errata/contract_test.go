package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const contractPage = `<!doctype html><html><head><title>Council approves budget | The Ledger</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2026-11-20T09:30:00Z">
</head><body><article><h1>Council approves budget</h1>
<p>The city council approved the budget on Tuesday after a long debate about roads, schools and parks.</p>
<p>The mayor said she was pleased with the outcome and thanked the finance committee for its work.</p>
<p>Opponents said the plan left too little for the library service, which has been cut three years running.</p>
</article></body></html>`

func keysOf(t *testing.T, raw []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, raw)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestExtract_PrintsTheContractJSON(t *testing.T) {
	file := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(file, []byte(contractPage), 0o644); err != nil {
		t.Fatal(err)
	}
	// Flags after the argument, as scripts call it too.
	out := cli(t, t.TempDir(), "extract", file, "--url", "https://example.com/2026/11/20/budget")
	if got := strings.Join(keysOf(t, []byte(out)), ","); got != "byline,modified,published,text,title,url" {
		t.Fatalf("keys %s", got)
	}
	var e extraction
	json.Unmarshal([]byte(out), &e)
	if e.Title != "Council approves budget" || e.Published != "2026-11-20T09:30:00Z" || strings.Count(e.Text, "\n\n") != 2 {
		t.Errorf("extraction %+v", e)
	}
}

func TestExport_JSONLKeysAreTheContract(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(contractPage))
	}))
	defer srv.Close()
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/2026/11/20/budget?utm_source=x#top", "--outlet", "The Ledger")
	out := filepath.Join(t.TempDir(), "out.jsonl")
	cli(t, data, "export", "--out", out)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	if got := strings.Join(keysOf(t, []byte(lines[0])), ","); got != "check_outcomes,checks,events,first_seen,id,last_checked,outlet,state,story,url,versions,wire,wire_origin" {
		t.Fatalf("article keys %s", got)
	}
	var a struct {
		URL      string            `json:"url"`
		Outlet   string            `json:"outlet"`
		Versions []json.RawMessage `json:"versions"`
	}
	json.Unmarshal([]byte(lines[0]), &a)
	if a.URL != srv.URL+"/2026/11/20/budget" || a.Outlet != "The Ledger" || len(a.Versions) != 1 {
		t.Fatalf("article %+v", a)
	}
	if got := strings.Join(keysOf(t, a.Versions[0]), ","); got != "added,byline,capture_hash,classes,extractor,fetched_at,hash,log_leaf,modified,published,removed,seq,text,title" {
		t.Fatalf("version keys %s", got)
	}
}
