package stories_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/errata/errata/internal/newsroom"
	"github.com/errata/errata/internal/stories"
)

// rates counts pairwise decisions against the truth.
type rates struct{ tp, fp, fn int }

func (r *rates) add(predicted, truth bool) {
	switch {
	case predicted && truth:
		r.tp++
	case predicted:
		r.fp++
	case truth:
		r.fn++
	}
}

func (r rates) precision() float64 {
	if r.tp+r.fp == 0 {
		return 1
	}
	return float64(r.tp) / float64(r.tp+r.fp)
}

func (r rates) recall() float64 {
	if r.tp+r.fn == 0 {
		return 1
	}
	return float64(r.tp) / float64(r.tp+r.fn)
}

func placeAll(t *testing.T, arts []stories.Article) *stories.Memory {
	t.Helper()
	m := stories.NewMemory()
	order := slices.Clone(arts)
	slices.SortStableFunc(order, func(a, b stories.Article) int { return a.FirstSeen.Compare(b.FirstSeen) })
	for _, a := range order {
		if _, err := m.Add(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestAcceptance_NewsroomCorpus(t *testing.T) {
	for _, seed := range []int64{1, 2, 3, 4, 5} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			corpus := newsroom.StoriesCorpus(seed)
			arts := make([]stories.Article, len(corpus))
			outletIDs := map[string]int64{}
			for i, c := range corpus {
				if outletIDs[c.Outlet] == 0 {
					outletIDs[c.Outlet] = int64(len(outletIDs) + 1)
				}
				arts[i] = stories.Article{ID: c.ID, OutletID: outletIDs[c.Outlet], Outlet: c.Outlet, Host: c.Host,
					Title: c.Title, Byline: c.Byline, Paragraphs: c.Paragraphs, FirstSeen: c.FirstSeen}
			}
			m := placeAll(t, arts)

			var wire, story rates
			for i, a := range corpus {
				for _, b := range corpus[i+1:] {
					wire.add(m.Linked(a.ID, b.ID), a.Wire != 0 && a.Wire == b.Wire)
					sa, sb := m.StoryOf(a.ID), m.StoryOf(b.ID)
					story.add(sa != 0 && sa == sb, a.Event == b.Event)
					if testing.Verbose() && (m.Linked(a.ID, b.ID) != (a.Wire != 0 && a.Wire == b.Wire) || (sa != 0 && sa == sb) != (a.Event == b.Event)) {
						t.Logf("miss %d(w%d e%d s%d) %d(w%d e%d s%d) linked=%v", a.ID, a.Wire, a.Event, sa, b.ID, b.Wire, b.Event, sb, m.Linked(a.ID, b.ID))
					}
				}
			}
			groups, right := 0, 0
			for _, c := range corpus {
				if !c.Origin {
					continue
				}
				groups++
				if _, got := m.Origin(c.ID); got == c.ID {
					right++
				}
			}
			origin := float64(right) / float64(groups)
			t.Logf("%d articles: wire copies precision %.3f recall %.3f; stories pairwise precision %.3f recall %.3f; origin %d/%d = %.3f",
				len(corpus), wire.precision(), wire.recall(), story.precision(), story.recall(), right, groups, origin)
			if wire.precision() < 0.95 || wire.recall() < 0.95 {
				t.Errorf("wire copies: precision %.3f recall %.3f, want both >= 0.95", wire.precision(), wire.recall())
			}
			if story.precision() < 0.95 || story.recall() < 0.9 {
				t.Errorf("stories: precision %.3f recall %.3f, want >= 0.95 and >= 0.9", story.precision(), story.recall())
			}
			if origin < 0.9 {
				t.Errorf("origin right for %.3f of groups, want >= 0.9", origin)
			}
		})
	}
}
