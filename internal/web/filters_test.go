package web

import (
	"fmt"
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"
)

const allowedClasses = "headline, byline, correction, stealth, text_added, text_removed, text_rewritten, minor"

func TestFilters_UnknownValuesAre400NamingTheAllowedOnes(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	tests := []struct {
		path string
		want []string // in the one-line message
	}{
		{"/api/v1/changes?class=bogus", []string{`class "bogus" is not one of ` + allowedClasses}},
		{"/api/v1/changes?class=headline,bogus", []string{`"bogus"`, allowedClasses}},
		{"/api/v1/changes?class=headline&class=Headline", []string{`"Headline"`}},
		{"/api/v1/changes?minor=maybe", []string{`minor "maybe"`, "1, 0, true, false, yes, no, on or off"}},
		{"/api/v1/changes?limit=0", []string{"from 1 to 200"}},
		{"/api/v1/search?q=vote&limit=ten", []string{"from 1 to 200"}},
		{"/api/v1/search?q=vote&cursor=" + encodeArticleCursor(3), []string{"cursor"}},
		{"/api/v1/outlets?limit=-2", []string{"from 1 to 200"}},
		{"/api/v1/outlets?cursor=bm9wZQ", []string{"cursor"}},
		{fmt.Sprintf("/api/v1/articles/%d/versions?cursor=%s", id, encodeArticleCursor(1)), []string{"cursor"}},
		{"/?class=bogus", []string{allowedClasses}},
		{"/?minor=maybe", []string{"1, 0, true, false, yes, no, on or off"}},
		{"/?limit=many", []string{"from 1 to 200"}},
		{"/outlets?limit=0", []string{"from 1 to 200"}},
		{"/outlets/Daily%20Planet?limit=x", []string{"from 1 to 200"}},
		{"/search?q=vote&cursor=xyz", []string{"cursor"}},
		{fmt.Sprintf("/articles/%d/diff/0/1?view=table", id), []string{`view "table" is not one of side, inline`}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400\n%s", resp.StatusCode, body)
			}
			msg := body
			if strings.HasPrefix(tt.path, "/api/") {
				var e apiError
				getJSON(t, f, tt.path, http.StatusBadRequest, &e)
				msg = e.Error
				if strings.Contains(msg, "\n") {
					t.Errorf("message is not one line: %q", msg)
				}
			} else {
				mustContain(t, tt.path, body, "<h1>Bad Request</h1>")
				msg = html.UnescapeString(body)
			}
			mustContain(t, tt.path, msg, tt.want...)
		})
	}
}

// changeKeys lists the changes an API answer holds, as "article/seq".
func changeKeys(t *testing.T, f *fixture, path string) []string {
	t.Helper()
	var page apiChangeList
	getJSON(t, f, path, http.StatusOK, &page)
	var keys []string
	for _, c := range page.Changes {
		keys = append(keys, fmt.Sprint(c.ArticleID, "/", c.Seq))
	}
	slices.Sort(keys)
	return keys
}

func TestFilters_BooleansTakeTheUsualSpellings(t *testing.T) {
	f := newFixture(t, Config{})
	typo := seedArticle(t, f.store, "Daily Planet", "https://planet.example/typo", []draft{
		{"Bridge opens", "", "The bridge opend on Monday."},
		{"Bridge opens", "", "The bridge opened on Monday."},
	})
	minor := fmt.Sprint(typo.ID, "/1")
	for _, v := range []string{"1", "true", "TRUE", "yes", "Yes", "on"} {
		if keys := changeKeys(t, f, "/api/v1/changes?minor="+v); !slices.Contains(keys, minor) {
			t.Errorf("minor=%s: minor edit missing from %v", v, keys)
		}
	}
	for _, v := range []string{"", "0", "false", "no", "off", "OFF"} {
		if keys := changeKeys(t, f, "/api/v1/changes?minor="+v); slices.Contains(keys, minor) {
			t.Errorf("minor=%s: minor edit listed", v)
		}
	}
	if _, body := f.get(t, "/?minor=yes"); !strings.Contains(body, fmt.Sprintf("/articles/%d/diff/0/1", typo.ID)) {
		t.Error("page with minor=yes leaves out the minor edit")
	}
}

func TestFilters_ClassListMatchesAnyOfItsClasses(t *testing.T) {
	f := newFixture(t, Config{})
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/typo", []draft{
		{"Bridge opens", "", "The bridge opend on Monday."},
		{"Bridge opens", "", "The bridge opened on Monday."},
	})
	var union []string
	for _, c := range []string{"headline", "byline", "minor"} {
		keys := changeKeys(t, f, "/api/v1/changes?class="+c)
		if len(keys) == 0 {
			t.Fatalf("class=%s finds nothing; the test proves nothing", c)
		}
		for _, k := range keys {
			if !slices.Contains(union, k) {
				union = append(union, k)
			}
		}
	}
	slices.Sort(union)
	for _, q := range []string{"class=headline,byline,minor", "class=minor,%20byline,headline", "class=headline&class=byline,minor"} {
		if got := changeKeys(t, f, "/api/v1/changes?"+q); !slices.Equal(got, union) {
			t.Errorf("%s = %v, want the union %v", q, got, union)
		}
	}
	_, body := f.get(t, "/?class=byline,headline")
	mustContain(t, "page", body, `<option value="headline,byline" selected>Headline or Byline</option>`)
}
