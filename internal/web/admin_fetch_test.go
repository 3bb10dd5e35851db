package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func outletFetch(t *testing.T, f *fixture, name string) model.FetchMode {
	t.Helper()
	o, err := f.store.OutletByName(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return o.Fetch
}

// TestOutletPage_SuggestsBrowserWhenPlainFetchesFallShort: the outlet page
// and the API say how pages are fetched, and suggest the browser mode once
// plain fetches were noted short, until the mode changes.
func TestOutletPage_SuggestsBrowserWhenPlainFetchesFallShort(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	ctx := context.Background()
	o, err := f.store.OutletByName(ctx, "Daily Planet")
	if err != nil {
		t.Fatal(err)
	}
	_, body := f.get(t, "/outlets/Daily%20Planet")
	mustContain(t, "plain", body, "with a plain HTTP request")
	if strings.Contains(body, "may need scripts") {
		t.Error("suggestion shown before any short fetch")
	}
	short := model.ShortText{URL: "https://planet.example/a", Words: 9, Promised: 640, At: time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)}
	if err := f.store.NoteShortText(ctx, o.ID, short); err != nil {
		t.Fatal(err)
	}
	_, body = f.get(t, "/outlets/Daily%20Planet")
	mustContain(t, "suggestion", body, "may need scripts", "9 of 640 words", "https://planet.example/a", "--render browser")

	_, body = f.get(t, "/api/v1/outlets/Daily%20Planet")
	var api apiOutletDetail
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	if api.Fetch != "http" || api.ShortText == nil || api.ShortText.Promised != 640 || api.ShortText.Fetches != 1 {
		t.Errorf("API outlet fetch %q short %+v", api.Fetch, api.ShortText)
	}

	resp, body := f.do(t, http.MethodPost, "/admin/outlets/Daily%20Planet/fetch", form("mode", "browser", "token", "s3cret"), formHeader)
	if resp.StatusCode != 200 {
		t.Fatalf("admin fetch: status %d\n%s", resp.StatusCode, body)
	}
	mustContain(t, "admin result", body, "in a headless browser")
	if outletFetch(t, f, "Daily Planet") != model.FetchBrowser {
		t.Fatal("admin form did not set the browser mode")
	}
	_, body = f.get(t, "/outlets/Daily%20Planet")
	mustContain(t, "browser", body, "in a headless browser")
	if strings.Contains(body, "may need scripts") {
		t.Error("suggestion still shown in browser mode")
	}
}

func TestAPI_PutFetch(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	const path = "/api/v1/outlets/Daily%20Planet/fetch"
	bearer := http.Header{"Authorization": {"Bearer s3cret"}, "Content-Type": {"application/json"}}
	tests := []struct {
		name   string
		path   string
		body   string
		header http.Header
		status int
		want   string
		mode   model.FetchMode
	}{
		{"no token", path, `{"mode":"browser"}`, http.Header{}, 401, "admin token", model.FetchHTTP},
		{"cross-site", path, `{"mode":"browser"}`, http.Header{"Authorization": {"Bearer s3cret"}, "Sec-Fetch-Site": {"cross-site"}}, 403, "cross-origin", model.FetchHTTP},
		{"browser", path, `{"mode":"browser"}`, bearer, 200, `"fetch": "browser"`, model.FetchBrowser},
		{"unknown mode", path, `{"mode":"lynx"}`, bearer, 400, "want", model.FetchBrowser},
		{"misspelt key", path, `{"mod":"http"}`, bearer, 400, "unknown field", model.FetchBrowser},
		{"unknown outlet", "/api/v1/outlets/Weekly/fetch", `{"mode":"http"}`, bearer, 404, "outlet not found", model.FetchBrowser},
		{"back to plain", path, `{"mode":"http"}`, bearer, 200, `"fetch": "http"`, model.FetchHTTP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.do(t, http.MethodPut, tt.path, strings.NewReader(tt.body), tt.header)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			mustContain(t, tt.name, body, tt.want)
			if got := outletFetch(t, f, "Daily Planet"); got != tt.mode {
				t.Errorf("mode %q, want %q", got, tt.mode)
			}
		})
	}
}
