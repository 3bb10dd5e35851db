package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// elfHeader is the start of an executable, as `errata extract /bin/true`
// would read it.
const elfHeader = "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00"

func TestExtract_RefusesInputThatIsNotHTML(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte(elfHeader))
	}))
	defer srv.Close()
	dir := t.TempDir()
	file := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, c := range []struct{ name, src string }{
		{"executable file", file("true", elfHeader)},
		{"plain text file", file("note.txt", "Police closed the bridge on Monday.\n")},
		{"fetched executable", srv.URL + "/a"},
	} {
		stdout, stderr, code := cliStatus(t, t.TempDir(), "extract", c.src)
		if code != 1 || stdout != "" || strings.Count(stderr, "\n") != 1 ||
			!strings.HasPrefix(stderr, "errata: extract "+c.src+": not an HTML page (") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", c.name, code, stdout, stderr)
		}
	}
}
