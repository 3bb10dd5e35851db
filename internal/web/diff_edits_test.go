package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// longParas are the paragraphs of a long article: enough that a change
// near its top leaves a long unchanged stretch below.
var longParas = []string{
	"The harbour authority closed the port on Monday after the storm.",
	"Ferries to the islands were cancelled until further notice.",
	"Fishermen said the damage to the pier was the worst in decades.",
	"The council will meet on Friday to discuss repairs.",
	"Engineers are expected to inspect the breakwater this week.",
	"Shops along the quay reported flooding up to a metre deep.",
	"Insurance claims are expected to run into the millions.",
	"A spokesperson for the ferry company apologised to travellers.",
}

// movedDrafts: version 1 moves the last paragraph to the top, edits the
// second and adds a sentence to the third; the rest is unchanged.
func movedDrafts(paras []string, title string) []draft {
	moved := append([]string{paras[7]}, paras[:7]...)
	moved[2] = strings.Replace(moved[2], "until further notice", "until Thursday", 1)
	moved[3] += " Some boats sank."
	return []draft{
		{title, "", strings.Join(paras, "\n\n")},
		{title, "", strings.Join(moved, "\n\n")},
		{title + " (updated)", "", strings.Join(moved, "\n\n") + "\n\nRepairs begin next month."},
	}
}

// section returns the part of body from the first from to the next to.
func section(t *testing.T, body, from, to string) string {
	t.Helper()
	i := strings.Index(body, from)
	if i < 0 {
		t.Fatalf("page has no %q", from)
	}
	rest := body[i:]
	if j := strings.Index(rest[len(from):], to); j >= 0 {
		return rest[:len(from)+j]
	}
	return rest
}

func TestDiffPage_MovedParagraphShownOnceAsMoved(t *testing.T) {
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", movedDrafts(longParas, "Storm closes harbour"))
	for _, view := range []string{"", "?view=inline"} {
		path := fmt.Sprintf("/articles/%d/diff/0/1%s", a.ID, view)
		_, body := f.get(t, path)
		mustContain(t, path, body, fmt.Sprintf(`Moved from <a href="/articles/%d/v/0#p8">paragraph 8 of version 0</a>`, a.ID))
		if n := strings.Count(body, "Moved from"); n != 1 {
			t.Errorf("%s: %d moved notes, want 1", path, n)
		}
		moved := "A spokesperson for the ferry company apologised to travellers."
		for _, bad := range []string{"<del>" + moved, "<ins>" + moved} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: the moved paragraph is shown as deleted or inserted: %q", path, bad)
			}
		}
	}
	// The paragraph the note links to is there on the version page.
	_, body := f.get(t, fmt.Sprintf("/articles/%d/v/0", a.ID))
	mustContain(t, "version 0", body, `<p id="p8">A spokesperson for the ferry company`)
}

func TestDiffPage_LongUnchangedStretchCollapses(t *testing.T) {
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", movedDrafts(longParas, "Storm closes harbour"))
	// Version 1 to 2 adds a paragraph at the end and changes the
	// headline: the eight paragraphs above it are unchanged, the last of
	// them stays open as context.
	for _, view := range []string{"", "?view=inline"} {
		path := fmt.Sprintf("/articles/%d/diff/1/2%s", a.ID, view)
		_, body := f.get(t, path)
		mustContain(t, path, body, "<summary>7 unchanged paragraphs</summary>")
		folded := section(t, body, "<details", "</details>")
		if !strings.Contains(folded, "The harbour authority closed the port") || strings.Contains(folded, "Insurance claims") {
			t.Errorf("%s: the fold holds the wrong paragraphs:\n%s", path, folded)
		}
		after := body[strings.Index(body, "</details>"):]
		mustContain(t, path+" after the fold", after, "Insurance claims", "<ins>Repairs begin next month.</ins>")
	}
	// A short diff folds nothing.
	_, body := f.get(t, fmt.Sprintf("/articles/%d/diff/0/1", f.mayor.ID))
	if strings.Contains(body, "<details") {
		t.Error("a three-paragraph diff folds paragraphs")
	}
}

func TestDiffPage_ListsSentenceEditsWithCounts(t *testing.T) {
	f := newFixture(t, Config{})
	a := seedArticle(t, f.store, "Daily Planet", "https://planet.example/harbour", movedDrafts(longParas, "Storm closes harbour"))
	path := fmt.Sprintf("/articles/%d/diff/0/1", a.ID)
	_, body := f.get(t, path)
	edits := section(t, body, `<section class="edits">`, "</section>")
	mustContain(t, path, edits,
		`<span class="edit-added">1 added</span>`, `<span class="edit-deleted">0 deleted</span>`,
		`<span class="edit-edited">1 edited</span>`, `<span class="edit-moved">1 moved</span>`,
		`<li class="edit edit-added"><span class="tag">added</span> <ins>Some boats sank.</ins></li>`,
		`<li class="edit edit-moved"><span class="tag">moved</span> A spokesperson for the ferry company apologised to travellers.</li>`,
		"<del>further notice</del>", "<ins>Thursday</ins>",
	)
	// A headline-only change lists no sentence edits.
	b := seedArticle(t, f.store, "Daily Planet", "https://planet.example/headline", []draft{
		{"Old headline", "", "Same text."}, {"New headline", "", "Same text."},
	})
	_, body = f.get(t, fmt.Sprintf("/articles/%d/diff/0/1", b.ID))
	if strings.Contains(body, `class="edits"`) {
		t.Error("a headline-only change lists sentence edits")
	}
}

