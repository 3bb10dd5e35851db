package loadbench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/errata/errata/internal/archive"
	"github.com/errata/errata/internal/diff"
	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/revise"
	"github.com/errata/errata/internal/store"
)

// NewsEdits (Spangher et al., NAACL 2022) holds 4.6 M versions of 1.28 M
// articles: 3.6 versions an article on average.
const (
	NewsEditsVersions = 4_600_000
	NewsEditsArticles = 1_280_000
)

// maxVersionsPer caps one article's versions, as the corpus's longest
// histories are a few dozen.
const maxVersionsPer = 40

// Corpus describes a store shaped like the NewsEdits corpus: articles
// with 1 to maxVersionsPer versions (geometric, the corpus's mean), texts
// of about 4.5 KB, a byline changed in one revision in 500 (a class few
// rows match) and a share of versions stored with the page they were read
// from, as a crawl keeps it.
type Corpus struct {
	Versions     int     // versions in all
	CaptureShare float64 // share of versions with a captured page, 0 to 1
	Seed         uint64
}

// VersionsOf is how many versions article i (from 0) has.
func (c Corpus) VersionsOf(i int) int {
	r := rand.New(rand.NewPCG(c.Seed, uint64(i)))
	// Geometric on 1, 2, ... with the corpus's mean.
	p := float64(NewsEditsArticles) / NewsEditsVersions
	n := 1 + int(math.Log(1-r.Float64())/math.Log(1-p))
	return min(max(n, 1), maxVersionsPer)
}

// Articles is how many articles hold c.Versions versions; the last one
// may have fewer than VersionsOf says.
func (c Corpus) Articles() int {
	n, total := 0, 0
	for total < c.Versions {
		total += c.VersionsOf(n)
		n++
	}
	return n
}

// corpusArticle is one article's records, made off the writer's path.
type corpusArticle struct {
	index int
	art   model.Article
	recs  []store.CheckRecord
}

