package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/errata/errata/internal/model"
	"github.com/errata/errata/internal/store"
	"github.com/errata/errata/internal/stories"
)

// Placer places articles into groups of copies and stories as their
// versions are recorded: one placement per new version, reading the
// store through its indexes, never the whole store.
type Placer struct {
	Store *store.Store
	Now   func() time.Time
	Log   *slog.Logger
}

// NewPlacer returns a placer on st with the real clock.
func NewPlacer(st *store.Store, log *slog.Logger) *Placer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Placer{Store: st, Now: time.Now, Log: log}
}

// Place places one article by its latest version. An article without a
// version has nothing to place.
func (p *Placer) Place(ctx context.Context, articleID int64) error {
	arts, err := p.Store.StoryArticles(ctx, []int64{articleID})
	if err != nil || len(arts) == 0 {
		return err
	}
	a := storyArticle(arts[0])
	unlock, err := p.Store.LockPlacement(ctx)
	if err != nil {
		return fmt.Errorf("jobs: place article %d: %w", articleID, err)
	}
	defer unlock()
	pl, err := stories.Place(ctx, catalog{p.Store}, &a)
	if err != nil {
		return fmt.Errorf("jobs: place article %d: %w", articleID, err)
	}
	rec := store.Placement{ArticleID: a.ID, OutletID: a.OutletID, SeenAt: a.FirstSeen, At: p.Now(), Bands: pl.Bands, Facts: pl.Facts,
		Story: pl.Story, With: pl.With, Score: pl.Score, Title: a.Title}
	for _, c := range pl.Copies {
		rec.Copies = append(rec.Copies, store.WireLink{Other: c.Other, Shared: c.Shared})
	}
	wire, story, err := p.Store.SavePlacement(ctx, rec)
	if err != nil {
		return fmt.Errorf("jobs: place article %d: %w", articleID, err)
	}
	if wire != 0 && len(pl.Copies) > 0 {
		if err := p.setOrigin(ctx, wire); err != nil {
			return err
		}
	}
	if story != 0 || wire != 0 {
		p.Log.Debug("article placed", slog.Int64("article", articleID), slog.Int64("story", story),
			slog.Int64("wire", wire), slog.Int("copies", len(pl.Copies)))
	}
	return nil
}

// setOrigin finds the origin of a group of copies again after it grew.
func (p *Placer) setOrigin(ctx context.Context, wire int64) error {
	ms, err := p.Store.WireMembers(ctx, wire)
	if err != nil {
		return fmt.Errorf("jobs: wire %d: %w", wire, err)
	}
	cs := make([]stories.Copy, len(ms))
	for i, m := range ms {
		cs[i] = stories.Copy{ID: m.ID, Outlet: m.Outlet, Host: m.Host, Byline: m.Byline,
			Paragraphs: paragraphs(m.Text), FirstSeen: m.FirstSeen}
	}
	agency, origin := stories.Origin(cs)
	return p.Store.SetWireOrigin(ctx, wire, origin, agency)
}

func storyArticle(a store.StoryArticle) stories.Article {
	return stories.Article{ID: a.ID, OutletID: a.OutletID, Outlet: a.Outlet, Host: a.Host, Title: a.Title,
		Byline: a.Byline, Paragraphs: paragraphs(a.Text), FirstSeen: a.FirstSeen}
}

// paragraphs splits a stored text: paragraphs are joined by blank lines.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// catalog answers stories.Place from the store's indexes.
type catalog struct{ st *store.Store }

func (c catalog) ByBands(ctx context.Context, keys []int64, outlet int64, limit int) ([]int64, error) {
	return c.st.StoryBandCandidates(ctx, keys, outlet, limit)
}

func (c catalog) ByFacts(ctx context.Context, keys []int64, id int64, from, to time.Time, limit int) ([]int64, error) {
	return c.st.StoryFactCandidates(ctx, keys, id, from, to, limit)
}

func (c catalog) Articles(ctx context.Context, ids []int64) ([]stories.Article, error) {
	arts, err := c.st.StoryArticles(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]stories.Article, len(arts))
	for i, a := range arts {
		out[i] = storyArticle(a)
	}
	return out, nil
}

func (c catalog) Stories(ctx context.Context, ids []int64) (map[int64]int64, error) {
	return c.st.StoriesOf(ctx, ids)
}

// PlaceCollector gathers the articles a crawl recorded versions of, to be
// placed once the pass is over, oldest first, as deliveries are.
type PlaceCollector struct {
	p   *Placer
	mu  sync.Mutex
	ids map[int64]time.Time
}

// NewPlaceCollector returns a collector for p.
func NewPlaceCollector(p *Placer) *PlaceCollector {
	return &PlaceCollector{p: p, ids: map[int64]time.Time{}}
}

// Recorded keeps the article of a newly recorded version; it suits
// Engine.OnVersion.
func (c *PlaceCollector) Recorded(_ context.Context, a model.Article, _ model.Version) {
	c.mu.Lock()
	c.ids[a.ID] = a.FirstSeen
	c.mu.Unlock()
}

// PlaceAll places every kept article, first seen first, and reports how
// many it placed.
func (c *PlaceCollector) PlaceAll(ctx context.Context) (int, error) {
	c.mu.Lock()
	ids := make([]int64, 0, len(c.ids))
	for id := range c.ids {
		ids = append(ids, id)
	}
	seen := c.ids
	c.ids = map[int64]time.Time{}
	c.mu.Unlock()
	slices.SortFunc(ids, func(a, b int64) int {
		if d := seen[a].Compare(seen[b]); d != 0 {
			return d
		}
		return int(a - b)
	})
	for i, id := range ids {
		if err := ctx.Err(); err != nil {
			return i, err
		}
		if err := c.p.Place(ctx, id); err != nil {
			return i, err
		}
	}
	return len(ids), nil
}

// placePage is how many articles PlaceStored reads from the store at once.
const placePage = 500

// PlaceStored places every stored article, oldest first: for a store
// whose articles were recorded before stories existed. It reports how
// many articles it placed.
func (p *Placer) PlaceStored(ctx context.Context) (int, error) {
	n := 0
	for after := int64(0); ; {
		arts, err := p.Store.Articles(ctx, after, placePage)
		if err != nil || len(arts) == 0 {
			return n, err
		}
		for _, a := range arts {
			if err := ctx.Err(); err != nil {
				return n, err
			}
			if err := p.Place(ctx, a.ID); err != nil {
				return n, err
			}
			n++
		}
		after = arts[len(arts)-1].ID
	}
}
