package extract

import (
	"path/filepath"
	"strings"
	"testing"
)

// The fixtures under testdata/structure share one article about a
// maternity ward; each places one kind of page furniture in or beside it,
// named so that only its structure, not its class names, gives it away.
const (
	articleFirst = "The valley's only maternity ward will stay open"
	articleLast  = "planned a public meeting for next month."
)

func TestExtract_StructureKeepsArticleDropsFurniture(t *testing.T) {
	tests := []struct {
		name string
		gone []string // furniture text that must not reach the body
		kept []string // article text beyond its first and last sentence
	}{
		{"gallery-inside-container", []string{"Photo 3", "the ward in", "/ 12"}, nil},
		{"slideshow-button-chrome", []string{"Close", "Thumbnails", "Fullscreen", "Ward scene", "1 of 8"}, nil},
		{"related-box-after-body", []string{"Columns", "bypass will never be built", "district nurses"}, nil},
		{"ticker-above-body", []string{"Latest", "lorry overturns", "Rugby club"}, nil},
		{"bio-box-vs-body", []string{"Jane Marlow", "very old dog"}, nil},
		{"hover-card-in-sentence", []string{"new clinic", "rail plan", "Hale Ann Hale"}, []string{"officials including Ann Hale said"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := extractFixture(t, filepath.Join("structure", tt.name))
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if !strings.HasPrefix(a.Text, articleFirst) || !strings.HasSuffix(a.Text, articleLast) {
				t.Errorf("body is not the article; got:\n%s", a.Text)
			}
			for _, k := range tt.kept {
				if !strings.Contains(a.Text, k) {
					t.Errorf("body lost %q; got:\n%s", k, a.Text)
				}
			}
			for _, g := range tt.gone {
				if strings.Contains(a.Text, g) {
					t.Errorf("body keeps furniture %q; got:\n%s", g, a.Text)
				}
			}
		})
	}
}
