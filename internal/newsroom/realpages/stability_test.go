package realpages

import (
	"errors"
	"strings"
	"testing"

	"github.com/errata/errata/internal/extract"
	"github.com/errata/errata/internal/extract/benchmark"
	"github.com/errata/errata/internal/model"
)

// stabilitySeeds is how many requests of each page, with fresh churn each,
// are compared.
const stabilitySeeds = 8

// TestExtract_ArticleTextStableUnderChurn serves every located page with
// different churn around (and inside) the article and checks that the
// article's own paragraphs the extractor keeps are the same on every
// request, once the second request is read the way the first was (as the
// engine compares a check with the latest version). A paragraph kept on
// one request and not on the next would be a version nobody wrote.
func TestExtract_ArticleTextStableUnderChurn(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	n, err := Load(Config{Dir: benchmark.FindData(), Seed: 5, Articles: 60})
	if errors.Is(err, ErrMissing) {
		t.Skip("realpages: benchmark data not found")
	}
	if err != nil {
		t.Fatal(err)
	}
	n.Start()
	defer n.Close()
	unstable := 0
	for _, a := range n.articles {
		paras := strings.Split(a.states[0].truthText(a.page), "\n\n")
		first := []byte(a.respond(0, 0))
		ref, err := extract.Extract(a.url, first, model.Rules{})
		if err != nil {
			t.Fatalf("%s: %v", a.url, err)
		}
		for seed := uint64(1); seed < stabilitySeeds; seed++ {
			page := []byte(a.respond(0, seed))
			got, err := extract.Extract(a.url, page, model.Rules{})
			if err != nil {
				t.Fatalf("%s: %v", a.url, err)
			}
			base := ref
			switch {
			case got.Reading == ref.Reading:
			case got.Either && ref.Reading != extract.ReadingOther:
				got, _ = extract.ExtractWith(a.url, page, model.Rules{}, extract.Options{Prefer: ref.Reading})
			case ref.Either && got.Reading != extract.ReadingOther:
				base, _ = extract.ExtractWith(a.url, first, model.Rules{}, extract.Options{Prefer: got.Reading})
			}
			if w, g := kept(paras, base.Text), kept(paras, got.Text); w != g {
				unstable++
				t.Errorf("%s: request %d keeps %s of the article's paragraphs, the first %s (readings %s, %s)", a.url, seed, g, w, got.Reading, ref.Reading)
				break
			}
		}
	}
	t.Logf("%d of %d pages kept different article paragraphs from one request to another", unstable, len(n.articles))
}

// kept marks which of the article's paragraphs a text holds, as a string
// of 0s and 1s.
func kept(paras []string, text string) string {
	var b strings.Builder
	for _, p := range paras {
		if strings.Contains(text, extract.Normalize(p)) {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}