func TestDiffPage_UntrustedTextEscapedInEveryNewPlace(t *testing.T) {
	f := newFixture(t, Config{})
	hostile := make([]string, len(longParas))
	for i, p := range longParas {
		hostile[i] = fmt.Sprintf("%s <script>alert(%d)</script>", p, i)
	}
	a := seedArticle(t, f.store, "Evil <b>Outlet</b>", "https://evil.example/x", movedDrafts(hostile, xssTitle))
	places := map[string][2]string{
		"moved row":      {"Moved from", "</div>"},
		"sentence edits": {`<section class="edits">`, "</section>"},
		"picker":         {`<form class="picker"`, "</form>"},
	}
	for _, view := range []string{"", "?view=inline"} {
		for _, pair := range []string{"0/1", "1/2"} {
			path := fmt.Sprintf("/articles/%d/diff/%s%s", a.ID, pair, view)
			_, body := f.get(t, path)
			for _, raw := range []string{"<script>", "<b>Outlet"} {
				if strings.Contains(body, raw) {
					t.Errorf("%s holds %q unescaped", path, raw)
				}
			}
			want := places
			if pair == "1/2" {
				want = map[string][2]string{"unchanged stretch": {"<details", "</details>"}, "picker": places["picker"]}
			}
			for name, m := range want {
				if s := section(t, body, m[0], m[1]); !strings.Contains(s, "&lt;script&gt;alert(") {
					t.Errorf("%s: %s does not show the escaped markup:\n%s", path, name, s)
				}
			}
		}
	}
	_, body := f.get(t, fmt.Sprintf("/articles/%d", a.ID))
	picker := section(t, body, `<form class="picker"`, "</form>")
	if strings.Contains(picker, "<script>") || !strings.Contains(picker, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the article page's picker does not escape titles:\n%s", picker)
	}
}

func TestPicker_FormOnArticleAndDiffPages(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	action := fmt.Sprintf(`<form class="picker" method="get" action="/articles/%d/diff">`, id)
	_, body := f.get(t, fmt.Sprintf("/articles/%d", id))
	mustContain(t, "article page", body, action, `<option value="1" selected>`, `<option value="2" selected>`)
	_, body = f.get(t, fmt.Sprintf("/articles/%d/diff/0/2?view=inline", id))
	mustContain(t, "diff page", body, action, `<option value="0" selected>`, `<option value="2" selected>`,
		`<input type="hidden" name="view" value="inline">`)
	// One version: nothing to compare, no form.
	b := seedArticle(t, f.store, "Daily Planet", "https://planet.example/once", []draft{{"Once", "", "Only text."}})
	if _, body = f.get(t, fmt.Sprintf("/articles/%d", b.ID)); strings.Contains(body, `class="picker"`) {
		t.Error("an article with one version offers a comparison")
	}
}

func TestPicker_RedirectsToTheOrderedDiffKeepingTheView(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	tests := []struct {
		query string
		to    string
	}{
		{"a=0&b=2", fmt.Sprintf("/articles/%d/diff/0/2", id)},
		{"a=2&b=1", fmt.Sprintf("/articles/%d/diff/1/2", id)},
		{"a=0&b=1&view=inline", fmt.Sprintf("/articles/%d/diff/0/1?view=inline", id)},
		{"a=1&b=0&view=side", fmt.Sprintf("/articles/%d/diff/0/1", id)},
	}
	for _, tt := range tests {
		resp, _ := f.get(t, fmt.Sprintf("/articles/%d/diff?%s", id, tt.query))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != tt.to {
			t.Errorf("?%s: %d to %q, want 303 to %q", tt.query, resp.StatusCode, resp.Header.Get("Location"), tt.to)
		}
	}
}

func TestPicker_BadNumbersAreClear400s(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	tests := []struct {
		query  string
		status int
		say    string
	}{
		{"a=x&b=1", 400, "a &#34;x&#34; is not a version number"},
		{"b=1", 400, "a &#34;&#34; is not a version number"},
		{"a=0&b=-1", 400, "b &#34;-1&#34; is not a version number"},
		{"a=0&b=1.5", 400, "b &#34;1.5&#34; is not a version number"},
		{"a=1&b=1", 400, "pick two different versions"},
		{"a=0&b=3", 400, "version 3 does not exist: this article has versions 0 to 2"},
		{"a=0&b=99999999999999999999", 400, "is not a version number"},
		{"a=0&b=1&view=<script>", 400, "is not one of side, inline"},
	}
	for _, tt := range tests {
		resp, body := f.get(t, fmt.Sprintf("/articles/%d/diff?%s", id, tt.query))
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.say) {
			t.Errorf("?%s: %d, want %d saying %q", tt.query, resp.StatusCode, tt.status, tt.say)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("?%s: the error page echoes markup", tt.query)
		}
	}
	if resp, _ := f.get(t, "/articles/999/diff?a=0&b=1"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown article: %d, want 404", resp.StatusCode)
	}
}
