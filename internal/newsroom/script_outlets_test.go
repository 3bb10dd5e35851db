package newsroom

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestScriptOutlets_TextOnlyThroughScripts: the two script outlets serve
// pages whose HTML holds no paragraph as text, the inline one carrying it
// in its script and the other in its JSON endpoint; the default newsroom
// has neither.
func TestScriptOutlets_TextOnlyThroughScripts(t *testing.T) {
	if got := len(New(Config{Seed: 7}).Outlets()); got != DefaultOutlets {
		t.Fatalf("default newsroom has %d outlets, want %d", got, DefaultOutlets)
	}
	n := started(t, Config{Seed: 7, ScriptOutlets: true})
	outlets := n.Outlets()
	if len(outlets) != DefaultOutlets+2 {
		t.Fatalf("%d outlets, want %d", len(outlets), DefaultOutlets+2)
	}
	byBase := map[string]TruthArticle{}
	for _, a := range n.Truth() {
		for _, o := range outlets[DefaultOutlets:] {
			if strings.HasPrefix(a.URL, o.BaseURL+"/") {
				byBase[o.Style] = a
			}
		}
	}
	for _, style := range []string{"script-inline", "script-json"} {
		a, ok := byBase[style]
		if !ok {
			t.Fatalf("no %s article in the truth", style)
		}
		text := a.Versions[0].Text
		first, _, _ := strings.Cut(text, "\n\n")
		page := fetch(t, a.URL, nil)
		if page.status != 200 {
			t.Fatalf("%s: status %d", a.URL, page.status)
		}
		visible := strings.Split(page.body, "<script")[0]
		if strings.Contains(visible, "<p>"+first) {
			t.Errorf("%s: the first paragraph is in the HTML as text", style)
		}
		if !strings.Contains(page.body, `"articleBody"`) {
			t.Errorf("%s: no articleBody in the schema.org markup", style)
		}
		if style == "script-json" {
			api := fetch(t, strings.Replace(a.URL, "/20", pathStoryAPI+"/20", 1), nil)
			var story struct{ Paragraphs []string }
			if err := json.Unmarshal([]byte(api.body), &story); err != nil || len(story.Paragraphs) == 0 || story.Paragraphs[0] != first {
				t.Errorf("story JSON %q (%v), want the paragraphs", api.body, err)
			}
		}
	}
}
