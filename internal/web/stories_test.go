package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/errata/errata/internal/store"
)

// storyFixture adds to the usual fixture a story: the mayor article, a
// copy of it in another outlet with a hostile headline and paragraph,
// and the hostile article.
func storyFixture(t *testing.T, cfg Config) (*fixture, int64, int64) {
	t.Helper()
	f := newFixture(t, cfg)
	ctx := t.Context()
	copyDrafts := []draft{{xssTitle, "<img src=x onerror=alert(5)>", strings.Join(strings.Split(mayorDrafts[2].text, "\n\n")[:3], "\n\n") + "\n\n<script>alert(4)</script> local paragraph"}}
	cp := seedArticle(t, f.store, "Morning <i>Star</i>", "https://star.example/mayor", copyDrafts)
	_, story, err := f.store.SavePlacement(ctx, store.Placement{ArticleID: cp.ID, OutletID: cp.OutletID, SeenAt: t0,
		Copies: []store.WireLink{{Other: f.mayor.ID, Shared: 0.9}}, With: f.mayor.ID, Title: xssTitle})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.SavePlacement(ctx, store.Placement{ArticleID: f.hostile.ID, OutletID: f.hostile.OutletID, SeenAt: t0, Story: story}); err != nil {
		t.Fatal(err)
	}
	members, err := f.store.StoryMembers(ctx, story)
	if err != nil || len(members) != 3 {
		t.Fatalf("members = %d, %v", len(members), err)
	}
	if err := f.store.SetWireOrigin(ctx, members[0].Wire, f.mayor.ID, "AFP"); err != nil {
		t.Fatal(err)
	}
	return f, story, cp.ID
}

func TestStories_PagesShowStoryTimelineCopiesAndEscape(t *testing.T) {
	f, story, cp := storyFixture(t, Config{})
	tests := []struct {
		name, path string
		want       []string
	}{
		{"list", "/stories", []string{fmt.Sprintf(`href="/stories/%d"`, story), "3 articles", "3 outlets"}},
		{"story", fmt.Sprintf("/stories/%d", story), []string{"Timeline", "<circle", "Headlines across outlets",
			"Mayor resigns after budget vote", "Copies of one text", "credited to AFP", "lacks", "of its own",
			fmt.Sprintf("/stories/%d/compare?a=%d&amp;b=%d", story, f.mayor.ID, cp), "own report", "origin (AFP)",
			"Morning &lt;i&gt;Star&lt;/i&gt;", "&lt;script&gt;alert(4)&lt;/script&gt; local paragraph"}},
		{"compare", fmt.Sprintf("/stories/%d/compare?a=%d&b=%d", story, f.mayor.ID, cp), []string{`class="sbs-row`,
			"<ins>", "Daily Planet", "Morning &lt;i&gt;Star&lt;/i&gt;"}},
		{"article links its story and copies", fmt.Sprintf("/articles/%d", f.mayor.ID), []string{
			fmt.Sprintf(`href="/stories/%d"`, story), "Taken as the origin", fmt.Sprintf(`href="/articles/%d"`, cp), "90% shared"}},
		{"copy links its origin", fmt.Sprintf("/articles/%d", cp), []string{"The same text", "origin)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s = %d\n%s", tt.path, resp.StatusCode, body)
			}
			mustContain(t, tt.path, body, tt.want...)
			for _, bad := range []string{"<script>alert", "<img src=x", "<b>Outlet", "<i>Star"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s: unescaped %q", tt.path, bad)
				}
			}
		})
	}
	for _, p := range []string{"/stories/999", "/stories/abc", fmt.Sprintf("/stories/%d/compare?a=1&b=1", story),
		fmt.Sprintf("/stories/%d/compare?a=%d&b=999", story, cp)} {
		if resp, _ := f.get(t, p); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusBadRequest {
			t.Errorf("GET %s = %d, want 404 or 400", p, resp.StatusCode)
		}
	}
}

func TestStories_APIAndFeeds(t *testing.T) {
	f, story, cp := storyFixture(t, Config{})
	_, body := f.get(t, "/api/v1/stories")
	var page apiStoryList
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Stories) != 1 || page.Stories[0].ID != story ||
		page.Stories[0].Outlets != 3 || page.NextCursor != "" {
		t.Fatalf("stories API = %s (%v)", body, err)
	}
	if resp, _ := f.get(t, "/api/v1/stories?cursor=bogus"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad cursor = %d, want 400", resp.StatusCode)
	}
	_, body = f.get(t, fmt.Sprintf("/api/v1/stories/%d", story))
	var st apiStory
	if err := json.Unmarshal([]byte(body), &st); err != nil || len(st.Members) != 3 || len(st.Wires) != 1 ||
		st.Wires[0].Origin != f.mayor.ID || len(st.Wires[0].Copies) != 1 || st.Wires[0].Copies[0].Article != cp || len(st.Timeline) != 6 {
		t.Fatalf("story API = %s (%v)", body, err)
	}
	if strings.Contains(body, "<script>") {
		t.Error("story API carries raw markup")
	}
	for _, ext := range []string{"atom", "rss", "json"} {
		resp, body := f.get(t, fmt.Sprintf("/stories/%d/changes.%s", story, ext))
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Mayor quits") {
			t.Errorf("story feed %s = %d\n%s", ext, resp.StatusCode, body)
		}
		if strings.Contains(body, "<script>alert") {
			t.Errorf("story feed %s carries raw markup", ext)
		}
	}
}

