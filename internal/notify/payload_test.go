package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

func TestBuild_CarriesTheDiffAsTextAndHTML(t *testing.T) {
	old := model.Version{ArticleID: 7, Seq: 1, Title: "Mayor resigns", Byline: "By Ann",
		Text: "First paragraph stays.\n\nThe mayor resigned on Monday.\n\nLast paragraph stays."}
	nv := model.Version{ID: 42, ArticleID: 7, Seq: 2, FetchedAt: time.Unix(1e9, 0), Title: "Mayor to resign", Byline: "By Ann",
		Text:    "First paragraph stays.\n\nThe mayor will resign on Friday.\n\nLast paragraph stays.",
		Classes: []string{"headline", "text_rewritten"}, Added: 3, Removed: 2}
	p, err := Build(Change{Outlet: "Planet", ArticleURL: "https://planet.example/mayor", Old: old, New: nv, BaseURL: "https://errata.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if p.OldTitle != "Mayor resigns" || p.NewTitle != "Mayor to resign" || p.OldByline != "" {
		t.Errorf("titles/bylines = %q %q %q", p.OldTitle, p.NewTitle, p.OldByline)
	}
	if p.DiffURL != "https://errata.example/articles/7/diff/1/2" {
		t.Errorf("DiffURL = %q", p.DiffURL)
	}
	if len(p.Paragraphs) != 1 || p.Paragraphs[0].Old != "The mayor resigned on Monday." || p.Paragraphs[0].New != "The mayor will resign on Friday." {
		t.Errorf("Paragraphs = %+v", p.Paragraphs)
	}
	for _, want := range []string{"- The mayor resigned on Monday.", "+ The mayor will resign on Friday.", "- Mayor resigns", "+ Mayor to resign"} {
		if !strings.Contains(p.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, p.Text)
		}
	}
	for _, want := range []string{"<ins>", "<del>", "unchanged paragraph", `href="https://errata.example/articles/7/diff/1/2"`} {
		if !strings.Contains(p.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, p.HTML)
		}
	}
}

func TestBuild_EscapesOutletText(t *testing.T) {
	old := model.Version{ArticleID: 1, Title: "<b>t</b>", Text: "plain"}
	nv := model.Version{ArticleID: 1, Seq: 1, Title: `<script>alert("t")</script>`, Byline: `<img src=x onerror=alert(1)>`,
		Text: "plain <script>alert(1)</script>", Classes: []string{"headline"}}
	p, err := Build(Change{Outlet: "<i>O</i>", ArticleURL: "javascript:alert(1)", Old: old, New: nv})
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<script", "<img", "<b>", "<i>", "javascript:"} {
		if strings.Contains(p.HTML, raw) {
			t.Errorf("HTML carries %q raw:\n%s", raw, p.HTML)
		}
	}
}
