package stories_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/stories"
)

// realBodies is the article-extraction benchmark's hand-checked bodies of
// real news pages, kept beside the project (not in it).
const realBodies = "../../../shared/data/article-extraction-benchmark/ground-truth.json"

// minRealWords: a copy is only recognised once it shares
// MinSharedShingles; shorter bodies (teasers cut by a paywall) cannot be.
const minRealWords = 60

// The copy detector is not fitted to generated prose: real article bodies,
// reprinted by three outlets each the way the newsroom reprints agency
// copy, must be linked to their reprints and to nothing else.
func TestAcceptance_RealTextReprints(t *testing.T) {
	raw, err := os.ReadFile(filepath.FromSlash(realBodies))
	if err != nil {
		t.Skipf("real article bodies not available: %v", err)
	}
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &truth); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(truth))
	for k := range truth {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	outlets := []struct{ name, town string }{{"Origin", ""}, {"The Daily Ledger", "Fenwick"}, {"Harbour Times", "Port Ellery"}, {"Pulse News", "Kingsbridge"}}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []stories.Article
	source := map[int64]int{}
	for i, k := range keys {
		body := truth[k].ArticleBody
		if len(strings.Fields(body)) < minRealWords {
			continue
		}
		paras := splitParas(body)
		for o, out := range outlets {
			text := paras
			if o > 0 {
				text = newsroom.Reprint(paras, out.name, out.town, uint64(i*10+o))
			}
			id := int64(len(arts) + 1)
			source[id] = i
			arts = append(arts, stories.Article{ID: id, OutletID: int64(o + 1), Outlet: out.name, Title: k,
				Paragraphs: text, FirstSeen: t0.Add(time.Duration(i)*time.Hour + time.Duration(o)*time.Minute)})
		}
	}
	m := placeAll(t, arts)
	var wire rates
	cross := 0
	for i, a := range arts {
		for _, b := range arts[i+1:] {
			same := source[a.ID] == source[b.ID]
			wire.add(m.Linked(a.ID, b.ID), same)
			if s := m.StoryOf(a.ID); !same && s != 0 && s == m.StoryOf(b.ID) {
				cross++
			}
		}
	}
	// Stories are reported, not asserted: the benchmark holds several
	// outlets' coverage of the same events (one plague case in China, one
	// water-vapour finding on Europa), which rightly share a story.
	t.Logf("%d real bodies, %d articles: wire copies precision %.3f recall %.3f; %d pairs of different real articles share a story",
		len(arts)/len(outlets), len(arts), wire.precision(), wire.recall(), cross)
	if wire.fp > 0 || wire.recall() < 0.95 {
		t.Errorf("wire copies: %d links between different real articles, recall %.3f; want none and >= 0.95", wire.fp, wire.recall())
	}
}

func splitParas(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
