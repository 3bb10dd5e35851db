package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func getJSON(t *testing.T, f *fixture, path string, status int, v any) {
	t.Helper()
	resp, body := f.get(t, path)
	if resp.StatusCode != status {
		t.Fatalf("GET %s = %d, want %d\n%s", path, resp.StatusCode, status, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v\n%s", path, err, body)
	}
}

func TestAPI_ChangesPaginationWalksAllPagesOnce(t *testing.T) {
	f := newFixture(t, Config{})
	for i := range 4 {
		drafts := []draft{{"Story", "", "Start."}}
		for j := 1; j <= 5; j++ {
			drafts = append(drafts, draft{fmt.Sprintf("Story %d take %d", i, j), "", fmt.Sprintf("Start. Take %d.", j)})
		}
		seedArticle(t, f.store, "Wire", fmt.Sprintf("https://wire.example/%d", i), drafts)
	}
	for _, limit := range []int{1, 3, 7, 200} {
		t.Run(fmt.Sprint("limit ", limit), func(t *testing.T) {
			seen := map[string]bool{}
			path := fmt.Sprintf("/api/v1/changes?outlet=Wire&limit=%d", limit)
			for pages := 0; path != ""; pages++ {
				if pages > 30 {
					t.Fatal("pagination does not end")
				}
				var page apiChangeList
				getJSON(t, f, path, 200, &page)
				if len(page.Changes) > limit {
					t.Fatalf("%d changes on a page of %d", len(page.Changes), limit)
				}
				for _, c := range page.Changes {
					key := fmt.Sprint(c.ArticleID, "/", c.Seq)
					if seen[key] {
						t.Fatalf("change %s on two pages", key)
					}
					seen[key] = true
				}
				path = ""
				if page.NextCursor != "" {
					path = fmt.Sprintf("/api/v1/changes?outlet=Wire&limit=%d&cursor=%s", limit, url.QueryEscape(page.NextCursor))
				}
			}
			if len(seen) != 20 {
				t.Errorf("walked %d changes, want 20", len(seen))
			}
		})
	}
}

func TestAPI_ArticlesPaginationWalksAllPagesOnce(t *testing.T) {
	f := newFixture(t, Config{})
	for i := range 9 {
		seedArticle(t, f.store, "Wire", fmt.Sprintf("https://wire.example/%d", i), []draft{{"T", "", "x"}})
	}
	seen := map[int64]bool{}
	path := "/api/v1/articles?limit=4"
	for path != "" {
		var page apiArticleList
		getJSON(t, f, path, 200, &page)
		for _, a := range page.Articles {
			if seen[a.ID] {
				t.Fatalf("article %d twice", a.ID)
			}
			seen[a.ID] = true
		}
		path = ""
		if page.NextCursor != "" {
			path = "/api/v1/articles?limit=4&cursor=" + url.QueryEscape(page.NextCursor)
		}
	}
	if len(seen) != 11 {
		t.Errorf("walked %d articles, want 11", len(seen))
	}
}

func TestAPI_EndpointsMirrorPages(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID

	var art apiArticleDetail
	getJSON(t, f, fmt.Sprintf("/api/v1/articles/%d", id), 200, &art)
	if art.Outlet != "Daily Planet" || art.Changes != 2 || len(art.VersionList) != 3 || art.VersionList[0].Seq != 0 ||
		art.Status == "" || art.LastChanged == "" || art.Title != "Mayor quits after stormy budget vote" {
		t.Errorf("article = %+v", art)
	}
	var vs apiVersionList
	getJSON(t, f, fmt.Sprintf("/api/v1/articles/%d/versions", id), 200, &vs)
	if len(vs.Versions) != 3 || vs.Versions[2].Text != nil {
		t.Errorf("versions = %+v", vs)
	}
	var v apiVersion
	getJSON(t, f, fmt.Sprintf("/api/v1/articles/%d/versions/2", id), 200, &v)
	if v.Text == nil || !strings.Contains(*v.Text, "Correction:") || v.Classes[0] == "" {
		t.Errorf("version = %+v", v)
	}
	var d apiDiff
	getJSON(t, f, fmt.Sprintf("/api/v1/articles/%d/diff/0/1", id), 200, &d)
	if len(d.Title) == 0 || len(d.Rows) != 3 || d.Rows[0].Right[1].Op != "insert" {
		t.Errorf("diff = %+v", d)
	}
	var os apiOutletList
	getJSON(t, f, "/api/v1/outlets", 200, &os)
	if len(os.Outlets) != 2 {
		t.Errorf("outlets = %+v", os)
	}
	var o apiOutlet
	getJSON(t, f, "/api/v1/outlets/Daily%20Planet", 200, &o)
	if o.Changes != 2 || o.Articles != 1 {
		t.Errorf("outlet = %+v", o)
	}
	var hits apiSearchResults
	getJSON(t, f, "/api/v1/search?q=council", 200, &hits)
	if len(hits.Results) != 1 || hits.Results[0].ArticleID != id || strings.ContainsAny(hits.Results[0].Snippet, "\x01\x02") {
		t.Errorf("search = %+v", hits)
	}
}

func TestAPI_ErrorsAreJSON(t *testing.T) {
	f := newFixture(t, Config{})
	tests := []struct {
		path   string
		status int
	}{
		{"/api/v1/articles/999", 404},
		{"/api/v1/articles/x/versions", 404},
		{"/api/v1/articles/1/versions/99", 404},
		{"/api/v1/articles/1/diff/2/1", 400},
		{"/api/v1/changes?cursor=bm9wZQ", 400},
		{"/api/v1/changes?cursor=" + encodeArticleCursor(5), 400},
		{"/api/v1/changes?limit=-1", 400},
		{"/api/v1/changes?limit=abc", 400},
		{"/api/v1/articles?outlet=Nope", 404},
		{"/api/v1/outlets/Nope", 404},
		{"/api/v1/nothing", 404},
	}
	for _, tt := range tests {
		var e apiError
		getJSON(t, f, tt.path, tt.status, &e)
		if e.Error == "" {
			t.Errorf("%s: no error message", tt.path)
		}
	}
}

func TestAPI_LimitIsCapped(t *testing.T) {
	f := newFixture(t, Config{})
	if n, _ := limitParam(httptestRequest("/api/v1/changes?limit=100000")); n != maxLimit {
		t.Errorf("limit = %d, want %d", n, maxLimit)
	}
	var page apiChangeList
	getJSON(t, f, "/api/v1/changes?limit=100000", 200, &page)
}