func TestStories_AdminMergeAndSplit(t *testing.T) {
	f, story, cp := storyFixture(t, Config{AdminToken: "sekrit"})
	post := func(path string, form url.Values) *http.Response {
		resp, _ := f.do(t, http.MethodPost, path, strings.NewReader(form.Encode()),
			http.Header{"Content-Type": {"application/x-www-form-urlencoded"}})
		return resp
	}
	split := fmt.Sprintf("/admin/stories/%d/split", story)
	if resp := post(split, url.Values{"articles": {fmt.Sprint(cp)}}); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("split without token = %d, want 401", resp.StatusCode)
	}
	resp := post(split, url.Values{"token": {"sekrit"}, "articles": {fmt.Sprint(cp)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("split = %d, want 303", resp.StatusCode)
	}
	var fresh int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/stories/%d", &fresh); err != nil || fresh == story {
		t.Fatalf("split went to %q", resp.Header.Get("Location"))
	}
	if got, _, _, _ := f.store.ArticleStory(t.Context(), cp); got != fresh {
		t.Fatalf("after split the copy is in story %d, want %d", got, fresh)
	}
	if resp := post("/admin/stories/merge", url.Values{"token": {"sekrit"}, "into": {fmt.Sprint(story)}, "from": {fmt.Sprint(fresh)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("merge = %d, want 303", resp.StatusCode)
	}
	if got, _, _, _ := f.store.ArticleStory(t.Context(), cp); got != story {
		t.Fatalf("after merge the copy is in story %d, want %d", got, story)
	}
	if resp := post("/admin/stories/merge", url.Values{"token": {"sekrit"}, "into": {fmt.Sprint(story)}, "from": {"999"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("merge of an unknown story = %d, want 404", resp.StatusCode)
	}
	// The admin page's split form names the story in a field.
	resp = post("/admin/stories/split", url.Values{"token": {"sekrit"}, "story": {fmt.Sprint(story)}, "articles": {fmt.Sprint(cp)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("split from the admin form = %d, want 303", resp.StatusCode)
	}
	resp, body := f.get(t, "/admin/stories")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /admin/stories = %d", resp.StatusCode)
	}
	mustContain(t, "/admin/stories", body, `action="/admin/stories/merge"`, `action="/admin/stories/split"`, `name="token"`)
	if strings.Contains(body, "<script>alert") {
		t.Error("/admin/stories: unescaped story title")
	}
}

func TestStories_AdminPageNeedsAToken(t *testing.T) {
	f, _, _ := storyFixture(t, Config{})
	if resp, _ := f.get(t, "/admin/stories"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET /admin/stories without an admin token configured = %d, want 404", resp.StatusCode)
	}
}

// A copy that picked up the origin's later paragraph in its second
// version says so, on the page and in the API.
func TestStories_CopyThatPickedUpAnUpdate(t *testing.T) {
	f := newFixture(t, Config{})
	paras := strings.Split(mayorDrafts[2].text, "\n\n")
	cp := seedArticle(t, f.store, "Evening Star", "https://star.example/update", []draft{
		{"Mayor quits", "", strings.Join(paras[:2], "\n\n")},
		{"Mayor quits", "", strings.Join(paras[:3], "\n\n")},
	})
	_, story, err := f.store.SavePlacement(t.Context(), store.Placement{ArticleID: cp.ID, OutletID: cp.OutletID, SeenAt: t0,
		Copies: []store.WireLink{{Other: f.mayor.ID, Shared: 1}}, With: f.mayor.ID, Title: "Mayor"})
	if err != nil {
		t.Fatal(err)
	}
	_, body := f.get(t, fmt.Sprintf("/api/v1/stories/%d", story))
	var st apiStory
	if err := json.Unmarshal([]byte(body), &st); err != nil || len(st.Wires) != 1 || len(st.Wires[0].Copies) != 1 {
		t.Fatalf("story API = %s (%v)", body, err)
	}
	c := st.Wires[0].Copies[0]
	if len(c.PickedUp) != 1 || c.PickedUp[0] != paras[2] || len(c.Lacks) != 1 || c.Lacks[0] != paras[3] {
		t.Errorf("copy: picked up %q, lacks %q; want %q and %q", c.PickedUp, c.Lacks, paras[2], paras[3])
	}
	_, page := f.get(t, fmt.Sprintf("/stories/%d", story))
	mustContain(t, "story page", page, "picked up 1 paragraph later", "an update picked up")
}
