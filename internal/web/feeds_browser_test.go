package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/errata/errata/internal/browsertest"
)

// readerPage lays out feed fields the way a careless feed reader would:
// each field's value pasted into the page as HTML, with no
// Content-Security-Policy. A last image, placed by the page itself, sets
// window.control when its load fails, proving that injected handlers
// would have run.
func readerPage(fields map[string]string) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><title>reader</title></head><body>\n")
	for _, name := range names {
		b.WriteString(`<div data-field="` + name + `">` + fields[name] + "</div>\n")
	}
	b.WriteString(`<img id=control src=/missing.png onerror="window.control=1">` + "\n</body></html>")
	return b.String()
}

// renderedField is what the browser made of one field.
type renderedField struct {
	Name     string `json:"name"`
	Elements int    `json:"elements"`
	Text     string `json:"text"`
}

type readerState struct {
	Injected *string         `json:"injected"`
	Control  *int            `json:"control"`
	Fields   []renderedField `json:"fields"`
}

// Every field a reader renders as HTML, from every feed format, shows an
// outlet's markup as text in a real browser: no element but errata's own
// (the diff's paragraphs, marks and links) is created and no handler or
// script runs.
func TestBrowser_FeedHTMLFieldsRunNoInjectedMarkup(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	ctx := browsertest.Start(t)
	f := newFixture(t, Config{})
	id := seedInjected(t, f)
	fields := map[string]string{}
	for _, path := range feedPaths(id) {
		for name, v := range htmlFields(parseFeed(t, f, path)) {
			fields[path+" "+name] = v
		}
	}
	reader := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(readerPage(fields)))
	}))
	defer reader.Close()

	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(reader.URL+"/")); err != nil {
		t.Fatalf("open reader page: %v", err)
	}
	// The load event waits for every image, so once it has fired every
	// onerror handler the page holds has run.
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`document.readyState === "complete"`)); err != nil {
		t.Fatalf("wait for load: %v", err)
	}
	st, err := chromedp.Run(tctx, chromedp.Evaluate[readerState](`({
		injected: window.injected ?? null,
		control: window.control ?? null,
		fields: [...document.querySelectorAll("[data-field]")].map(d => ({
			name: d.dataset.field, text: d.textContent,
			elements: d.querySelectorAll(":not(p):not(a):not(strong):not(em):not(ins):not(del)").length})),
	})`))
	if err != nil {
		t.Fatalf("read page: %v", err)
	}
	if st.Control == nil {
		t.Fatal("the page's own onerror handler did not run; the check proves nothing")
	}
	if st.Injected != nil {
		t.Errorf("injected markup ran: window.injected = %q", *st.Injected)
	}
	if len(st.Fields) != len(fields) {
		t.Errorf("%d fields rendered, want %d", len(st.Fields), len(fields))
	}
	shown := map[string]bool{}
	for _, fd := range st.Fields {
		if fd.Elements > 0 {
			t.Errorf("%s: markup became %d elements of its own; text %q", fd.Name, fd.Elements, fd.Text)
		}
		if strings.Contains(fd.Text, injectedOutlet+" changed version 1") {
			shown[strings.Fields(fd.Name)[0]] = true
		}
	}
	if len(shown) != 6 {
		t.Errorf("%d feeds show the change with the outlet's name as written, want 6", len(shown))
	}
}
