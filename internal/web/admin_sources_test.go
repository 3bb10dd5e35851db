package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

// failingSource adds a feed of Daily Planet whose last poll failed with a
// message holding markup, and credits the mayor article to it.
func failingSource(t *testing.T, f *fixture) model.Source {
	t.Helper()
	ctx := context.Background()
	src, _, err := f.store.AddSource(ctx, model.Source{OutletID: f.mayor.OutletID, URL: "https://planet.example/feed.xml",
		Kind: model.SourceFeed, NextPoll: t0})
	if err != nil {
		t.Fatal(err)
	}
	src.Errors, src.LastPolled, src.LastError = 2, t0, `server answered HTTP 503 <b>Service Unavailable</b>`
	if err := f.store.UpdateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	// A second article the feed found, so removing it has one to hold.
	if _, _, err := f.store.AddArticle(ctx, model.Article{OutletID: f.mayor.OutletID, URL: "https://planet.example/found",
		SourceID: src.ID, FirstSeen: t0, NextCheck: t0}); err != nil {
		t.Fatal(err)
	}
	return src
}

func TestAdmin_SourcesPageListsErrorsAndPausesResumesRemoves(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	src := failingSource(t, f)
	ctx := context.Background()

	resp, body := f.get(t, "/admin/sources")
	if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET /admin/sources = %d, cache %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
	mustContain(t, "sources page", body, "https://planet.example/feed.xml", "Daily Planet", "failing",
		"server answered HTTP 503 &lt;b&gt;Service Unavailable&lt;/b&gt;", fmt.Sprintf(`formaction="/admin/sources/%d/pause"`, src.ID),
		fmt.Sprintf(`formaction="/admin/sources/%d/remove"`, src.ID), `name="token"`)

	pause := fmt.Sprintf("/admin/sources/%d/pause", src.ID)
	tests := []struct {
		name   string
		path   string
		header http.Header
		token  string
		status int
		want   string
	}{
		{"wrong token", pause, formHeader, "nope", 401, "admin token"},
		{"cross-site post", pause, withHeader("Sec-Fetch-Site", "cross-site"), "s3cret", 403, "cross-origin"},
		{"unknown source", "/admin/sources/999/pause", formHeader, "s3cret", 404, "source not found"},
		{"unknown action", fmt.Sprintf("/admin/sources/%d/shred", src.ID), formHeader, "s3cret", 404, "not found"},
		{"pause", pause, formHeader, "s3cret", 200, "Paused the feed"},
	}
	for _, tt := range tests {
		resp, body := f.do(t, http.MethodPost, tt.path, form("token", tt.token), tt.header)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d, want %d with %q", tt.name, resp.StatusCode, tt.status, tt.want)
		}
	}
	if got, _ := f.store.Source(ctx, src.ID); !got.Paused {
		t.Fatal("pause did not pause the source")
	}
	_, body = f.get(t, "/admin/sources")
	mustContain(t, "paused source", body, fmt.Sprintf(`formaction="/admin/sources/%d/resume"`, src.ID), "state-paused")

	resp, _ = f.do(t, http.MethodPost, fmt.Sprintf("/admin/sources/%d/resume", src.ID), form("token", "s3cret"), formHeader)
	if got, _ := f.store.Source(ctx, src.ID); resp.StatusCode != 200 || got.Paused {
		t.Fatalf("resume = %d, paused %v", resp.StatusCode, got.Paused)
	}
	resp, body = f.do(t, http.MethodPost, fmt.Sprintf("/admin/sources/%d/remove", src.ID), form("token", "s3cret"), formHeader)
	if resp.StatusCode != 200 || !strings.Contains(body, "The article it found is no longer checked") {
		t.Fatalf("remove = %d:\n%s", resp.StatusCode, body)
	}
	if _, err := f.store.Source(ctx, src.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removed source still there: %v", err)
	}
	if vs, _ := f.store.Versions(ctx, f.mayor.ID); len(vs) != len(mayorDrafts) {
		t.Errorf("versions after remove = %d, want %d", len(vs), len(mayorDrafts))
	}
}

