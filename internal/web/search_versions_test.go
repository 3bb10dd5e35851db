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
