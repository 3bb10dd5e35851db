package loadbench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
)

// seedBatch is how many versions one seeding transaction writes.
const seedBatch = 2000

// seedOutlets is how many outlets the seeded articles spread over.
const seedOutlets = 20

var words = strings.Fields(`the council mayor harbour budget vote residents said plan ferry terminal
library flood million spring review hearing district city members public opponents construction
decision environmental routes funds tuesday night months debate future waterfront association
concerns people heard promised decade several asked police court minister report election market
health school statement spokesperson according percent officials water power storm thousands`)

// SeedStats says what Seed wrote.
type SeedStats struct {
	Articles, Versions int
	Took               time.Duration
}

// Seed writes articles with versionsPer versions each, every version a
// realistic small edit of the one before, classified and counted as a
// crawl would record it.
func Seed(ctx context.Context, st *store.Store, articles, versionsPer int, seed uint64) (SeedStats, error) {
	start := time.Now()
	r := rand.New(rand.NewPCG(seed, 7))
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	outlets := make([]model.Outlet, seedOutlets)
	for i := range outlets {
		o, err := st.EnsureOutlet(ctx, fmt.Sprintf("Outlet %02d", i+1), fmt.Sprintf("outlet%02d.example", i+1))
		if err != nil {
			return SeedStats{}, err
		}
		outlets[i] = o
	}
	var batch []store.CheckRecord
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := st.RecordBatch(ctx, batch)
		batch = batch[:0]
		return err
	}
	stats := SeedStats{}
	for i := range articles {
		o := outlets[i%len(outlets)]
		first := base.Add(time.Duration(i) * time.Minute)
		a, _, err := st.AddArticle(ctx, model.Article{OutletID: o.ID, FirstSeen: first, Published: first,
			URL: fmt.Sprintf("https://%s/news/%d-story", o.Host, i), State: model.StateActive, NextCheck: first})
		if err != nil {
			return stats, err
		}
		title, text := headline(r), body(r)
		var prev model.Version
		for seq := range versionsPer {
			at := first.Add(time.Duration(seq) * time.Hour)
			if seq > 0 {
				title, text = revision(r, title, text)
			}
			v := model.Version{ArticleID: a.ID, Seq: seq, FetchedAt: at, Title: title, Byline: "Jane Doe",
				Published: first, Text: text, Hash: revise.Hash(title, "Jane Doe", text), Extractor: "seed"}
			if seq > 0 {
				d := diff.Compare(diff.Doc{Title: prev.Title, Byline: prev.Byline, Text: prev.Text},
					diff.Doc{Title: v.Title, Byline: v.Byline, Text: v.Text})
				v.Added, v.Removed = d.Added, d.Removed
				for _, c := range d.Classes {
					v.Classes = append(v.Classes, string(c))
				}
			}
			prev = v
			a.LastChecked, a.LastChanged = at, at
			batch = append(batch, store.CheckRecord{Article: a, Version: &v,
				Check: model.Check{ArticleID: a.ID, At: at, Status: 200, Outcome: model.OutcomeNewVersion, Hash: v.Hash}})
			stats.Versions++
			if len(batch) >= seedBatch {
				if err := flush(); err != nil {
					return stats, err
				}
			}
		}
		stats.Articles++
	}
	err := flush()
	stats.Took = time.Since(start)
	return stats, err
}

func sentence(r *rand.Rand) string {
	n := 8 + r.IntN(14)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ") + "."
}

func headline(r *rand.Rand) string {
	s := sentence(r)
	return strings.TrimSuffix(s, ".")
}

func body(r *rand.Rand) string { return paragraphs(r, 6, 5) }

// paragraphs is a text of least+IntN(spread) paragraphs of 2 to 4
// sentences.
func paragraphs(r *rand.Rand, least, spread int) string {
	paras := make([]string, least+r.IntN(spread))
	for i := range paras {
		ss := make([]string, 2+r.IntN(3))
		for j := range ss {
			ss[j] = sentence(r)
		}
		paras[i] = strings.Join(ss, " ")
	}
	return strings.Join(paras, "\n\n")
}

// revision makes one realistic edit: a paragraph appended, a sentence
// rewritten, a word changed, or the headline changed.
func revision(r *rand.Rand, title, text string) (string, string) {
	paras := strings.Split(text, "\n\n")
	switch r.IntN(4) {
	case 0:
		paras = append(paras, "Update: "+sentence(r))
	case 1:
		i := r.IntN(len(paras))
		paras[i] = sentence(r) + " " + sentence(r)
	case 2:
		i := r.IntN(len(paras))
		ws := strings.Fields(paras[i])
		ws[r.IntN(len(ws))] = words[r.IntN(len(words))]
		paras[i] = strings.Join(ws, " ")
	default:
		title = headline(r)
	}
	return title, strings.Join(paras, "\n\n")
}
