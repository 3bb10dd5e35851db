package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// walk follows next_cursor from path until the last page and returns
// every page's items, failing when a page is longer than limit.
func walk[P any](t *testing.T, f *fixture, path string, limit int, items func(P) []string, next func(P) string) []string {
	t.Helper()
	var all []string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	first := fmt.Sprintf("%s%slimit=%d", path, sep, limit)
	for page, p := 0, first; p != ""; page++ {
		if page > 40 {
			t.Fatal("pagination does not end")
		}
		var body P
		getJSON(t, f, p, http.StatusOK, &body)
		got := items(body)
		if len(got) > limit {
			t.Fatalf("%s: %d items on a page of %d", p, len(got), limit)
		}
		all = append(all, got...)
		p = ""
		if c := next(body); c != "" {
			p = first + "&cursor=" + url.QueryEscape(c)
		}
	}
	return all
}

func onceEach(t *testing.T, what string, items []string, want int) {
	t.Helper()
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it] {
			t.Errorf("%s: %s on two pages", what, it)
		}
		seen[it] = true
	}
	if len(seen) != want {
		t.Errorf("%s: walked %d, want %d", what, len(seen), want)
	}
}

func TestAPI_SearchHonoursLimitAndCursor(t *testing.T) {
	f := newFixture(t, Config{})
	for i := range 9 {
		seedArticle(t, f.store, "Wire", fmt.Sprintf("https://wire.example/%d", i), []draft{
			{"Harbour", "", "The harbour closed."}, {fmt.Sprintf("Harbour %d", i), "", "The harbour reopened."}})
	}
	var page apiSearchResults
	getJSON(t, f, "/api/v1/search?q=harbour&limit=2", http.StatusOK, &page)
	if len(page.Results) != 2 || page.NextCursor == "" {
		t.Fatalf("limit=2 gave %d hits, cursor %q", len(page.Results), page.NextCursor)
	}
	for _, limit := range []int{1, 2, 4, 9, 200} {
		hits := walk(t, f, "/api/v1/search?q=harbour", limit,
			func(p apiSearchResults) []string {
				var ids []string
				for _, h := range p.Results {
					ids = append(ids, fmt.Sprint(h.ArticleID))
				}
				return ids
			},
			func(p apiSearchResults) string { return p.NextCursor })
		onceEach(t, fmt.Sprint("search, limit ", limit), hits, 9)
	}
}

func TestAPI_OutletsAndVersionsHonourLimitAndCursor(t *testing.T) {
	f := newFixture(t, Config{})
	for i := range 5 {
		seedArticle(t, f.store, fmt.Sprintf("Outlet %d", i), fmt.Sprintf("https://o%d.example/a", i), []draft{{"T", "", "x"}})
	}
	var drafts []draft
	for i := range 7 {
		drafts = append(drafts, draft{fmt.Sprintf("Take %d", i), "", fmt.Sprintf("Text %d.", i)})
	}
	long := seedArticle(t, f.store, "Wire", "https://wire.example/long", drafts)
	for _, limit := range []int{1, 3, 8} {
		outlets := walk(t, f, "/api/v1/outlets", limit,
			func(p apiOutletList) []string {
				var names []string
				for _, o := range p.Outlets {
					names = append(names, o.Name)
				}
				return names
			},
			func(p apiOutletList) string { return p.NextCursor })
		onceEach(t, fmt.Sprint("outlets, limit ", limit), outlets, 8)
		for i := 1; i < len(outlets); i++ {
			if outlets[i] < outlets[i-1] {
				t.Errorf("outlets not by name: %q after %q", outlets[i], outlets[i-1])
			}
		}
		versions := walk(t, f, fmt.Sprintf("/api/v1/articles/%d/versions", long.ID), limit,
			func(p apiVersionList) []string {
				var seqs []string
				for _, v := range p.Versions {
					seqs = append(seqs, fmt.Sprint(v.Seq))
				}
				return seqs
			},
			func(p apiVersionList) string { return p.NextCursor })
		if got := strings.Join(versions, " "); got != "0 1 2 3 4 5 6" {
			t.Errorf("versions, limit %d = %s", limit, got)
		}
	}
}

// nextLink returns the href of the page's rel="next" link, or "".
func nextLink(body string) string {
	i := strings.Index(body, `rel="next"`)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(body[:i], `href="`) + len(`href="`)
	return strings.ReplaceAll(body[start:strings.Index(body[start:], `"`)+start], "&amp;", "&")
}

