package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// textHeadPDF is a PDF whose first kilobytes are text: no NUL byte, no
// control character, and "<</" that looks like markup.
var textHeadPDF = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type /Catalog /Pages 2 0 R>>\nendobj\n" +
	strings.Repeat("2 0 obj\n<</Type /Pages /Kids [3 0 R] /Count 1>>\nendobj\n", 50)

// notPageServer serves, per path, a document that is not a web page.
func notPageServer(t *testing.T) *httptest.Server {
	t.Helper()
	var archive bytes.Buffer
	zw := gzip.NewWriter(&archive)
	io.WriteString(zw, strings.Repeat("<p>The council's archived minutes, page after page.</p>\n", 2000))
	zw.Close()
	serve := func(contentType, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			io.WriteString(w, body)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/minutes.html.gz", func(w http.ResponseWriter, r *http.Request) {
		// A .gz file sent with gzip transport encoding: once the transport
		// coding is undone, the body is still gzip data.
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(archive.Bytes())
		zw.Close()
	})
	mux.HandleFunc("/report", serve("application/octet-stream", textHeadPDF))
	mux.HandleFunc("/report.pdf", serve("application/pdf", textHeadPDF))
	mux.HandleFunc("/story.json", serve("application/json", `{"body": "<p>The council approved the budget on Tuesday after a long debate.</p>"}`))
	mux.HandleFunc("/chart", serve("text/xml", `<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY title "Budget"> ]>
<svg xmlns="http://www.w3.org/2000/svg"><title>&title;</title><text>The council approved the budget on Tuesday after a long debate.</text></svg>`))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAdd_DocumentThatIsNotAPageIsOneClearErrorAndNoArticle(t *testing.T) {
	srv := notPageServer(t)
	data := t.TempDir()
	const before = "" // nothing is tracked; a refused add must keep it so
	for _, tt := range []struct{ name, path, wantErr string }{
		{"gzip file inside gzip transport encoding", "/minutes.html.gz", "not an HTML page (gzip-compressed data)"},
		{"PDF served as a generic type", "/report", "not an HTML page (PDF document)"},
		{"PDF served as a PDF", "/report.pdf", "not an HTML page (served as application/pdf)"},
		{"JSON holding markup", "/story.json", "not an HTML page (served as application/json)"},
		{"SVG with an internal DTD subset", "/chart", "not an HTML page (an XML document rooted at <svg> in http://www.w3.org/2000/svg)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := cliStatus(t, data, "add", srv.URL+tt.path)
			if code != exitError || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d, stderr %q; want one line with %q", code, stderr, tt.wantErr)
			}
			if after := cli(t, data, "export"); after != before {
				t.Errorf("store changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func TestAdd_FeedWithAnInternalDTDSubsetIsAFeedNotAnArticle(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		io.WriteString(w, `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> ]>
<rss version="2.0"><channel><title>City&nbsp;News</title><link>https://city.example/</link><description>News</description>
<item><title>Council approves budget</title><link>https://city.example/budget</link>
<description>The council approved the budget on Tuesday after a long debate about roads and schools.</description></item>
</channel></rss>`)
	}))
	defer srv.Close()
	data := t.TempDir()
	out := cli(t, data, "add", srv.URL+"/feed.xml")
	if !strings.HasPrefix(out, "added feed ") {
		t.Errorf("add said %q, want a feed added", out)
	}
	if export := cli(t, data, "export"); strings.TrimSpace(export) != "" {
		t.Errorf("an article was stored: %s", export)
	}
}
