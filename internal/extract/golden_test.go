package extract

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from current output")

// fixtureInput gives a fixture its page URL and outlet rules when the
// default (https://news.example.com/<name>, no rules) does not show the case.
var fixtureInput = map[string]struct {
	url   string
	rules model.Rules
}{
	"date-from-url-only": {url: "https://news.example.com/world/2024/05/17/river-flood-warning"},
	"outlet-rules-drop":  {rules: model.Rules{Drop: []string{".timely-widget", "p.editor-note"}}},
	"outlet-rules-keep":  {rules: model.Rules{Keep: []string{"div.story-text", "p.story-coda"}}},
}

// golden is the JSON form of one extraction, as stored in *.golden.json.
type golden struct {
	URL       string `json:"url"`
	Canonical string `json:"canonical"`
	Title     string `json:"title"`
	Byline    string `json:"byline"`
	Published string `json:"published"`
	Language  string `json:"language"`
	Text      string `json:"text"`
	Error     string `json:"error,omitempty"`
}

func toGolden(a Article, err error) golden {
	g := golden{URL: a.URL, Canonical: a.Canonical, Title: a.Title, Byline: a.Byline,
		Language: a.Language, Text: a.Text}
	if !a.Published.IsZero() {
		g.Published = a.Published.Format(time.RFC3339)
	}
	if err != nil {
		g.Error = err.Error()
	}
	return g
}

func fixtureNames(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "*.html"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = strings.TrimSuffix(filepath.Base(p), ".html")
	}
	return names
}

func extractFixture(t testing.TB, name string) (Article, error) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("testdata", name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	in := fixtureInput[name]
	if in.url == "" {
		in.url = "https://news.example.com/" + name
	}
	return Extract(in.url, page, in.rules)
}

func TestExtract_Golden(t *testing.T) {
	for _, name := range fixtureNames(t) {
		t.Run(name, func(t *testing.T) {
			got := toGolden(extractFixture(t, name))
			path := filepath.Join("testdata", name+".golden.json")
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create)", err)
			}
			var want golden
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if got != want {
				gb, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("extraction differs from %s; got:\n%s", path, gb)
			}
		})
	}
}

func TestExtract_NoArticleReturnsErrNoContent(t *testing.T) {
	a, err := extractFixture(t, "no-article")
	if !errors.Is(err, ErrNoContent) {
		t.Fatalf("err = %v, want ErrNoContent", err)
	}
	if a.Title == "" {
		t.Error("metadata should still be returned with ErrNoContent")
	}
}

func TestExtract_InvalidRuleIsError(t *testing.T) {
	_, err := Extract("https://news.example.com/x", []byte("<p>hi</p>"), model.Rules{Drop: []string{"div[["}})
	if err == nil || !strings.HasPrefix(err.Error(), "extract: ") {
		t.Fatalf("err = %v, want an extract: error", err)
	}
}
