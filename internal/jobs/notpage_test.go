package jobs

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/model"
)

// TestCheck_WhatIsNotAPageIsAnErrorAndNoVersion serves an article, then in
// its place documents that are not pages or are too large to extract:
// each check is recorded with outcome error and a message saying why,
// and the article keeps its one version.
func TestCheck_WhatIsNotAPageIsAnErrorAndNoVersion(t *testing.T) {
	var archive bytes.Buffer
	zw := gzip.NewWriter(&archive)
	io.WriteString(zw, strings.Repeat("<p>The council's archived minutes, page after page.</p>\n", 2000))
	zw.Close()
	cases := []struct {
		name, want string
		serve      func(w http.ResponseWriter)
	}{
		{"gzip file inside gzip transport encoding", "extract: not an HTML page (gzip-compressed data)", func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(archive.Bytes())
			zw.Close()
		}},
		{"feed with an internal DTD subset", "extract: not an HTML page (an XML document rooted at <rss>)", func(w http.ResponseWriter) {
			io.WriteString(w, `<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY nbsp "&#160;"> ]>
<rss version="2.0"><channel><title>City&nbsp;News</title>
<item><title>Council approves budget</title><description>The council approved the budget on Tuesday after a long debate.</description></item>
</channel></rss>`)
		}},
		{"50k paragraphs", fmt.Sprintf("extract: page too large to extract: 50000 paragraphs, limit %d", extract.MaxParagraphs), func(w http.ResponseWriter) {
			io.WriteString(w, page("Council approves budget", strings.Repeat("The council met again.</p><p>", 49_997)+"The end.", 0))
		}},
	}
	var current atomic.Int64
	f := newFixture(t, func(w http.ResponseWriter, r *http.Request) {
		if i := current.Load(); i > 0 {
			cases[i-1].serve(w)
			return
		}
		io.WriteString(w, page("Council approves budget", "The council approved the budget on Tuesday.", 0))
	})
	if res := f.check(t); res.Outcome != model.OutcomeNewVersion {
		t.Fatalf("first check: %v (%v)", res.Outcome, res.Err)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			current.Store(int64(i + 1))
			res := f.check(t)
			if res.Outcome != model.OutcomeError || res.Err == nil || res.Err.Error() != c.want {
				t.Errorf("outcome %v, err %v; want error %q", res.Outcome, res.Err, c.want)
			}
			checks, err := f.st.RecentChecks(t.Context(), f.a.ID, 1)
			if err != nil || len(checks) != 1 || checks[0].Outcome != model.OutcomeError || checks[0].Error != c.want {
				t.Errorf("recorded check %+v (%v), want outcome error with %q", checks, err, c.want)
			}
			if vs := f.versions(t); len(vs) != 1 {
				t.Errorf("%d versions, want 1", len(vs))
			}
		})
	}
}
