package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
)

func TestPages_RenderWhatTheyShow(t *testing.T) {
	f := newFixture(t, Config{})
	id := f.mayor.ID
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"recent changes hide minor by default", "/", 200, []string{"Recent changes", "Mayor quits after stormy budget vote",
			"Headline was: <del>Mayor resigns after budget vote</del>", fmt.Sprintf(`href="/articles/%d/diff/1/2"`, id),
			`href="/outlets/Daily%20Planet"`, `<link rel="alternate" type="application/atom+xml"`}},
		{"filter by outlet", "/?outlet=Daily+Planet", 200, []string{"Mayor quits", `<option value="Daily Planet" selected>`}},
		{"filter by class", "/?class=correction", 200, []string{fmt.Sprintf(`/articles/%d/diff/1/2`, id)}},
		{"unknown outlet filter", "/?outlet=Nope", 404, []string{"outlet not found"}},
		{"outlets", "/outlets", 200, []string{"Daily Planet", "planet.example"}},
		{"one outlet", "/outlets/Daily%20Planet", 200, []string{"Mayor quits", "/outlets/Daily%20Planet/changes.atom"}},
		{"history", fmt.Sprintf("/articles/%d", id), 200, []string{
			`href="https://planet.example/mayor"`, "First seen", "20 Nov 2026, 09:00 UTC", "Last changed",
			"20 Nov 2026, 11:00 UTC", "<dd>2</dd>", "checked every hour", "Version 2", "Correction",
			fmt.Sprintf("/articles/%d/changes.atom", id), "First version seen"}},
		{"one version", fmt.Sprintf("/articles/%d/v/0", id), 200, []string{`<p id="p1">The mayor resigned on Tuesday.</p>`,
			"By Ann Reporter", "Next version"}},
		{"side by side", fmt.Sprintf("/articles/%d/diff/0/1", id), 200, []string{`class="sbs-row"`,
			"<ins> evening</ins>", "<span class=\"label\">Headline</span>", "Next change", "Permalink", "?view=inline"}},
		{"inline", fmt.Sprintf("/articles/%d/diff/1/2?view=inline", id), 200, []string{`class="text inline"`,
			"<del>7</del>", "<ins>6</ins>", "Previous change", "Side by side"}},
		{"diff across versions", fmt.Sprintf("/articles/%d/diff/0/2", id), 200, []string{"Version 0", "Version 2"}},
		{"search", "/search?q=council+vote", 200, []string{"<mark>council</mark>", "Mayor quits"}},
		{"search nothing", "/search?q=zebra", 200, []string{"Nothing matches"}},
		{"stories", "/stories", 200, []string{"No stories yet"}},
		{"healthz", "/healthz", 200, []string{"ok"}},
		{"stylesheet", "/static/style.css", 200, []string{"--measure"}},
		{"missing article", "/articles/999", 404, []string{"article not found"}},
		{"bad article id", "/articles/abc", 404, nil},
		{"missing version", fmt.Sprintf("/articles/%d/v/9", id), 404, []string{"version not found"}},
		{"same version diff", fmt.Sprintf("/articles/%d/diff/1/1", id), 404, nil},
		{"unknown page", "/nope", 404, []string{"page not found"}},
		{"bad cursor", "/?cursor=!!", 400, []string{"cursor"}},
		{"stories feed missing", "/stories.atom", 404, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := f.get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.path, resp.StatusCode, tt.status, body)
			}
			mustContain(t, tt.path, body, tt.want...)
		})
	}
}

func TestPages_MinorEditsToggle(t *testing.T) {
	f := newFixture(t, Config{})
	typo := seedArticle(t, f.store, "Daily Planet", "https://planet.example/typo", []draft{
		{"Bridge opens", "", "The bridge opend on Monday."},
		{"Bridge opens", "", "The bridge opened on Monday."},
	})
	link := fmt.Sprintf("/articles/%d/diff/0/1", typo.ID)
	if _, body := f.get(t, "/"); strings.Contains(body, link) {
		t.Error("minor edit listed by default")
	}
	if _, body := f.get(t, "/?minor=1"); !strings.Contains(body, link) {
		t.Error("minor edit missing with minor=1")
	}
}

