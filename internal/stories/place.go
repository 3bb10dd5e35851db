package stories

import (
	"context"
	"fmt"
	"hash/fnv"
	"slices"
	"time"
)

// Candidate limits: placing one article reads at most this many stored
// articles, however large the store, so its cost stays flat. Forty is
// more outlets than usually carry one text or report one event within
// days; when more do, the forty most alike are enough, because an article
// joins a group of copies or a story through any one member. Sixty-four
// facts cover the names, places and figures of a long report; beyond
// them come passing mentions.
const (
	MaxCopyCandidates  = 40 // articles sharing band keys, most keys first
	MaxEventCandidates = 40 // articles sharing facts within the window, most facts first
	maxFactKeys        = 64 // facts of one article indexed and looked up
)

// Article is an article's latest version as placement reads it.
type Article struct {
	ID         int64
	OutletID   int64
	Outlet     string
	Host       string
	Title      string
	Byline     string
	Paragraphs []string
	FirstSeen  time.Time

	// Derived from the text; kept by a Catalog that holds articles in
	// memory so each is computed once.
	print    *Print
	features *Features
}

// Print returns the article's copy fingerprint.
func (a *Article) Print() Print {
	if a.print == nil {
		p := NewPrint(a.Paragraphs)
		a.print = &p
	}
	return *a.print
}

// Features returns the article's event features.
func (a *Article) Features() Features {
	if a.features == nil {
		f := NewFeatures(*a)
		a.features = &f
	}
	return *a.features
}

// Catalog is what placement asks of the stored articles. The store-backed
// implementation answers each call with index lookups.
type Catalog interface {
	// ByBands lists up to limit articles of other outlets than outlet that
	// share a band key with keys, those sharing most first.
	ByBands(ctx context.Context, keys []int64, outlet int64, limit int) ([]int64, error)
	// ByFacts lists up to limit articles other than id first seen in
	// [from, to] that share a fact key with keys, those sharing most first.
	ByFacts(ctx context.Context, keys []int64, id int64, from, to time.Time, limit int) ([]int64, error)
	// Articles loads articles by id; unknown ids are left out.
	Articles(ctx context.Context, ids []int64) ([]Article, error)
	// Stories returns the story of each id that has one.
	Stories(ctx context.Context, ids []int64) (map[int64]int64, error)
}

// Link is a verified copy of the placed article.
type Link struct {
	Other  int64
	Shared float64
}

// Placement is what placing one article decided. The caller stores it.
type Placement struct {
	Bands  []int64 // the article's band keys, to index
	Facts  []int64 // the article's fact keys, to index
	Copies []Link  // verified copies in other outlets
	// Story: the story the article joins (0: none). When With is set, the
	// story is new and founded by the article and With, which has none.
	Story int64
	With  int64
	Score float64
}

// FactKeys hashes an article's facts into index keys, at most maxFactKeys,
// preferring places and names to numbers: they are what coverage of one
// event shares most reliably.
func FactKeys(f Features) []int64 {
	facts := slices.Clone(f.Facts)
	rank := func(s string) int {
		switch s[:2] {
		case factPlace:
			return 0
		case factName:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(facts, func(a, b string) int { return rank(a) - rank(b) })
	if len(facts) > maxFactKeys {
		facts = facts[:maxFactKeys]
	}
	keys := make([]int64, len(facts))
	for i, s := range facts {
		h := fnv.New64a()
		h.Write([]byte(s))
		keys[i] = int64(h.Sum64())
	}
	return keys
}

// Place decides the copies and the story of article a. An article already
// in a story stays there: membership changes only by merge and split.
func Place(ctx context.Context, c Catalog, a *Article) (Placement, error) {
	pr, fe := a.Print(), a.Features()
	pl := Placement{Bands: pr.BandKeys(), Facts: FactKeys(fe)}

	copyIDs, err := c.ByBands(ctx, pl.Bands, a.OutletID, MaxCopyCandidates)
	if err != nil {
		return pl, fmt.Errorf("stories: copy candidates: %w", err)
	}
	eventIDs, err := c.ByFacts(ctx, pl.Facts, a.ID, a.FirstSeen.Add(-EventWindow), a.FirstSeen.Add(EventWindow), MaxEventCandidates)
	if err != nil {
		return pl, fmt.Errorf("stories: event candidates: %w", err)
	}
	ids := union(copyIDs, eventIDs, a.ID)
	cands, err := c.Articles(ctx, ids)
	if err != nil {
		return pl, fmt.Errorf("stories: load candidates: %w", err)
	}
	scores := map[int64]float64{}
	for i := range cands {
		o := &cands[i]
		if o.OutletID != a.OutletID {
			if ok, f := IsCopy(pr, o.Print()); ok {
				pl.Copies = append(pl.Copies, Link{Other: o.ID, Shared: f})
				// A copy is the same event whatever the window: it
				// outranks any match by features.
				scores[o.ID] = 1 + f
				continue
			}
		}
		if d := o.FirstSeen.Sub(a.FirstSeen); d > EventWindow || d < -EventWindow {
			continue
		}
		s := Compare(fe, o.Features())
		if o.OutletID == a.OutletID && s.SameEventInOutlet() || o.OutletID != a.OutletID && s.SameEvent() {
			scores[o.ID] = s.Score()
		}
	}
	return pl, chooseStory(ctx, c, a.ID, scores, &pl)
}

// chooseStory picks the story the article fits best: the story of its
// best-scoring match, or a new one with that match when it has none.
func chooseStory(ctx context.Context, c Catalog, id int64, scores map[int64]float64, pl *Placement) error {
	ids := []int64{id}
	for o := range scores {
		ids = append(ids, o)
	}
	of, err := c.Stories(ctx, ids)
	if err != nil {
		return fmt.Errorf("stories: memberships: %w", err)
	}
	if s, ok := of[id]; ok {
		pl.Story = s
		return nil
	}
	// Best score per story; an unplaced match stands for the story it
	// would found with the article.
	var best int64
	bestScore := 0.0
	for o, sc := range scores {
		if sc > bestScore || sc == bestScore && o < best {
			best, bestScore = o, sc
		}
	}
	byStory := map[int64]float64{}
	for o, sc := range scores {
		if s, ok := of[o]; ok {
			byStory[s] = max(byStory[s], sc)
		}
	}
	var story int64
	storyScore := 0.0
	for s, sc := range byStory {
		if sc > storyScore || sc == storyScore && s < story {
			story, storyScore = s, sc
		}
	}
	switch {
	case story != 0 && storyScore >= bestScore:
		pl.Story, pl.Score = story, storyScore
	case best != 0:
		pl.With, pl.Score = best, bestScore
	}
	return nil
}

func union(a, b []int64, except int64) []int64 {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(x int64) bool { return x == except })
}