func TestAdmin_SourcesPageNeedsAToken(t *testing.T) {
	f := newFixture(t, Config{})
	failingSource(t, f)
	if resp, _ := f.get(t, "/admin/sources"); resp.StatusCode != 404 {
		t.Errorf("GET /admin/sources without a token configured = %d, want 404", resp.StatusCode)
	}
	if resp, _ := f.do(t, http.MethodPost, "/admin/sources/1/pause", form("token", ""), formHeader); resp.StatusCode != 404 {
		t.Errorf("POST without a token configured = %d, want 404", resp.StatusCode)
	}
}

func TestAPI_SourcesListAndTokenProtectedActions(t *testing.T) {
	f := newFixture(t, Config{AdminToken: "s3cret"})
	src := failingSource(t, f)
	bearer := http.Header{"Authorization": {"Bearer s3cret"}}

	resp, body := f.get(t, "/api/v1/sources")
	var list apiSourceList
	if err := json.Unmarshal([]byte(body), &list); err != nil || resp.StatusCode != 200 || len(list.Sources) != 1 {
		t.Fatalf("GET /api/v1/sources = %d %v:\n%s", resp.StatusCode, err, body)
	}
	want := apiSource{ID: src.ID, Outlet: "Daily Planet", Kind: "feed", URL: src.URL, State: "failing",
		LastPoll: isoDate(t0), LastError: src.LastError, Errors: 2, Articles: 1, NextPoll: isoDate(t0)}
	if list.Sources[0] != want {
		t.Errorf("source = %+v\nwant %+v", list.Sources[0], want)
	}

	pause := fmt.Sprintf("/api/v1/sources/%d/pause", src.ID)
	if resp, _ := f.do(t, http.MethodPost, pause, nil, nil); resp.StatusCode != 401 {
		t.Errorf("pause without the token = %d, want 401", resp.StatusCode)
	}
	resp, body = f.do(t, http.MethodPost, pause, nil, bearer)
	var got apiSource
	if err := json.Unmarshal([]byte(body), &got); err != nil || resp.StatusCode != 200 || got.State != "paused" || got.NextPoll != "" {
		t.Errorf("pause = %d %+v %v", resp.StatusCode, got, err)
	}
	if resp, _ := f.do(t, http.MethodPost, pause+"?purge=true", nil, bearer); resp.StatusCode != 400 {
		t.Errorf("pause?purge=true = %d, want 400", resp.StatusCode)
	}
	if resp, _ := f.do(t, http.MethodPost, "/api/v1/sources/999/resume", nil, bearer); resp.StatusCode != 404 {
		t.Errorf("resume of an unknown source = %d, want 404", resp.StatusCode)
	}

	// Articles: the state shows in the article endpoints.
	art := fmt.Sprintf("/api/v1/articles/%d", f.mayor.ID)
	resp, body = f.do(t, http.MethodPost, art+"/pause", nil, bearer)
	if resp.StatusCode != 200 || !strings.Contains(body, `"state": "paused"`) {
		t.Errorf("article pause = %d:\n%s", resp.StatusCode, body)
	}
	_, body = f.get(t, art)
	mustContain(t, "paused article", body, `"state": "paused"`, "Paused by hand")
	_, body = f.get(t, fmt.Sprintf("/articles/%d", f.mayor.ID))
	mustContain(t, "paused article page", body, "Paused by hand")

	resp, body = f.do(t, http.MethodPost, art+"/remove?purge=true", nil, bearer)
	var removed apiRemoved
	if err := json.Unmarshal([]byte(body), &removed); err != nil || resp.StatusCode != 200 || removed.Purged == nil ||
		removed.Purged.Versions != len(mayorDrafts) {
		t.Fatalf("article purge = %d %+v %v", resp.StatusCode, removed, err)
	}
	if resp, _ := f.get(t, art); resp.StatusCode != 404 {
		t.Errorf("purged article = %d, want 404", resp.StatusCode)
	}

	resp, body = f.do(t, http.MethodPost, fmt.Sprintf("/api/v1/sources/%d/remove", src.ID), nil, bearer)
	removed = apiRemoved{}
	if err := json.Unmarshal([]byte(body), &removed); err != nil || resp.StatusCode != 200 || removed.Articles != 1 || removed.Purged != nil {
		t.Errorf("source remove = %d %+v %v", resp.StatusCode, removed, err)
	}
}
