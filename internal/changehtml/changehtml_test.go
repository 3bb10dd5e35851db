package changehtml

import (
	"strings"
	"testing"

	"github.com/errata/errata/internal/diff"
)

func TestBody_MarksChangesCountsTheRestAndEscapes(t *testing.T) {
	eq := func(s string) []diff.Segment { return []diff.Segment{{Op: diff.Equal, Text: s}} }
	got, err := Body(Change{
		Title: []diff.Segment{{Op: diff.Delete, Text: "<script>old</script>"}, {Op: diff.Insert, Text: "New & better"}},
		Paragraphs: [][]diff.Segment{
			eq("One."), eq("Two."),
			{{Op: diff.Equal, Text: "The vote was "}, {Op: diff.Delete, Text: "7"}, {Op: diff.Insert, Text: "8"}},
			eq("Three."),
		},
		Cut: "the diff stops at 500 paragraphs",
	})
	if err != nil {
		t.Fatal(err)
	}
	html := string(got)
	for _, want := range []string{
		"<p><strong>Headline:</strong> <del>&lt;script&gt;old&lt;/script&gt;</del><ins>New &amp; better</ins></p>",
		"<p><em>[2 unchanged paragraphs]</em></p>",
		"<p>The vote was <del>7</del><ins>8</ins></p>",
		"<p><em>[1 unchanged paragraph]</em></p>",
		"<p><em>the diff stops at 500 paragraphs</em></p>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("body lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "Byline") || strings.Contains(html, "One.") {
		t.Errorf("body shows raw markup, an unchanged byline or an unchanged paragraph:\n%s", html)
	}
}
