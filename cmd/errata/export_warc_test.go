package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/errata/errata/internal/warc"
)

// warcTypes counts an archive's records by type.
func warcTypes(t *testing.T, b []byte) map[string]int {
	t.Helper()
	types := map[string]int{}
	r := warc.NewReader(bytes.NewReader(b), 0)
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return types
		}
		if err != nil {
			t.Fatal(err)
		}
		types[rec.Type]++
	}
}

// gunzipAll decompresses every gzip member of b.
func gunzipAll(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// exportedVersions is the versions of the JSONL export by article URL.
func exportedVersions(t *testing.T, data string) map[string]any {
	t.Helper()
	out := map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(cli(t, data, "export")), "\n") {
		var a struct {
			URL      string
			Versions any
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		out[a.URL] = a.Versions
	}
	return out
}

// warcSite serves a different story at each path, so each is an article.
func warcSite(t *testing.T) *httptest.Server {
	t.Helper()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(contractPage, "on Tuesday", "on Tuesday ("+r.URL.Path+")", 1)))
	}))
	t.Cleanup(site.Close)
	return site
}

// TestExportWARC_ThroughPostgreSQL: an archive imported into a PostgreSQL
// store and exported from it again gives the same versions in a fresh
// SQLite store.
func TestExportWARC_ThroughPostgreSQL(t *testing.T) {
	db := postgresDB(t)
	site := warcSite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget", site.URL+"/2026/11/21/roads")
	first := filepath.Join(t.TempDir(), "first.warc.gz")
	cli(t, data, "export", "--format", "warc", "--out", first)

	pgData := t.TempDir()
	cli(t, pgData, "--db", db, "import", "--format", "warc", first)
	second := filepath.Join(t.TempDir(), "second.warc.gz")
	cli(t, pgData, "--db", db, "export", "--format", "warc", "--out", second)
	fresh := t.TempDir()
	if out := cli(t, fresh, "import", "--format", "warc", second); !strings.HasPrefix(out, "imported 2 new captures and 2 new versions") {
		t.Errorf("import from PostgreSQL's archive said %q", out)
	}
	if got, want := exportedVersions(t, fresh), exportedVersions(t, data); !reflect.DeepEqual(got, want) {
		t.Errorf("versions through PostgreSQL:\n%v\nwant\n%v", got, want)
	}
}

// TestExportWARC_FileStdoutAndImportIntoAFreshDataDir: export --format
// warc writes the archive to a file (saying what it wrote) or to standard
// output; --article keeps one article's; import --format warc into an
// empty data directory gives the same versions, a second import adds
// nothing, and a truncated archive is one line of error.
func TestExportWARC_FileStdoutAndImportIntoAFreshDataDir(t *testing.T) {
	site := warcSite(t)
	data := t.TempDir()
	cli(t, data, "add", site.URL+"/2026/11/20/budget")
	cli(t, data, "add", site.URL+"/2026/11/21/budget-again")

	file := filepath.Join(t.TempDir(), "errata.warc.gz")
	_, stderr, code := cliStatus(t, data, "export", "--format", "warc", "--out", file)
	if code != exitOK || stderr != "exported 2 captures and 2 versions to "+file+"\ntaken at the log checkpoint of 4 leaves, kept in "+file+".checkpoint\n" {
		t.Fatalf("export: exit %d, stderr %q", code, stderr)
	}
	archive, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Two versions' metadata, and the checkpoint the archive was taken at.
	want := map[string]int{"warcinfo": 1, "response": 2, "request": 2, "metadata": 3}
	if got := warcTypes(t, archive); !reflect.DeepEqual(got, want) {
		t.Errorf("file: %v, want %v", got, want)
	}
	if got := warcTypes(t, []byte(cli(t, data, "export", "--format", "warc"))); !reflect.DeepEqual(got, want) {
		t.Errorf("stdout: %v, want %v", got, want)
	}
	if !bytes.Contains(gunzipAll(t, archive), []byte("User-Agent: errata/")) {
		t.Errorf("the request records lack errata's User-Agent")
	}
	withContact := cli(t, data, "export", "--format", "warc", "--contact", "desk@ledger.example")
	if !bytes.Contains(gunzipAll(t, []byte(withContact)), []byte("desk@ledger.example")) {
		t.Errorf("the request records lack the configured contact")
	}
	one := cli(t, data, "export", "--format", "warc", "--article", site.URL+"/2026/11/21/budget-again", "--since", "2000-01-01")
	if got := warcTypes(t, []byte(one)); got["response"] != 1 || got["metadata"] != 2 {
		t.Errorf("--article: %v, want one capture", got)
	}

	if _, stderr, code := cliStatus(t, data, "export", "--since", "2026-01-01"); code != exitUsage || !strings.Contains(stderr, "--format warc") {
		t.Errorf("--since with jsonl: exit %d, stderr %q; want a usage error", code, stderr)
	}

	fresh := t.TempDir()
	out := cli(t, fresh, "import", "--format", "warc", file)
	if out != "imported 2 new captures and 2 new versions from "+file+" (8 records read)\n" {
		t.Errorf("import said %q", out)
	}
	if got, want := exportedVersions(t, fresh), exportedVersions(t, data); !reflect.DeepEqual(got, want) {
		t.Errorf("versions after import:\n%v\nwant\n%v", got, want)
	}
	if out := cli(t, fresh, "import", "--format", "warc", file); !strings.HasPrefix(out, "imported 0 new captures and 0 new versions") {
		t.Errorf("second import said %q", out)
	}

	cut := filepath.Join(t.TempDir(), "cut.warc.gz")
	if err := os.WriteFile(cut, archive[:len(archive)-40], 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = cliStatus(t, t.TempDir(), "import", "--format", "warc", cut)
	if code != exitError || !strings.Contains(stderr, "truncated") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("truncated import: exit %d, stderr %q; want 1 and one line", code, stderr)
	}
}