// SeedCorpus writes the corpus into an empty store in bulk: articles are
// made (texts, diffs, classes, captures) on every core while one writer
// adds them a thousand at a time and records their versions in batched
// transactions. progress, when set, is called now and then with the
// versions written.
func SeedCorpus(ctx context.Context, st *store.Store, c Corpus, progress func(versions int)) (SeedStats, error) {
	start := time.Now()
	outlets := make([]model.Outlet, seedOutlets)
	for i := range outlets {
		o, err := st.EnsureOutlet(ctx, fmt.Sprintf("Outlet %02d", i+1), fmt.Sprintf("outlet%02d.example", i+1))
		if err != nil {
			return SeedStats{}, err
		}
		outlets[i] = o
	}
	articles := c.Articles()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Makers take article indexes in order and hand back their records;
	// the writer puts them back in order, so ids follow indexes.
	jobs := make(chan int, 256)
	made := make(chan corpusArticle, 2048)
	go func() {
		defer close(jobs)
		for i := range articles {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				a := c.article(i, outlets[i%len(outlets)], articles)
				select {
				case made <- a:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(made) }()

	stats := SeedStats{}
	pending := map[int]corpusArticle{}
	next := 0
	var batch []corpusArticle
	versions := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		arts := make([]model.Article, len(batch))
		for i, a := range batch {
			arts[i] = a.art
		}
		stored, err := st.AddArticles(ctx, arts)
		if err != nil {
			return err
		}
		var recs []store.CheckRecord
		for i, a := range batch {
			for _, r := range a.recs {
				r.Article.ID = stored[i].ID
				r.Check.ArticleID = stored[i].ID
				r.Version.ArticleID = stored[i].ID
				recs = append(recs, r)
				if len(recs) >= seedBatch {
					if _, err := st.RecordBatch(ctx, recs); err != nil {
						return err
					}
					recs = recs[:0]
				}
			}
			versions += len(a.recs)
		}
		if len(recs) > 0 {
			if _, err := st.RecordBatch(ctx, recs); err != nil {
				return err
			}
		}
		stats.Articles += len(batch)
		stats.Versions = versions
		batch = batch[:0]
		if progress != nil {
			progress(versions)
		}
		return nil
	}
	for a := range made {
		pending[a.index] = a
		for {
			a, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			batch = append(batch, a)
			if len(batch) >= 1000 {
				if err := flush(); err != nil {
					return stats, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return stats, err
	}
	stats.Took = time.Since(start)
	if stats.Articles != articles {
		return stats, fmt.Errorf("loadbench: seeded %d of %d articles", stats.Articles, articles)
	}
	return stats, ctx.Err()
}

// article makes article i's versions, each classified against the one
// before as a crawl would record it.
func (c Corpus) article(i int, o model.Outlet, articles int) corpusArticle {
	r := rand.New(rand.NewPCG(c.Seed^0x9e3779b97f4a7c15, uint64(i)))
	n := c.VersionsOf(i)
	if i == articles-1 {
		// The last article takes what is left to reach c.Versions.
		total := 0
		for j := range i {
			total += c.VersionsOf(j)
		}
		n = c.Versions - total
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	first := base.Add(time.Duration(i) * 20 * time.Second)
	a := model.Article{OutletID: o.ID, FirstSeen: first, Published: first,
		URL: fmt.Sprintf("https://%s/news/%d-story", o.Host, i), State: model.StateActive, NextCheck: first}
	title, byline, text := headline(r), "Jane Doe", longBody(r)
	out := corpusArticle{index: i, art: a}
	var prev model.Version
	for seq := range n {
		at := first.Add(time.Duration(seq) * time.Hour)
		if seq > 0 {
			title, text = revision(r, title, text)
			if r.IntN(500) == 0 {
				byline = "John Roe"
			}
		}
		v := model.Version{Seq: seq, FetchedAt: at, Title: title, Byline: byline, Published: first, Text: text,
			Hash: revise.Hash(title, byline, text), Extractor: "seed"}
		if seq > 0 {
			d := diff.Compare(diff.Doc{Title: prev.Title, Byline: prev.Byline, Text: prev.Text},
				diff.Doc{Title: v.Title, Byline: v.Byline, Text: v.Text})
			v.Added, v.Removed = d.Added, d.Removed
			for _, cl := range d.Classes {
				v.Classes = append(v.Classes, string(cl))
			}
		}
		rec := store.CheckRecord{Article: a, Version: &v,
			Check: model.Check{At: at, Status: 200, Outcome: model.OutcomeNewVersion, Hash: v.Hash}}
		if r.Float64() < c.CaptureShare {
			page := capturePage(a.URL, v)
			hash, blob, err := archive.Pack(page)
			if err == nil {
				v.CaptureHash = hash
				rec.Capture = &model.Capture{Hash: hash, URL: a.URL, Status: 200, FetchedAt: at, Size: int64(len(page)),
					Body: blob, Header: map[string][]string{"Content-Type": {"text/html; charset=utf-8"}}}
			}
		}
		prev = v
		rec.Article.LastChecked, rec.Article.LastChanged = at, at
		out.art.LastChecked, out.art.LastChanged = at, at
		out.recs = append(out.recs, rec)
	}
	return out
}

// longBody is an article text of about 4.5 KB, the corpus's size.
func longBody(r *rand.Rand) string { return paragraphs(r, 14, 7) }

// pageChrome is the markup around an article on a news page: navigation,
// scripts, styles and footer, alike across one outlet's pages, about
// 40 KB as on real outlets once their inline scripts are counted.
var pageChrome = func() string {
	var b strings.Builder
	b.WriteString(`<nav class="site-nav"><ul>`)
	for i := range 60 {
		fmt.Fprintf(&b, `<li><a href="/section/%d" class="nav-link">Section %d</a></li>`, i, i)
	}
	b.WriteString(`</ul></nav><script>window.__CONFIG__={`)
	for i := range 400 {
		fmt.Fprintf(&b, `"feature_%d":{"enabled":%t,"variant":"v%d","weight":%d},`, i, i%3 == 0, i%7, i*37%101)
	}
	b.WriteString(`};</script><style>`)
	for i := range 200 {
		fmt.Fprintf(&b, `.c%d{margin:%dpx;padding:%dpx;color:#%06x}`, i, i%17, i%11, i*7919%0xffffff)
	}
	b.WriteString(`</style>`)
	return b.String()
}()

// capturePage is the page a version was read from.
func capturePage(url string, v model.Version) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html><head><meta charset="utf-8"><title>%s</title><link rel="canonical" href="%s"></head><body>`, v.Title, url)
	b.WriteString(pageChrome)
	fmt.Fprintf(&b, `<article><h1>%s</h1><p class="byline">%s</p>`, v.Title, v.Byline)
	for _, p := range strings.Split(v.Text, "\n\n") {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</article><footer>&copy; 2026</footer></body></html>`)
	return []byte(b.String())
}