func TestDiff_ReversedOrderRedirectsToLocalPath(t *testing.T) {
	f := newFixture(t, Config{})
	resp, _ := f.get(t, fmt.Sprintf("/articles/%d/diff/2/0", f.mayor.ID))
	want := fmt.Sprintf("/articles/%d/diff/0/2", f.mayor.ID)
	if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
		t.Errorf("got %d Location %q, want 301 %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}

func TestPages_PaginationFollowsNextLink(t *testing.T) {
	f := newFixture(t, Config{})
	drafts := make([]draft, pageSize+5)
	for i := range drafts {
		drafts[i] = draft{fmt.Sprintf("Live blog, update %d", i), "", fmt.Sprintf("Entry number %d.", i)}
	}
	seedArticle(t, f.store, "Daily Planet", "https://planet.example/live", drafts)
	_, body := f.get(t, "/")
	i := strings.Index(body, `rel="next"`)
	if i < 0 {
		t.Fatal("no next link on a full page")
	}
	start := strings.LastIndex(body[:i], `href="`) + len(`href="`)
	next := strings.ReplaceAll(body[start:strings.Index(body[start:], `"`)+start], "&amp;", "&")
	if !strings.HasPrefix(next, "/?") {
		t.Fatalf("next link %q is not local", next)
	}
	resp, page2 := f.get(t, next)
	if resp.StatusCode != 200 || !strings.Contains(page2, "Live blog, update 4<") || strings.Contains(page2, "update 54<") {
		t.Errorf("page 2 (%s) = %d, does not continue where page 1 stopped", next, resp.StatusCode)
	}
}

func TestArticle_ShowsRefusedChangesAsCheckOutcomes(t *testing.T) {
	f := newFixture(t, Config{})
	ctx := context.Background()
	a, err := f.store.Article(ctx, f.mayor.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range []model.Outcome{model.OutcomeConfirming, model.OutcomeChurn} {
		read := a.LastChecked
		a.LastChecked = a.LastChecked.Add(time.Duration(i+1) * time.Minute)
		if _, err := f.store.Record(ctx, store.CheckRecord{Article: a, IfLastChecked: &read,
			Check: model.Check{At: a.LastChecked, Status: 200, Outcome: o}}); err != nil {
			t.Fatal(err)
		}
	}
	_, body := f.get(t, fmt.Sprintf("/articles/%d", a.ID))
	mustContain(t, "history", body, "5 checks.", "1 × change refused: a second fetch showed only page furniture changing.",
		"differed; confirming with a second fetch")
	_, body = f.get(t, fmt.Sprintf("/api/v1/articles/%d", a.ID))
	mustContain(t, "api", body, `"churn": 1`, `"confirming": 1`, `"total": 5`)
}

func TestOutlet_ShowsLearnedFurnitureEscaped(t *testing.T) {
	f := newFixture(t, Config{})
	ctx := context.Background()
	items := []model.Furniture{
		{OutletID: f.mayor.OutletID, Kind: "text", Origin: "template", Key: "Join ##,### readers <script>alert(1)</script>"},
		{OutletID: f.mayor.OutletID, Kind: "path", Origin: "volatile", Key: "article>aside.promo>p"},
		{OutletID: f.mayor.OutletID, ArticleID: f.mayor.ID, Kind: "text", Origin: "volatile", Key: "Updated # minutes ago"},
	}
	if err := f.store.Learn(ctx, items, t0); err != nil {
		t.Fatal(err)
	}
	_, body := f.get(t, "/outlets/Daily%20Planet")
	mustContain(t, "outlet page", body, "Page furniture ignored", "2 apply to every article, 1 to single articles",
		"Join ##,### readers &lt;script&gt;", "<code>article&gt;aside.promo&gt;p</code>")
	if strings.Contains(body, "<script>alert(1)") {
		t.Error("learned text reached the page unescaped")
	}
	_, body = f.get(t, "/api/v1/outlets/Daily%20Planet")
	mustContain(t, "api", body, `"origin": "template"`, `"articles": 1`, `"kind": "path"`)
}
