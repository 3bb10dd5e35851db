package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestAPI_DiffCarriesSentenceEditsAndMovedParagraphs(t *testing.T) {
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", movedDrafts(longParas, "Storm closes harbour"))
	var d apiDiff
	getJSON(t, f, fmt.Sprintf("/api/v1/articles/%d/diff/0/1", a.ID), 200, &d)

	if len(d.MovedParagraphs) != 1 || d.MovedParagraphs[0] != (apiMove{From: 7, To: 0}) {
		t.Errorf("moved_paragraphs = %+v, want paragraph 7 moved to 0", d.MovedParagraphs)
	}
	if m := d.Rows[0].Moved; m == nil || *m != (apiMove{From: 7, To: 0}) {
		t.Errorf("first row's moved = %+v", m)
	}
	if d.SentenceEditCounts != (apiEditCounts{Added: 1, Edited: 1, Moved: 1}) || d.MoreSentenceEdits != 0 {
		t.Errorf("counts = %+v, more = %d", d.SentenceEditCounts, d.MoreSentenceEdits)
	}
	byAction := map[string]apiSentenceEdit{}
	for _, e := range d.SentenceEdits {
		byAction[e.Action] = e
	}
	if e := byAction["added"]; e.Old != nil || e.New == nil || *e.New != 4 || e.NewText != "Some boats sank." || e.OldText != "" {
		t.Errorf("added edit = %+v", e)
	}
	if e := byAction["edited"]; e.Old == nil || *e.Old != 1 || e.New == nil || *e.New != 2 ||
		!strings.Contains(e.OldText, "further notice") || !strings.Contains(e.NewText, "Thursday") {
		t.Errorf("edited edit = %+v", e)
	}
	if e := byAction["moved"]; e.Old == nil || *e.Old != 7 || e.New == nil || *e.New != 0 {
		t.Errorf("moved edit = %+v", e)
	}

	// The wire names are a contract: an absent sentence is null, not -1.
	_, indented := f.get(t, fmt.Sprintf("/api/v1/articles/%d/diff/0/1", a.ID))
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(indented)); err != nil {
		t.Fatal(err)
	}
	raw := compact.String()
	for _, want := range []string{`"moved_paragraphs":[{"from":7,"to":0}]`, `"action":"added","old":null,"new":4`,
		`"sentence_edit_counts":{"added":1,"deleted":0,"edited":1,"moved":1}`, `"moved":{"from":7,"to":0}`} {
		if !strings.Contains(raw, want) {
			t.Errorf("diff JSON lacks %s", want)
		}
	}
}

func TestAPI_DiffWithoutTextChangesHasEmptyLists(t *testing.T) {
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/headline", []draft{
		{"Old headline", "", "Same text."}, {"New headline", "", "Same text."},
	})
	_, raw := f.get(t, fmt.Sprintf("/api/v1/articles/%d/diff/0/1", a.ID))
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"moved_paragraphs": "[]", "sentence_edits": "[]"} {
		if string(m[k]) != want {
			t.Errorf("%s = %s, want %s", k, m[k], want)
		}
	}
}
