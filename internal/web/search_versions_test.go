package web

import (
	"fmt"
	"strings"
	"testing"
)

func TestSearch_TextRemovedLaterOpensTheVersionThatHadIt(t *testing.T) {
	f := newFixture(t, Config{})
	// The mayor's version 2 replaced "7 to 2" with "6 to 3".
	_, body := f.get(t, "/search?q=voted+7+to+2")
	hit := section(t, body, `<ol class="hits">`, "</ol>")
	mustContain(t, "search", hit, "version 1 · <span class=\"removed\">removed in a later version</span>",
		fmt.Sprintf(`<a href="/articles/%d/v/1">Mayor quits after stormy budget vote</a>`, f.mayor.ID))
	if n := strings.Count(hit, "<li>"); n != 1 {
		t.Errorf("%d hits, want one for the article", n)
	}
	// Text the newest version still holds is not marked removed.
	_, body = f.get(t, "/search?q=voted+6+to+3")
	hit = section(t, body, `<ol class="hits">`, "</ol>")
	mustContain(t, "search", hit, fmt.Sprintf(`href="/articles/%d/v/2"`, f.mayor.ID))
	if strings.Contains(hit, "removed in a later version") {
		t.Error("text the newest version holds is marked removed")
	}

	var res apiSearchResults
	getJSON(t, f, "/api/v1/search?q=voted+7+to+2", 200, &res)
	if len(res.Results) != 1 {
		t.Fatalf("API results = %+v", res.Results)
	}
	if h := res.Results[0]; h.Seq != 1 || h.LatestSeq != 2 || !h.RemovedLater || h.VersionURL != fmt.Sprintf("/articles/%d/v/1", f.mayor.ID) {
		t.Errorf("API hit = %+v, want version 1 of 2, removed later", h)
	}
}

// An article edited many times can use up the matches one page reads:
// that page ends early, even empty, and still leads on to the rest.
func TestSearch_PageThatReadsOnlyOneArticlesVersionsStillLeadsOn(t *testing.T) {
	f := newFixture(t, Config{})
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/first", []draft{{"First", "", "Harbour news."}})
	var busy []draft
	for i := range 15 {
		busy = append(busy, draft{"Busy", "", fmt.Sprintf("Harbour news, update %d.", i)})
	}
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/busy", busy)
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/last", []draft{{"Last", "", "Harbour news again."}})

	var found []string
	sawEmpty := false
	path := "/api/v1/search?q=harbour&limit=1"
	for pages := 0; path != ""; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		var res apiSearchResults
		getJSON(t, f, path, 200, &res)
		for _, h := range res.Results {
			found = append(found, h.Title)
		}
		if len(res.Results) == 0 && res.NextCursor != "" {
			sawEmpty = true
			_, page := f.get(t, strings.Replace(path, "/api/v1", "", 1))
			mustContain(t, "empty page", page, "No results in this stretch of the index.", `rel="next">More results →</a>`)
		}
		path = ""
		if res.NextCursor != "" {
			path = "/api/v1/search?q=harbour&limit=1&cursor=" + res.NextCursor
		}
	}
	if strings.Join(found, ",") != "Last,Busy,First" {
		t.Errorf("hits %v, want each article once, newest first", found)
	}
	if !sawEmpty {
		t.Error("no page was used up by the busy article's versions")
	}
}
