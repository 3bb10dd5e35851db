package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errata/errata/internal/model"
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

// A page served twice with its furniture rotated (slides reordered, other
// columns promoted) must give the same text, or errata would record an
// edit the article never had; and the same bytes must give the same text.
func TestExtract_StructureRotationIsNoEdit(t *testing.T) {
	tests := []struct {
		name    string
		swapA   string
		swapB   string
		fixture string
	}{
		{"slides reordered", "Ward scene 2", "Ward scene 7", "slideshow-button-chrome"},
		{"columns rotated", "Why the bypass will never be built", "Stop closing our libraries", "related-box-after-body"},
		{"ticker moved on", "Council tax to rise by four per cent", "Flood warning lifted for the lower valley", "ticker-above-body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", "structure", tt.fixture+".html"))
			if err != nil {
				t.Fatal(err)
			}
			rotated := strings.NewReplacer(tt.swapA, tt.swapB, tt.swapB, tt.swapA).Replace(string(page))
			url := "https://news.example.com/" + tt.fixture
			first, err1 := Extract(url, page, model.Rules{})
			again, err2 := Extract(url, page, model.Rules{})
			moved, err3 := Extract(url, []byte(rotated), model.Rules{})
			if err1 != nil || err2 != nil || err3 != nil {
				t.Fatalf("Extract: %v, %v, %v", err1, err2, err3)
			}
			if first.Text != again.Text {
				t.Errorf("same bytes gave different text:\n%s\n---\n%s", first.Text, again.Text)
			}
			if first.Text != moved.Text {
				t.Errorf("rotated furniture changed the text:\n%s\n---\n%s", first.Text, moved.Text)
			}
		})
	}
}
