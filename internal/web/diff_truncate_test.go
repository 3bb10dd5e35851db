package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/errata/errata/internal/diff"
)

// rewrittenDrafts is an article of n paragraphs, then the same article
// rewritten from top to bottom with nothing in common.
func rewrittenDrafts(n int) []draft {
	old, cur := make([]string, n), make([]string, n)
	for i := range n {
		old[i] = fmt.Sprintf("Paragraph %d of the first report quoted the harbour master at length.", i)
		cur[i] = fmt.Sprintf("Update %d: ferries resumed w%d x%d.", i, i, i*7)
	}
	return []draft{
		{"Harbour closed", "", strings.Join(old, "\n\n")},
		{"Harbour reopens", "", strings.Join(cur, "\n\n")},
	}
}

func TestDiff_RewriteBeyondTheCapCarriesTheTruncationNote(t *testing.T) {
	f := newFixture(t, Config{})
	const n = 400
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", rewrittenDrafts(n))
	// n removed and n added paragraphs, none alike, are 2n rows side by
	// side and 2n paragraphs inline.
	sideNote := fmt.Sprintf("diff truncated: %d more changed paragraphs, see the full texts", 2*n-diff.MaxChangedParagraphs)
	inlineNote := sideNote
	path := fmt.Sprintf("/articles/%d/diff/0/1", a.ID)

	_, body := f.get(t, path)
	mustContain(t, path, body, sideNote, fmt.Sprintf(`href="/articles/%d/v/0"`, a.ID), fmt.Sprintf(`href="/articles/%d/v/1"`, a.ID))
	if rows := strings.Count(body, `class="sbs-row"`); rows != diff.MaxChangedParagraphs {
		t.Errorf("%d changed rows on the page, want %d", rows, diff.MaxChangedParagraphs)
	}
	if strings.Contains(body, fmt.Sprintf("Update %d:", n-1)) {
		t.Error("a paragraph past the cap is on the page")
	}
	_, body = f.get(t, path+"?view=inline")
	mustContain(t, path+"?view=inline", body, inlineNote)

	var got apiDiff
	getJSON(t, f, "/api/v1"+path, 200, &got)
	if got.Truncated == nil || got.Truncated.MoreChangedParagraphs != 2*n-diff.MaxChangedParagraphs || got.Truncated.Note != sideNote {
		t.Errorf("API truncated = %+v, want %d more and %q", got.Truncated, 2*n-diff.MaxChangedParagraphs, sideNote)
	}
	if len(got.Rows) != diff.MaxChangedParagraphs {
		t.Errorf("API has %d rows, want %d", len(got.Rows), diff.MaxChangedParagraphs)
	}
}

func TestDiff_ShortDiffIsWhole(t *testing.T) {
	f := newFixture(t, Config{})
	path := fmt.Sprintf("/articles/%d/diff/0/2", f.mayor.ID)
	if _, body := f.get(t, path); strings.Contains(body, "diff truncated") {
		t.Error("a short diff says it is truncated")
	}
	_, raw := f.get(t, "/api/v1"+path)
	if strings.Contains(raw, `"truncated"`) {
		t.Errorf("a short diff carries a truncated field: %s", raw)
	}
}