func TestPages_ListsHonourLimitAndCursor(t *testing.T) {
	f := newFixture(t, Config{})
	council := seedArticle(t, f.store, "Daily Planet", "https://planet.example/council", []draft{{"Council meets", "", "The council met."}})
	tests := []struct {
		path         string
		first, later string // text only on the first page, only on the second
	}{
		{"/outlets?limit=1", ">Daily Planet<", ">Evil &lt;b&gt;Outlet&lt;/b&gt;<"},
		{"/outlets/Daily%20Planet?limit=1", fmt.Sprintf(`<a href="/articles/%d">Council meets</a>`, council.ID),
			fmt.Sprintf(`<a href="/articles/%d">Mayor quits after stormy budget vote</a>`, f.mayor.ID)},
		{"/search?q=council&limit=1", ">Council meets<", ">Mayor quits after stormy budget vote<"},
		{"/?limit=1&minor=1", "/diff/1/2", "/diff/0/1"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, body := f.get(t, tt.path)
			next := nextLink(body)
			if !strings.Contains(body, tt.first) || strings.Contains(body, tt.later) || next == "" {
				t.Fatalf("first page: has %q %v, has %q %v, next %q", tt.first, strings.Contains(body, tt.first),
					tt.later, strings.Contains(body, tt.later), next)
			}
			if !strings.HasPrefix(next, "/") || !strings.Contains(next, "limit=1") {
				t.Fatalf("next link %q is not local or drops the limit", next)
			}
			resp, body := f.get(t, next)
			if resp.StatusCode != http.StatusOK || !strings.Contains(body, tt.later) || strings.Contains(body, tt.first) {
				t.Errorf("second page %s = %d, does not continue where the first stopped", next, resp.StatusCode)
			}
		})
	}
}

func TestSearch_HitOpensTheVersionThatMatched(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	_, body := f.get(t, "/search?q=misstated")
	mustContain(t, "page", body, fmt.Sprintf(`<a href="/articles/%d/v/2">Mayor quits after stormy budget vote</a>`, id),
		fmt.Sprintf(`<a href="/articles/%d">history</a>`, id))
	var hits apiSearchResults
	getJSON(t, f, "/api/v1/search?q=misstated", http.StatusOK, &hits)
	if len(hits.Results) != 1 || hits.Results[0].VersionURL != fmt.Sprintf("/articles/%d/v/2", id) ||
		hits.Results[0].APIVersionURL != fmt.Sprintf("/api/v1/articles/%d/versions/2", id) {
		t.Errorf("hits = %+v", hits.Results)
	}
}

func TestDiff_PermalinkKeepsTheView(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	_, body := f.get(t, fmt.Sprintf("/articles/%d/diff/1/2?view=inline", id))
	mustContain(t, "inline", body, fmt.Sprintf(`<a href="/articles/%d/diff/1/2?view=inline">Permalink</a>`, id),
		fmt.Sprintf(`<a href="/articles/%d/diff/1/2">Side by side</a>`, id))
	for _, side := range []string{"", "?view=side"} {
		_, body = f.get(t, fmt.Sprintf("/articles/%d/diff/1/2%s", id, side))
		mustContain(t, "side by side"+side, body, fmt.Sprintf(`<a href="/articles/%d/diff/1/2">Permalink</a>`, id))
	}
	resp, _ := f.get(t, fmt.Sprintf("/articles/%d/diff/2/1?view=inline", id))
	if loc := resp.Header.Get("Location"); loc != fmt.Sprintf("/articles/%d/diff/1/2?view=inline", id) {
		t.Errorf("reversed inline diff redirects to %q", loc)
	}
}

// A cursor is read only by the list that made it: a search page's cursor
// given to the sources list is a 400, not a position in it.
func TestCursors_OneListsCursorIsNotAnothers(t *testing.T) {
	f := newFixture(t, Config{})
	if resp, body := f.get(t, "/api/v1/sources?cursor="+encodeIDCursor(cursorHits, 5)); resp.StatusCode != 400 {
		t.Errorf("sources with a search cursor = %d: %s", resp.StatusCode, body)
	}
	if resp, _ := f.get(t, "/api/v1/sources?cursor="+encodeSourceCursor(5)); resp.StatusCode != 200 {
		t.Errorf("sources with its own cursor = %d", resp.StatusCode)
	}
}
