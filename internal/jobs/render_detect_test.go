package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errata/errata/internal/fetch"
	"github.com/errata/errata/internal/store"
)

// detectSite serves a feed whose one entry carries the whole article and
// the article's page, whose HTML holds either all of it or a teaser whose
// rest a script would load.
func detectSite(t *testing.T, teaser bool) string {
	t.Helper()
	var paras []string
	for i := range 8 {
		paras = append(paras, fmt.Sprintf("Paragraph %d of the council story tells residents what the vote on the harbour budget means for the ferry timetable and the library hours this winter.", i+1))
	}
	body := "<p>" + strings.Join(paras, "</p><p>") + "</p>"
	shown := body
	if teaser {
		shown = "<p>" + paras[0] + "</p><div id=\"rest\"></div><script src=\"/app.js\"></script>"
	}
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour Post</title><link>%[1]s/</link>
<item><title>Council backs the harbour budget</title><link>%[1]s/2026/12/05/budget</link><content:encoded><![CDATA[%[2]s]]></content:encoded></item></channel></rss>`, srv.URL, body)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Council backs the harbour budget</title></head><body>
<article><h1>Council backs the harbour budget</h1><p class="byline">By Ada Jones</p>%s</article></body></html>`, shown)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestCheck_PlainFetchShortOfItsFeedEntryIsNoted: a plain fetch of an
// article whose page holds a teaser of what its feed entry held notes the
// outlet for the browser suggestion; the same article served whole does
// not.
func TestCheck_PlainFetchShortOfItsFeedEntryIsNoted(t *testing.T) {
	for _, teaser := range []bool{true, false} {
		t.Run(fmt.Sprintf("teaser=%v", teaser), func(t *testing.T) {
			ctx := context.Background()
			base := detectSite(t, teaser)
			st, err := store.Open(ctx, filepath.Join(t.TempDir(), "errata.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			e := NewEngine(st, fetch.New(fetch.Config{AllowPrivate: true}), nil)
			if _, err := e.AddURL(ctx, base+"/feed.xml", "Harbour Post"); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Crawl(ctx, true, 1); err != nil {
				t.Fatal(err)
			}
			o, err := st.OutletNamed(ctx, "Harbour Post")
			if err != nil {
				t.Fatal(err)
			}
			if o.SuggestBrowser() != teaser {
				t.Fatalf("suggest browser %v, want %v (short text %+v)", o.SuggestBrowser(), teaser, o.Short)
			}
			if teaser && (o.Short.Promised < 8*20 || o.Short.Words*2 >= o.Short.Promised) {
				t.Errorf("short text %+v", o.Short)
			}
		})
	}
}
