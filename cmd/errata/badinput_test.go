package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hostileServer serves one path per kind of bad input.
func hostileServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<html><head><title>Council approves budget</title></head><body><article>
<h1>Council approves budget</h1><p>The city council approved the budget on Tuesday after a long debate about roads, schools and parks.</p>
<p>The mayor said she was pleased with the outcome and thanked the members of the finance committee for their work.</p>
<p>Opponents said the plan left too little for the library service, which has been cut three years in a row.</p></article></body></html>`)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>word </p>", 8192))
		for sent := 0; sent < 1<<30; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for i := 0; i < 1024; i++ {
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=x-klingon-9")
		io.WriteString(w, "<html><body><p>qapla'</p></body></html>")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</ti`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestBadInput_OneClearErrorAndStoreUntouched(t *testing.T) {
	srv := hostileServer(t)
	data := t.TempDir()
	cli(t, data, "add", srv.URL+"/good")
	before := cli(t, data, "export")

	tests := []struct {
		name, path string
		private    bool // run without --allow-private
		wantErr    string
	}{
		{"1 GiB body", "/huge", false, "larger than"},
		{"gzip bomb", "/bomb", false, "larger than"},
		{"redirect loop", "/loop", false, "redirect"},
		{"private address", "/good?again", true, "private"},
		{"unknown charset", "/charset", false, "charset"},
		{"malformed XML feed", "/feed.xml", false, "parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr string
			var code int
			if tt.private {
				_, stderr, code = runBinary(t, "--data", data, "add", srv.URL+tt.path)
			} else {
				_, stderr, code = cliStatus(t, data, "add", srv.URL+tt.path)
			}
			if code != exitError {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitError, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if !strings.Contains(strings.ToLower(stderr), tt.wantErr) || len(lines) > 2 {
				t.Errorf("want one clear error mentioning %q, got:\n%s", tt.wantErr, stderr)
			}
			if after := cli(t, data, "export"); after != before {
				t.Errorf("store changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}
