package stories

import (
	"context"
	"slices"
	"time"
)

// Memory keeps articles, copies and stories in memory: the reference
// implementation of what the store keeps, for tests and tools.
type Memory struct {
	articles map[int64]Article
	bands    map[int64][]int64 // band key -> article ids
	facts    map[int64][]int64 // fact key -> article ids
	links    map[[2]int64]float64
	story    map[int64]int64 // article -> story
	nextID   int64
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory {
	return &Memory{
		articles: map[int64]Article{}, bands: map[int64][]int64{}, facts: map[int64][]int64{},
		links: map[[2]int64]float64{}, story: map[int64]int64{},
	}
}

// Add places an article and records the placement.
func (m *Memory) Add(ctx context.Context, a Article) (Placement, error) {
	pl, err := Place(ctx, m, &a)
	if err != nil {
		return pl, err
	}
	m.articles[a.ID] = a
	for _, k := range pl.Bands {
		m.bands[k] = append(m.bands[k], a.ID)
	}
	for _, k := range pl.Facts {
		m.facts[k] = append(m.facts[k], a.ID)
	}
	for _, l := range pl.Copies {
		m.links[pair(a.ID, l.Other)] = l.Shared
	}
	switch {
	case pl.Story != 0:
		m.story[a.ID] = pl.Story
	case pl.With != 0:
		m.nextID++
		m.story[a.ID], m.story[pl.With] = m.nextID, m.nextID
	}
	return pl, nil
}

func pair(a, b int64) [2]int64 {
	if a > b {
		a, b = b, a
	}
	return [2]int64{a, b}
}

// Linked says whether two articles are recorded as copies.
func (m *Memory) Linked(a, b int64) bool {
	_, ok := m.links[pair(a, b)]
	return ok
}

// StoryOf returns an article's story, 0 for none.
func (m *Memory) StoryOf(id int64) int64 { return m.story[id] }

// Group returns the copies connected to id by links, id included, sorted.
func (m *Memory) Group(id int64) []int64 {
	seen := map[int64]bool{id: true}
	queue := []int64{id}
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for p := range m.links {
			for i, y := range p {
				if y == x && !seen[p[1-i]] {
					seen[p[1-i]] = true
					queue = append(queue, p[1-i])
				}
			}
		}
	}
	out := make([]int64, 0, len(seen))
	for x := range seen {
		out = append(out, x)
	}
	slices.Sort(out)
	return out
}

// Origin returns the agency and origin copy of id's group of copies.
func (m *Memory) Origin(id int64) (string, int64) {
	var cs []Copy
	for _, x := range m.Group(id) {
		a := m.articles[x]
		cs = append(cs, Copy{ID: a.ID, Outlet: a.Outlet, Host: a.Host, Byline: a.Byline, Paragraphs: a.Paragraphs, FirstSeen: a.FirstSeen})
	}
	return Origin(cs)
}

// Merge moves every member of story from into story into.
func (m *Memory) Merge(into, from int64) {
	for a, s := range m.story {
		if s == from {
			m.story[a] = into
		}
	}
}

// Split moves the given members of their story into a new story and
// returns its id.
func (m *Memory) Split(ids []int64) int64 {
	m.nextID++
	for _, a := range ids {
		if _, ok := m.story[a]; ok {
			m.story[a] = m.nextID
		}
	}
	return m.nextID
}

// ByBands implements Catalog.
func (m *Memory) ByBands(_ context.Context, keys []int64, outlet int64, limit int) ([]int64, error) {
	count := map[int64]int{}
	for _, k := range keys {
		for _, id := range m.bands[k] {
			if m.articles[id].OutletID != outlet {
				count[id]++
			}
		}
	}
	return ranked(count, limit), nil
}

// ByFacts implements Catalog.
func (m *Memory) ByFacts(_ context.Context, keys []int64, id int64, from, to time.Time, limit int) ([]int64, error) {
	count := map[int64]int{}
	for _, k := range keys {
		for _, x := range m.facts[k] {
			if t := m.articles[x].FirstSeen; x != id && !t.Before(from) && !t.After(to) {
				count[x]++
			}
		}
	}
	return ranked(count, limit), nil
}

// Articles implements Catalog.
func (m *Memory) Articles(_ context.Context, ids []int64) ([]Article, error) {
	var out []Article
	for _, id := range ids {
		if a, ok := m.articles[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// Stories implements Catalog.
func (m *Memory) Stories(_ context.Context, ids []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	for _, id := range ids {
		if s, ok := m.story[id]; ok {
			out[id] = s
		}
	}
	return out, nil
}

// ranked returns the ids with the highest counts first (ties by id), at
// most limit.
func ranked(count map[int64]int, limit int) []int64 {
	ids := make([]int64, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return int(a - b)
	})
	if len(ids) > limit {
		ids = ids[:limit]
	}
	return ids
}
