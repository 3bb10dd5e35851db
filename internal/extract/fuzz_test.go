package extract

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/errata/errata/internal/model"
)

// FuzzExtract checks that no input makes Extract panic, with or without
// outlet rules, and that its text fields come out normalised.
func FuzzExtract(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<script type="application/ld+json">[[[{"@type":["NewsArticle"],"author":[[{"name":1}]]}]]]</script>`))
	f.Add([]byte("<p>\x00\xff<article><time datetime='2024-13-45'>"))
	rules := model.Rules{Drop: []string{"div.x"}, Keep: []string{"article p"}}
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, r := range []model.Rules{{}, rules} {
			a, _ := Extract("https://news.example.com/2024/05/17/x", page, r)
			if a.Title != Normalize(a.Title) || a.Byline != Normalize(a.Byline) {
				t.Errorf("unnormalised title or byline: %q %q", a.Title, a.Byline)
			}
		}
	})
}
